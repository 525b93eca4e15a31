// `auditnotify decrypt`: a standard APIv3 callback signed with openssl (the oracle) and encrypted with core's
// encryptResource, verified and decrypted by the built command.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encryptResource } from '@auditnotify/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest, readManifest, run, runTool, tempDir } from './helpers/cli.js';

const APIV3_KEY = '0123456789abcdefghijABCDEFGHIJ01';
const tmp = tempDir();
const keys = join(tmp.dir, 'keys');
const keyFile = join(tmp.dir, 'apiv3.key');
const PLAIN = { out_trade_no: '1217752501201407033233368018', trade_state: 'SUCCESS' };
afterAll(() => tmp.remove());
beforeAll(async () => {
  expect((await run(['keygen', '--out', keys])).code).toBe(0);
  writeFileSync(keyFile, `${APIV3_KEY}\n`);
});

/** The callback as WeChat Pay sends it: envelope JSON, Wechatpay-* headers signed by `openssl dgst -sign`. */
async function callback(options: { ciphertext?: (c: string) => string; body?: (b: string) => string } = {}): Promise<string> {
  const resource = encryptResource({ plaintext: PLAIN, apiV3Key: APIV3_KEY, associatedData: 'transaction' });
  const envelope = {
    id: 'EV-2018-0001',
    create_time: '2025-09-15T09:30:00+08:00',
    event_type: 'TRANSACTION.SUCCESS',
    resource_type: 'encrypt-resource',
    resource: { ...resource, ciphertext: options.ciphertext?.(resource.ciphertext) ?? resource.ciphertext },
  };
  const signedBody = JSON.stringify(envelope);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = 'CALLBACKNONCE0123456789';
  const signature = await runTool('openssl', ['dgst', '-sha256', '-sign', join(keys, 'receiver', 'wxp_key.pem')], `${timestamp}\n${nonce}\n${signedBody}\n`);
  const path = join(tmp.dir, `callback-${Math.random().toString(36).slice(2)}.http`);
  writeFileSync(
    path,
    rawRequest({
      url: '/pay/callback',
      headers: {
        'Content-Type': 'application/json',
        'Wechatpay-Timestamp': timestamp,
        'Wechatpay-Nonce': nonce,
        'Wechatpay-Signature': signature.stdout.toString('base64'),
        'Wechatpay-Serial': readManifest(keys).wechatpay_public_key_id,
        'Wechatpay-Signature-Type': 'WECHATPAY2-SHA256-RSA2048',
      },
      body: options.body?.(signedBody) ?? signedBody,
    }),
  );
  return path;
}

describe('auditnotify decrypt', () => {
  it('verifies the signature and prints the decrypted resource', async () => {
    const result = await run(['decrypt', '--request', await callback(), '--apiv3-key', keyFile, '--keys', keys]);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      verified: { keyId: readManifest(keys).wechatpay_public_key_id },
      id: 'EV-2018-0001',
      event_type: 'TRANSACTION.SUCCESS',
      resource_type: 'encrypt-resource',
      original_type: 'transaction',
      plaintext: JSON.stringify(PLAIN),
      json: PLAIN,
    });
  });

  it('exits 1 with DECRYPT_FAILED when the ciphertext was changed (the GCM tag is checked)', async () => {
    const flip = (c: string): string => Buffer.from(Buffer.from(c, 'base64').map((byte, i) => (i === 0 ? byte ^ 1 : byte))).toString('base64');
    const result = await run(['decrypt', '--request', await callback({ ciphertext: flip }), '--apiv3-key', keyFile, '--keys', keys]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^auditnotify decrypt: DECRYPT_FAILED: /);
  });

  it('exits 1 and decrypts nothing when the body is not the signed one', async () => {
    const result = await run(['decrypt', '--request', await callback({ body: (b) => b.replace('EV-2018-0001', 'EV-2018-0002') }), '--apiv3-key', keyFile, '--keys', keys]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^auditnotify decrypt: [A-Z_]+: /);
  });

  it('decrypts a body alone with --body, saying the signature was not checked', async () => {
    const body = join(tmp.dir, 'body.json');
    writeFileSync(body, JSON.stringify({ id: 'EV-1', create_time: 'now', event_type: 'X', resource_type: 'encrypt-resource', resource: encryptResource({ plaintext: 'hello', apiV3Key: APIV3_KEY }) }));
    const result = await run(['decrypt', '--body', body, '--apiv3-key', keyFile]);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ verified: false, plaintext: 'hello' });
    expect(result.stderr).toContain('the signature was not checked');
  });

  it('exits 2 when the APIv3 key file does not hold 32 characters', async () => {
    const short = join(tmp.dir, 'short.key');
    writeFileSync(short, 'too-short\n');
    const result = await run(['decrypt', '--request', await callback(), '--apiv3-key', short, '--keys', keys]);
    expect({ code: result.code, stderr: result.stderr }).toMatchObject({ code: 2, stderr: expect.stringContaining('it holds 9 bytes') });
  });
});
