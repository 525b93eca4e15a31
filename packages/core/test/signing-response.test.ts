import { describe, expect, it } from 'vitest';
import { signResponse, verifyResponse } from '../src/signing/index.js';
import { AUTHORIZATION_SCHEME } from '../src/protocol/index.js';
import type { HeaderInput } from '../src/types.js';
import { receiverPrivate, receiverPublic, senderPublic, utf8, vectors } from './vectors-fixtures.js';

// Test keys from test-vectors/: public test material, never for real use.
const keyId = vectors.wechatpay_public_key_id;
const publicKeys = new Map([[keyId, receiverPublic]]);
const v = vectors.responses[0]!;
const headers = {
  'wechatpay-timestamp': v.timestamp,
  'wechatpay-nonce': v.nonce,
  'wechatpay-signature': v.signature,
  'wechatpay-serial': v.serial,
  'wechatpay-signature-type': AUTHORIZATION_SCHEME,
};
const at = (seconds: number) => () => seconds;
const pinned = at(Number(v.timestamp));

describe('signResponse (protocol.md §4)', () => {
  it.each(vectors.responses.map((r, i) => [i, r] as const))('reproduces response vector %i with the five Wechatpay-* headers', async (_i, r) => {
    const signed = await signResponse({ body: utf8(r.body), privateKey: receiverPrivate, keyId, nonce: r.nonce, timestamp: Number(r.timestamp) });
    expect(signed).toEqual({
      'Wechatpay-Timestamp': r.timestamp,
      'Wechatpay-Nonce': r.nonce,
      'Wechatpay-Signature': r.signature,
      'Wechatpay-Serial': keyId,
      'Wechatpay-Signature-Type': 'WECHATPAY2-SHA256-RSA2048',
    });
  });

  it('signs with the clock and a fresh nonce, and verifyResponse accepts the result', async () => {
    const body = utf8('{"ret_msg":"SUCC"}');
    const signed = await signResponse({ body, privateKey: receiverPrivate, keyId, clock: at(1757900500) });
    expect(signed['Wechatpay-Nonce']).toMatch(/^[0-9A-Za-z]{32}$/);
    await expect(verifyResponse({ headers: signed, body, publicKeys, clock: at(1757900500) })).resolves.toEqual({
      keyId,
      timestamp: 1757900500,
      nonce: signed['Wechatpay-Nonce'],
    });
  });
});

describe('verifyResponse (protocol.md §4)', () => {
  it.each(vectors.responses.map((r, i) => [i, r] as const))('accepts response vector %i', async (_i, r) => {
    const h = { ...headers, 'wechatpay-timestamp': r.timestamp, 'wechatpay-nonce': r.nonce, 'wechatpay-signature': r.signature };
    await expect(verifyResponse({ headers: h, body: utf8(r.body), publicKeys, clock: at(Number(r.timestamp)) })).resolves.toEqual({
      keyId,
      timestamp: Number(r.timestamp),
      nonce: r.nonce,
    });
  });

  const headerShapes: [string, HeaderInput][] = [
    ['a Fetch Headers object', new Headers(headers)],
    ['canonical-case names', Object.fromEntries(Object.entries(headers).map(([k, value]) => [k.replace(/(^|-)w|(-)(.)/g, (m) => m.toUpperCase()), value]))],
    ['upper-case names', Object.fromEntries(Object.entries(headers).map(([k, value]) => [k.toUpperCase(), value]))],
    ['single-element arrays', Object.fromEntries(Object.entries(headers).map(([k, value]) => [k, [value]]))],
  ];
  it.each(headerShapes)('finds the headers in %s', async (_name, h) => {
    await expect(verifyResponse({ headers: h, body: v.body, publicKeys, clock: pinned })).resolves.toMatchObject({ keyId });
  });

  it.each(['Wechatpay-Timestamp', 'Wechatpay-Nonce', 'Wechatpay-Signature', 'Wechatpay-Serial'])(
    'rejects an answer without %s with ANSWER_HEADERS_MISSING',
    async (name) => {
      const h: Record<string, string> = { ...headers };
      delete h[name.toLowerCase()];
      await expect(verifyResponse({ headers: h, body: v.body, publicKeys, clock: pinned })).rejects.toMatchObject({
        code: 'ANSWER_HEADERS_MISSING',
        detail: { missing: [name] },
      });
    },
  );

  it('treats an empty header as missing and names every missing header', async () => {
    await expect(
      verifyResponse({ headers: { 'wechatpay-signature': '', 'content-type': 'application/json' }, body: v.body, publicKeys, clock: pinned }),
    ).rejects.toMatchObject({
      code: 'ANSWER_HEADERS_MISSING',
      detail: { missing: ['Wechatpay-Timestamp', 'Wechatpay-Nonce', 'Wechatpay-Signature', 'Wechatpay-Serial'] },
    });
  });

  it('rejects a serial that is not a configured key id with ANSWER_SERIAL_UNKNOWN', async () => {
    const error = verifyResponse({ headers: { ...headers, 'wechatpay-serial': 'PUB_KEY_ID_OTHER' }, body: v.body, publicKeys, clock: pinned });
    await expect(error).rejects.toMatchObject({ code: 'ANSWER_SERIAL_UNKNOWN', detail: { keyId: 'PUB_KEY_ID_OTHER', known: [keyId] } });
  });

  it('compares the serial exactly (no case folding)', async () => {
    const h = { ...headers, 'wechatpay-serial': keyId.toLowerCase() };
    await expect(verifyResponse({ headers: h, body: v.body, publicKeys, clock: pinned })).rejects.toMatchObject({ code: 'ANSWER_SERIAL_UNKNOWN' });
  });

  it('accepts a timestamp 299 s old or ahead', async () => {
    await expect(verifyResponse({ headers, body: v.body, publicKeys, clock: at(Number(v.timestamp) + 299) })).resolves.toMatchObject({ keyId });
    await expect(verifyResponse({ headers, body: v.body, publicKeys, clock: at(Number(v.timestamp) - 299) })).resolves.toMatchObject({ keyId });
  });

  it.each([
    ['300 s old', 300],
    ['300 s in the future', -300],
  ])('rejects a timestamp %s with ANSWER_TIMESTAMP_OUT_OF_WINDOW', async (_name, offset) => {
    await expect(verifyResponse({ headers, body: v.body, publicKeys, clock: at(Number(v.timestamp) + offset) })).rejects.toMatchObject({
      code: 'ANSWER_TIMESTAMP_OUT_OF_WINDOW',
      detail: { reason: 'skew', skewSeconds: offset, windowSeconds: 300 },
    });
  });

  it('honours a custom window', async () => {
    await expect(verifyResponse({ headers, body: v.body, publicKeys, clock: at(Number(v.timestamp) + 60), windowSeconds: 60 })).rejects.toMatchObject({
      code: 'ANSWER_TIMESTAMP_OUT_OF_WINDOW',
    });
  });

  it('says so when the timestamp is in milliseconds (protocol.md §7 item 4)', async () => {
    const h = { ...headers, 'wechatpay-timestamp': `${v.timestamp}123` };
    const error = verifyResponse({ headers: h, body: v.body, publicKeys, clock: pinned });
    await expect(error).rejects.toMatchObject({ code: 'ANSWER_TIMESTAMP_OUT_OF_WINDOW', detail: { reason: 'milliseconds' } });
    await expect(error).rejects.toThrow(/milliseconds/);
  });

  it('rejects a timestamp that is not digits with ANSWER_TIMESTAMP_OUT_OF_WINDOW', async () => {
    const h = { ...headers, 'wechatpay-timestamp': '2025-09-15T09:30:00+08:00' };
    await expect(verifyResponse({ headers: h, body: v.body, publicKeys, clock: pinned })).rejects.toMatchObject({
      code: 'ANSWER_TIMESTAMP_OUT_OF_WINDOW',
      detail: { reason: 'not_digits' },
    });
  });

  it('rejects a changed body with ANSWER_SIGNATURE_INVALID', async () => {
    await expect(verifyResponse({ headers, body: '{"ret_msg": "SUCC"}', publicKeys, clock: pinned })).rejects.toMatchObject({
      code: 'ANSWER_SIGNATURE_INVALID',
      detail: { reason: 'mismatch', keyId },
    });
  });

  it('rejects an answer signed by another key under the right id', async () => {
    await expect(verifyResponse({ headers, body: v.body, publicKeys: new Map([[keyId, senderPublic]]), clock: pinned })).rejects.toMatchObject({
      code: 'ANSWER_SIGNATURE_INVALID',
    });
  });

  it('rejects a WECHATPAY/SIGNTEST/ probe cleanly, naming it (protocol.md §4)', async () => {
    const h = { ...headers, 'wechatpay-signature': 'WECHATPAY/SIGNTEST/GK4e3zTzYdYp8yNQ+S4MVsZXZqzQbTJlGwS2lE9a/kT1' };
    await expect(verifyResponse({ headers: h, body: v.body, publicKeys, clock: pinned })).rejects.toMatchObject({
      code: 'ANSWER_SIGNATURE_INVALID',
      detail: { reason: 'probe_signature' },
    });
  });

  it('rejects a signature that is not Base64 with ANSWER_SIGNATURE_INVALID', async () => {
    const h = { ...headers, 'wechatpay-signature': `${v.signature.slice(0, -4)}!!==` };
    await expect(verifyResponse({ headers: h, body: v.body, publicKeys, clock: pinned })).rejects.toMatchObject({
      code: 'ANSWER_SIGNATURE_INVALID',
      detail: { reason: 'not_base64' },
    });
  });

  it.each([0, -1, Number.NaN])('refuses windowSeconds %s with INVALID_OPTIONS', async (windowSeconds) => {
    await expect(verifyResponse({ headers, body: v.body, publicKeys, windowSeconds })).rejects.toMatchObject({ code: 'INVALID_OPTIONS' });
  });
});
