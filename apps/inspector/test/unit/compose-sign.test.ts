import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NOTIFY_PATH, keyToPem } from '@auditnotify/core';
import { describe, expect, it } from 'vitest';
import { createComposeService } from '../../src/main/services/compose-service.js';
import { composeValidateOutputSchema } from '../../src/shared/compose-schemas.js';
import { createKeyStore } from '../../src/main/services/key-store.js';
import { signWithStore } from '../../src/main/services/sign-service.js';
import { seededDataDir } from './seeded-data-dir.js';
import { tempDir } from './temp-dir.js';

describe('compose service', () => {
  it('offers the documentation’s example, which validates with the FAIL_FIELDS_WITH_PASS warning', () => {
    const compose = createComposeService();
    const { text, notification } = compose.sample();
    expect(notification['out_request_no']).toBe('htozr8denqegbt6tk6u10iymo7yww5pn');
    const report = compose.validate({ text });
    expect(report.ok).toBe(true);
    expect(report.warnings.map((w) => w.code)).toContain('FAIL_FIELDS_WITH_PASS');
    expect(report.serialized).toBe(JSON.stringify(notification));
  });

  it('names the first bad field of an invalid notification', () => {
    const report = createComposeService().validate({ notification: { mchid: '1900016681', audit_result: 'OK' } });
    expect(report.ok).toBe(false);
    expect(report.errors.map((e) => e.field)).toEqual(expect.arrayContaining(['out_request_no', 'audit_result']));
    expect(report.fields.find((f) => f.name === 'audit_result')).toMatchObject({ enum: ['PASS', 'REJECT'], issue: expect.any(String) });
  });

  it('delivers the documentation’s labels of PASS and REJECT with the audit_result field, through the answer schema', () => {
    const report = composeValidateOutputSchema.parse(createComposeService().validate({ text: createComposeService().sample().text }));
    expect(report.fields.find((f) => f.name === 'audit_result')?.enumValues).toEqual([
      { value: 'PASS', labelZh: '审核通过', labelEn: 'Approved' },
      { value: 'REJECT', labelZh: '审核驳回', labelEn: 'Rejected' },
    ]);
  });

  it('counts UTF-8 bytes of Chinese text against the byte limit', () => {
    const report = createComposeService().validate({ notification: { out_request_no: 'R1', mchid: '1', audit_result: 'REJECT', fail_msg: '身份证照片不清晰' } });
    expect(report.fields.find((f) => f.name === 'fail_msg')).toMatchObject({ byteLength: 24, maxBytes: 1024 });
  });

  it('points at the line and column of a JSON syntax error', () => {
    const report = createComposeService().validate({ text: '{\n  "mchid": "1",\n  oops\n}' });
    expect(report.ok).toBe(false);
    expect(report.jsonError?.line).toBe(3);
  });
});

describe('sign.compute', () => {
  it('builds the five-line message, maps each part to its bytes, and openssl verifies the signature', async () => {
    const keys = createKeyStore({ dataDir: seededDataDir() });
    const merchant = keys.list().find((k) => k.role === 'merchant')!;
    const body = '{"out_request_no":"审核-1","mchid":"1900016681","audit_result":"PASS"}';
    const { output } = await signWithStore(keys, {
      keyId: merchant.id,
      url: `https://api2.mch.weixin.qq.com${NOTIFY_PATH}?a=1#frag`,
      body: { kind: 'text', text: body },
      timestamp: 1_700_000_000,
      nonce: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345',
    });
    const expected = `POST\n${NOTIFY_PATH}?a=1\n1700000000\nABCDEFGHIJKLMNOPQRSTUVWXYZ012345\n${body}\n`;
    expect(output.message.text).toBe(expected);
    expect(output.message.byteLength).toBe(Buffer.byteLength(expected));
    expect(output.messageVisible.split('\n')[0]).toBe('POST↵');
    const message = Buffer.from(output.message.base64, 'base64');
    for (const part of output.parts) expect(message.subarray(part.start, part.end).toString('utf8')).toBe(part.value);
    expect(output.authorization).toBe(
      `WECHATPAY2-SHA256-RSA2048 mchid="1900016681",nonce_str="ABCDEFGHIJKLMNOPQRSTUVWXYZ012345",signature="${output.signature}",timestamp="1700000000",serial_no="${merchant.keyId}"`,
    );

    // openssl is the independent oracle: RSASSA-PKCS1-v1_5 with SHA-256 over the exact message bytes.
    const dir = tempDir();
    writeFileSync(join(dir, 'message.bin'), message);
    writeFileSync(join(dir, 'signature.bin'), Buffer.from(output.signature, 'base64'));
    writeFileSync(join(dir, 'public.pem'), keyToPem(keys.get(merchant.id).publicKey));
    const verdict = execFileSync('openssl', ['dgst', '-sha256', '-verify', join(dir, 'public.pem'), '-signature', join(dir, 'signature.bin'), join(dir, 'message.bin')]);
    expect(verdict.toString()).toContain('Verified OK');
  });

  it('signs an empty body with the final empty line (protocol.md §3)', async () => {
    const keys = createKeyStore({ dataDir: seededDataDir() });
    const merchant = keys.list().find((k) => k.role === 'merchant')!;
    const { output } = await signWithStore(keys, { keyId: merchant.id, method: 'get', url: '/v3/x', body: { kind: 'text', text: '' }, timestamp: 1, nonce: 'n' });
    expect(output.message.text).toBe('GET\n/v3/x\n1\nn\n\n');
  });
});

describe('a millisecond timestamp, signed on purpose', () => {
  it('is signed as given, and the local receiver refuses it as milliseconds', async () => {
    const { createServices } = await import('../../src/main/services/create-services.js');
    const { createApiHandlers } = await import('../../src/main/api-handlers.js');
    const services = createServices({ mode: 'test', version: '0', seedKeys: true });
    try {
      const handlers = createApiHandlers(services);
      const keyId = services.keys.list().find((k) => k.role === 'merchant')!.id;
      const notification = services.compose.sample().notification;
      const ms = 1_700_000_000_123;
      const signed = await handlers['sign.compute']({ keyId, body: { kind: 'notification', notification }, timestamp: ms });
      expect(signed).toMatchObject({ ok: true, data: { timestamp: ms } });
      const sent = await handlers['send.run']({ target: { kind: 'local' }, keyId, body: { kind: 'notification', notification }, timestamp: ms });
      expect(sent).toMatchObject({ ok: true, data: { verdict: { ok: false }, response: { status: 401 } } });
      expect(JSON.stringify(sent)).toMatch(/TIMESTAMP/);
      // A fraction is refused with a sentence, not schema text.
      const fraction = await handlers['sign.compute']({ keyId, body: { kind: 'notification', notification }, timestamp: 1.5 });
      expect(fraction).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      expect(fraction.ok ? '' : fraction.error.message).toMatch(/whole number of seconds/);
    } finally {
      await services.close();
    }
  });
});
