import { beforeAll, describe, expect, it } from 'vitest';
import { isAuditNotifyError } from '../src/errors.js';
import { encryptResource, openCallback } from '../src/envelope/index.js';
import { signResponse } from '../src/signing/index.js';
import { generateTestKeys, type TestKeys } from '../src/testing.js';

const apiV3Key = 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6';
let keys: TestKeys;

beforeAll(() => {
  keys = generateTestKeys();
});

/** A callback as WeChat Pay sends it: the envelope JSON, signed with the platform key (protocol.md §4, §6). */
async function callback(plaintext: unknown, key = apiV3Key): Promise<{ headers: Record<string, string>; body: Uint8Array }> {
  const body = new TextEncoder().encode(
    JSON.stringify({
      id: 'EV-2018022511223320873',
      create_time: '2015-05-20T13:29:35+08:00',
      resource_type: 'encrypt-resource',
      event_type: 'TRANSACTION.SUCCESS',
      summary: '支付成功',
      resource: encryptResource({ plaintext, apiV3Key: key, associatedData: 'transaction' }),
    }),
  );
  const headers = await signResponse({ body, privateKey: keys.handles.receiverPrivateKey, keyId: keys.wechatpayPublicKeyId });
  return { headers, body };
}

async function codeOfAsync(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (isAuditNotifyError(error)) return error.code;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('openCallback', () => {
  it('verifies, parses and decrypts a signed callback', async () => {
    const { headers, body } = await callback({ out_trade_no: 'T-1', trade_state: 'SUCCESS' });
    const opened = await openCallback({ headers, body, publicKeys: keys.publicKeys, apiV3Key });
    expect(opened.keyId).toBe(keys.wechatpayPublicKeyId);
    expect(opened.envelope.event_type).toBe('TRANSACTION.SUCCESS');
    expect(opened.resource.json).toEqual({ out_trade_no: 'T-1', trade_state: 'SUCCESS' });
  });

  it('checks the signature before anything else: a changed body is ANSWER_SIGNATURE_INVALID', async () => {
    const { headers, body } = await callback({ a: 1 });
    const changed = new TextEncoder().encode(new TextDecoder().decode(body).replace('支付成功', '支付失败'));
    expect(await codeOfAsync(openCallback({ headers, body: changed, publicKeys: keys.publicKeys, apiV3Key }))).toBe('ANSWER_SIGNATURE_INVALID');
  });

  it('rejects an unknown platform key id and a wrong APIv3 key with their own codes', async () => {
    const { headers, body } = await callback({ a: 1 });
    expect(await codeOfAsync(openCallback({ headers, body, publicKeys: new Map(), apiV3Key }))).toBe('ANSWER_SERIAL_UNKNOWN');
    expect(await codeOfAsync(openCallback({ headers, body, publicKeys: keys.publicKeys, apiV3Key: 'Z'.repeat(32) }))).toBe('DECRYPT_FAILED');
  });
});
