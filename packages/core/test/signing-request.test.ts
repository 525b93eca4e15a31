import { describe, expect, it } from 'vitest';
import { createNodeEngine } from '../src/engines/index.js';
import { signRequest, verifyRequestSignature } from '../src/signing/index.js';
import { parseAuthorization } from '../src/protocol/index.js';
import { senderPrivate, senderPublic, receiverPublic, utf8, vectors } from './vectors-fixtures.js';

// Test keys from test-vectors/: public test material, never for real use.
describe('signRequest (protocol.md §3)', () => {
  it.each(vectors.requests.map((v) => [`${v.method} ${v.url}`, v] as const))('reproduces the vector for %s', async (_name, v) => {
    const signed = await signRequest({
      method: v.method,
      url: v.url,
      body: utf8(v.body),
      mchid: vectors.mchid,
      serialNo: vectors.serial_no,
      privateKey: senderPrivate,
      nonce: v.nonce_str,
      timestamp: Number(v.timestamp),
    });
    expect(signed).toEqual({
      authorization: v.authorization,
      message: utf8(v.message),
      signature: v.signature,
      timestamp: Number(v.timestamp),
      nonce: v.nonce_str,
    });
  });

  it('takes the time from the clock and draws a fresh nonce', async () => {
    const options = { method: 'POST', url: '/p', body: '{}', mchid: '1', serialNo: 'S', privateKey: senderPrivate, clock: () => 1757900123 };
    const [a, b] = await Promise.all([signRequest(options), signRequest(options)]);
    expect(a.timestamp).toBe(1757900123);
    expect(parseAuthorization(a.authorization)).toMatchObject({ timestamp: 1757900123, nonce: a.nonce, mchid: '1', serialNo: 'S' });
    expect(a.nonce).toMatch(/^[0-9A-Za-z]{32}$/);
    expect(a.nonce).not.toBe(b.nonce);
  });

  it('uses the engine it is given', async () => {
    const engine = createNodeEngine();
    const signed = await signRequest({ method: 'GET', url: '/', body: '', mchid: '1', serialNo: 'S', privateKey: senderPrivate, engine });
    expect(engine.verifySync(senderPublic, signed.message, signed.signature)).toBe(true);
  });

  it('rejects an mchid that the Authorization grammar cannot carry with INVALID_OPTIONS', async () => {
    await expect(
      signRequest({ method: 'GET', url: '/', body: '', mchid: '19 00', serialNo: 'S', privateKey: senderPrivate }),
    ).rejects.toMatchObject({ code: 'INVALID_OPTIONS', detail: { field: 'mchid' } });
  });
});

describe('verifyRequestSignature (protocol.md §3)', () => {
  const v = vectors.requests[1]!;
  // Built inside each test, not when the suite is collected, so the parser runs under a test (mutation
  // testing attributes its coverage per test).
  const request = () => ({ method: v.method, url: v.url, body: utf8(v.body), authorization: parseAuthorization(v.authorization), publicKey: senderPublic });

  it('accepts the vector signature over the raw bytes', async () => {
    await expect(verifyRequestSignature(request())).resolves.toBe(true);
  });

  it('rejects a re-serialised body (protocol.md §7 item 1)', async () => {
    const reserialised = JSON.stringify(JSON.parse(v.body));
    await expect(verifyRequestSignature({ ...request(), body: reserialised })).resolves.toBe(false);
  });

  it('rejects a body with a trailing newline added', async () => {
    await expect(verifyRequestSignature({ ...request(), body: `${v.body}\n` })).resolves.toBe(false);
  });

  it('rejects a different query string (protocol.md §7 item 6)', async () => {
    await expect(verifyRequestSignature({ ...request(), url: `${v.url}?x=1` })).resolves.toBe(false);
  });

  it('rejects the wrong public key (protocol.md §7 item 2)', async () => {
    await expect(verifyRequestSignature({ ...request(), publicKey: receiverPublic })).resolves.toBe(false);
  });

  it('answers false for a probe signature instead of throwing (protocol.md §4)', async () => {
    const authorization = { ...request().authorization, signature: 'WECHATPAY/SIGNTEST/AAAA' };
    await expect(verifyRequestSignature({ ...request(), authorization })).resolves.toBe(false);
  });
});
