import { afterEach, describe, expect, it } from 'vitest';
import { NOTIFY_PATH, encryptResource, signRequest, signResponse } from '@auditnotify/core';
import { sampleCurlCommand } from '@auditnotify/core/testing';
import { createServices, type Services } from '../../src/main/services/create-services.js';
import { signWithStore } from '../../src/main/services/sign-service.js';
import { seededDataDir } from './seeded-data-dir.js';

/** The documentation's request example (请求示例, docs/protocol.md §1), as an integrator would paste it. */
const SEED_CURL = sampleCurlCommand();

let services: Services | undefined;
afterEach(async () => {
  await services?.close();
  services = undefined;
});

function start(): Services {
  services = createServices({ dataDir: seededDataDir(), mode: 'test', version: '0.1.0' });
  return services;
}

const merchantOf = (s: Services): string => s.keys.list().find((k) => k.role === 'merchant')!.id;

describe('decode service', () => {
  it('decodes the documentation’s curl example into labelled fields and names the elided Authorization as the cause', async () => {
    const s = start();
    const result = await s.decode.run({ input: { kind: 'curl', text: SEED_CURL } });
    expect(result.request).toMatchObject({ method: 'POST', url: NOTIFY_PATH });
    expect(result.request?.headers['host']).toBe('api.mch.weixin.qq.com');
    const outRequestNo = result.fields.find((f) => f.name === 'out_request_no');
    expect(outRequestNo).toMatchObject({ labelZh: '资料更新请求单号', present: true, value: 'htozr8denqegbt6tk6u10iymo7yww5pn', byteLength: 32, maxBytes: 64 });
    expect(result.fields.filter((f) => f.present)).toHaveLength(7);
    expect(result.schemaErrors).toEqual([]);
    // The documentation's example sends fail fields with PASS: accepted, but warned about.
    expect(result.warnings.map((w) => w.code)).toContain('FAIL_FIELDS_WITH_PASS');
    expect(result.verdict).toMatchObject({ kind: 'signature-invalid', ok: false, code: 'AUTH_MALFORMED' });
    expect(result.signatureFields[0]).toMatchObject({ name: 'authorization', ok: false });
  });

  it('verifies a correctly signed raw HTTP request and labels its Authorization fields', async () => {
    const s = start();
    const { output, body } = await signWithStore(s.keys, { keyId: merchantOf(s), body: { kind: 'notification', notification: s.compose.sample().notification } });
    const raw = [`POST ${output.url} HTTP/1.1`, 'Host: example.com', ...Object.entries(output.headers).map(([k, v]) => `${k}: ${v}`), `Content-Length: ${body.byteLength}`, '', Buffer.from(body).toString('utf8')].join('\r\n');
    const result = await s.decode.run({ input: { kind: 'raw-http', text: raw } });
    expect(result.verdict).toMatchObject({ kind: 'verified', ok: true });
    expect(result.diagnosis?.verified).toBe(true);
    expect(result.signatureFields.map((f) => f.name)).toEqual(['mchid', 'nonce_str', 'timestamp', 'serial_no', 'signature']);
    expect(result.signatureFields.find((f) => f.name === 'serial_no')).toMatchObject({ ok: true, value: output.key.keyId });
  });

  it('names a request signed with the platform (answer) key instead of the merchant key, as the CLI does', async () => {
    const s = start();
    const merchant = s.keys.get(merchantOf(s));
    const platform = s.keys.get(s.keys.list().find((k) => k.role === 'platform')!.id);
    const body = new TextEncoder().encode(JSON.stringify(s.compose.sample().notification));
    const signed = await signRequest({ method: 'POST', url: NOTIFY_PATH, body, mchid: '1900016681', serialNo: merchant.summary.keyId, privateKey: platform.privateKey! });
    const raw = [`POST ${NOTIFY_PATH} HTTP/1.1`, 'Host: example.com', `Authorization: ${signed.authorization}`, 'Content-Type: application/json', `Content-Length: ${body.byteLength}`, '', Buffer.from(body).toString('utf8')].join('\r\n');
    const result = await s.decode.run({ input: { kind: 'raw-http', text: raw } });
    expect(result.verdict).toMatchObject({ kind: 'signature-invalid', ok: false });
    expect(result.diagnosis?.likelyCause?.code).toBe('SIGNED_WITH_ANSWER_KEY');
  });

  it('names milliseconds in the timestamp as the cause', async () => {
    const s = start();
    const { output, body } = await signWithStore(s.keys, { keyId: merchantOf(s), body: { kind: 'text', text: '{"a":1}' }, timestamp: Date.now() });
    const result = await s.decode.run({ input: { kind: 'parts', url: output.url, headers: output.headers, body: Buffer.from(body).toString('utf8') } });
    expect(result.verdict.ok).toBe(false);
    expect(result.verdict.code).toBe('TIMESTAMP_IN_MILLISECONDS');
    expect(result.signatureFields.find((f) => f.name === 'timestamp')?.note).toMatch(/milliseconds/);
  });

  it('reads a valid signature with a stale timestamp as such: "600 s ago", not "does not verify" nor "from now"', async () => {
    const s = start();
    const now = 1_757_900_000;
    const { output, body } = await signWithStore(s.keys, { keyId: merchantOf(s), body: { kind: 'text', text: '{"a":1}' }, timestamp: now - 600 });
    const result = await s.decode.run({ input: { kind: 'parts', url: output.url, headers: output.headers, body: Buffer.from(body).toString('utf8') }, now });
    expect(result.verdict).toMatchObject({ kind: 'timestamp-invalid', ok: false, code: 'TIMESTAMP_OUT_OF_WINDOW' });
    expect(result.verdict.title).not.toMatch(/does not verify/);
    expect(result.diagnosis?.checks.find((c) => c.name === 'signature')?.ok).toBe(true);
    expect(result.signatureFields.find((f) => f.name === 'timestamp')).toMatchObject({ ok: false, note: '600 s ago, outside the 300 s window' });
  });

  it('lints a body that fails the schema, as the CLI does', async () => {
    const s = start();
    const text = JSON.stringify({ out_request_no: 'R'.repeat(65), mchid: '1900016681', audit_result: 'REJECT', audit_finish_time: '2015-05-20T13:29:35+08:00' });
    const result = await s.decode.run({ input: { kind: 'parts', url: NOTIFY_PATH, headers: { 'content-type': 'application/json' }, body: text } });
    expect(result.schemaErrors.map((e) => e.field)).toEqual(['out_request_no']);
    expect(result.warnings.length).toBeGreaterThan(0);
  });

  it('names a query string the sender did not sign as the cause, with a variant that verifies', async () => {
    const s = start();
    const { output, body } = await signWithStore(s.keys, { keyId: merchantOf(s), url: NOTIFY_PATH, body: { kind: 'text', text: '{}' } });
    const headerText = Object.entries(output.headers).map(([k, v]) => `${k}: ${v}`).join('\n');
    const result = await s.decode.run({ input: { kind: 'parts', url: `${NOTIFY_PATH}?trace=1`, headers: headerText, body: Buffer.from(body).toString('utf8') } });
    expect(result.verdict.code).toBe('QUERY_MISMATCH');
    expect(result.diagnosis?.variants.some((v) => v.verifies)).toBe(true);
  });

  it('answers unreadable input with DECODE_FAILED', async () => {
    const s = start();
    await expect(s.decode.run({ input: { kind: 'raw-http', text: 'not http at all' } })).rejects.toMatchObject({ code: 'DECODE_FAILED' });
  });

  it('checks a signed answer recorded from the local receiver', async () => {
    const s = start();
    const sent = await s.send.run({ target: { kind: 'local' }, keyId: merchantOf(s), body: { kind: 'notification', notification: s.compose.sample().notification } });
    const response = sent.response!;
    const raw = [`HTTP/1.1 ${response.status} OK`, ...Object.entries(response.headers).map(([k, v]) => `${k}: ${v}`), '', response.body.text].join('\r\n');
    const result = await s.decode.run({ input: { kind: 'answer', text: raw } });
    expect(result.kind).toBe('answer');
    expect(result.verdict).toMatchObject({ kind: 'verified', ok: true });
    expect(result.signatureFields.find((f) => f.name === 'wechatpay-serial')?.ok).toBe(true);
  });
});

describe('decode service: APIv3 callbacks (protocol.md §6)', () => {
  const apiV3Key = '0123456789abcdefghijABCDEFGHIJ01';

  async function callback(s: Services, key = apiV3Key): Promise<string> {
    const platform = s.keys.platform()!;
    const body = JSON.stringify({
      id: 'EV-2018',
      create_time: '2015-05-20T13:29:35+08:00',
      event_type: 'TRANSACTION.SUCCESS',
      resource_type: 'encrypt-resource',
      resource: encryptResource({ plaintext: { out_trade_no: 'T1', amount: { total: 1 } }, apiV3Key: key, associatedData: 'transaction' }),
      summary: '支付成功',
    });
    const headers = await signResponse({ body, privateKey: platform.privateKey!, keyId: platform.summary.keyId });
    return [`POST /notify HTTP/1.1`, 'Host: merchant.example', 'Content-Type: application/json', ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`), `Content-Length: ${Buffer.byteLength(body)}`, '', body].join('\r\n');
  }

  it('verifies the Wechatpay-* signature and decrypts the resource with the APIv3 key', async () => {
    const s = start();
    const result = await s.decode.run({ input: { kind: 'callback', text: await callback(s), apiV3Key } });
    expect(result.kind).toBe('callback');
    expect(result.verdict).toMatchObject({ kind: 'verified', ok: true });
    expect(result.decrypted?.json).toEqual({ out_trade_no: 'T1', amount: { total: 1 } });
    expect(result.envelope).toMatchObject({ event_type: 'TRANSACTION.SUCCESS', summary: '支付成功' });
  });

  it('answers a wrong APIv3 key with DECRYPT_FAILED in the verdict', async () => {
    const s = start();
    const result = await s.decode.run({ input: { kind: 'callback', text: await callback(s), apiV3Key: 'X'.repeat(32) } });
    expect(result.verdict).toMatchObject({ ok: false, code: 'DECRYPT_FAILED' });
    expect(result.decrypted).toBeUndefined();
  });
});
