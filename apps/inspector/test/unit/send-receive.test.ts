import { afterEach, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../src/main/services/create-services.js';
import { signWithStore } from '../../src/main/services/sign-service.js';
import { sha256Hex } from '../../src/main/services/bytes.js';
import { seededDataDir } from './seeded-data-dir.js';

let services: Services | undefined;
afterEach(async () => {
  await services?.close();
  services = undefined;
});

function start(): Services {
  services = createServices({ dataDir: seededDataDir(), mode: 'test', version: '0.1.0' });
  return services;
}

function keyIds(s: Services): { merchant: string; platform: string } {
  const keys = s.keys.list();
  return { merchant: keys.find((k) => k.role === 'merchant')!.id, platform: keys.find((k) => k.role === 'platform')!.id };
}

describe('send service → local receiver (real HTTP on 127.0.0.1)', () => {
  it('sends the documentation’s example notification, the receiver accepts it and the answer signature verifies', async () => {
    const s = start();
    const { merchant, platform } = keyIds(s);
    const { notification } = s.compose.sample();
    const result = await s.send.run({ target: { kind: 'local' }, keyId: merchant, body: { kind: 'notification', notification } });
    expect(result.verdict).toMatchObject({ kind: 'accepted', ok: true, answerKeyId: s.keys.get(platform).summary.keyId });
    expect(result.response?.status).toBe(200);
    expect(result.response?.json).toEqual({ ret_msg: 'SUCC' });
    expect(result.request.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v3\/aggracct-bc\/wb-channel\/control-orders\/info\/update\/result\/notify$/);
    // The body sent is pinned to the body signed.
    const sent = Buffer.from(result.request.body.base64, 'base64');
    expect(result.request.signedBodySha256).toBe(sha256Hex(sent));
    expect(result.request.sentBodySha256).toBe(sha256Hex(sent));
  });

  it('shows the accepted request in the receiver events with its raw bytes, and both sides in the history', async () => {
    const s = start();
    const { merchant } = keyIds(s);
    const { notification } = s.compose.sample();
    const sent = await s.send.run({ target: { kind: 'local' }, keyId: merchant, body: { kind: 'notification', notification } });
    const { events, next } = s.receiver.events({ since: 0 });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ outcome: 'accepted', status: 200, outRequestNo: 'htozr8denqegbt6tk6u10iymo7yww5pn', mchid: '1900016681' });
    expect(events[0]?.request.body.base64).toBe(sent.request.body.base64);
    expect(Buffer.from(events[0]!.rawRequestBase64, 'base64').toString('utf8')).toMatch(/^POST \/v3\/aggracct-bc\/.+ HTTP\/1\.1\r\n/);
    expect(s.receiver.events({ since: next }).events).toEqual([]);
    const history = s.history.search({ query: 'htozr8denqegbt6tk6u10iymo7yww5pn' });
    expect(history.entries.map((e) => e.direction).sort()).toEqual(['received', 'sent']);
    expect(history.entries.every((e) => e.ok)).toBe(true);
  });

  it('records a tampered body as rejected with SIGNATURE_MISMATCH and decode names the re-serialised body', async () => {
    const s = start();
    const { merchant } = keyIds(s);
    const url = await s.receiver.ensureUrl();
    const { notification } = s.compose.sample();
    const { output, body } = await signWithStore(s.keys, { keyId: merchant, url, body: { kind: 'notification', notification } });
    // A proxy that parses and pretty-prints the JSON: same data, other bytes (protocol.md §7.1).
    const tampered = JSON.stringify(JSON.parse(Buffer.from(body).toString('utf8')), null, 2);
    const answer = await fetch(url, { method: 'POST', headers: output.headers, body: tampered });
    expect(answer.status).toBe(401);
    const [event] = s.receiver.events().events;
    expect(event).toMatchObject({ outcome: 'rejected', status: 401, code: 'SIGNATURE_MISMATCH' });
    const decoded = await s.decode.run({ input: { kind: 'receiver-event', eventId: event!.id } });
    expect(decoded.verdict).toMatchObject({ kind: 'signature-invalid', ok: false, code: 'BODY_RESERIALISED' });
    const proof = decoded.diagnosis?.variants.find((v) => v.verifies);
    expect(proof?.diff.equal).toBe(false);
    expect(proof?.diff.offset).toBeGreaterThan(0);
  });

  it('answers a rejected exchange with the wire code and the receiver’s reason', async () => {
    const s = start();
    const { merchant } = keyIds(s);
    // 301 s old: outside the window (protocol.md §3).
    const timestamp = Math.floor(Date.now() / 1000) - 301;
    const result = await s.send.run({ target: { kind: 'local' }, keyId: merchant, timestamp, body: { kind: 'notification', notification: s.compose.sample().notification } });
    expect(result.verdict).toMatchObject({ kind: 'rejected', ok: false, code: 'SIGN_ERROR', reason: 'TIMESTAMP_OUT_OF_WINDOW' });
    expect(s.history.get(result.historyId).code).toBe('TIMESTAMP_OUT_OF_WINDOW');
  });

  it('reports a closed port as a failed exchange with NETWORK_ERROR, still recorded', async () => {
    const s = start();
    const { merchant } = keyIds(s);
    const url = await s.receiver.ensureUrl();
    await s.receiver.stop();
    const result = await s.send.run({ target: { kind: 'url', url }, keyId: merchant, body: { kind: 'text', text: '{}' } });
    expect(result.verdict).toMatchObject({ kind: 'failed', ok: false, code: 'NETWORK_ERROR' });
    expect(result.response).toBeUndefined();
    expect(s.history.get(result.historyId).ok).toBe(false);
  });

  it('flags a 2xx whose answer is not signed by a trusted key as answer-unverified', async () => {
    const s = start();
    const { merchant } = keyIds(s);
    // A server that answers 200 without Wechatpay-* headers.
    const { createServer } = await import('node:http');
    const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ret_msg":"SUCC"}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as { port: number }).port;
      const result = await s.send.run({ target: { kind: 'url', url: `http://127.0.0.1:${port}/notify?x=1` }, keyId: merchant, body: { kind: 'text', text: '{}' } });
      expect(result.verdict).toMatchObject({ kind: 'answer-unverified', ok: false, code: 'ANSWER_HEADERS_MISSING' });
      expect(result.request.signedUrl).toBe('/notify?x=1');
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('local receiver and the key store', () => {
  it('trusts a merchant key imported while it runs, without a restart', async () => {
    const s = start();
    const url = await s.receiver.ensureUrl();
    const { generateTestKeySet } = await import('@auditnotify/core');
    const fresh = generateTestKeySet({ mchid: '1900000077' });
    const imported = await s.keys.import({ role: 'merchant', mchid: fresh.mchid, privateKey: { text: fresh.sender.privateKeyPem }, certificate: { text: fresh.sender.certificatePem } });
    expect(s.receiver.status().senders).toContain(imported.keyId);
    const result = await s.send.run({ target: { kind: 'url', url }, keyId: imported.id, body: { kind: 'notification', notification: { ...s.compose.sample().notification, mchid: fresh.mchid } } });
    expect(result.verdict.kind).toBe('accepted');
  });

  it('answers 503 while no platform key can sign answers', async () => {
    const s = start();
    const platform = s.keys.list().find((k) => k.role === 'platform')!;
    const merchant = s.keys.list().find((k) => k.role === 'merchant')!;
    s.keys.remove(platform.id);
    const result = await s.send.run({ target: { kind: 'local' }, keyId: merchant.id, body: { kind: 'text', text: '{}' } });
    expect(result.response?.status).toBe(503);
    expect(result.verdict).toMatchObject({ kind: 'rejected', code: 'SYSTEM_ERROR' });
  });
});
