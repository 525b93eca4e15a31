// createClient checks its options at once: INVALID_OPTIONS with a message naming the option, never the key.
import { describe, expect, it } from 'vitest';
import type { ClientOptions } from '../src/client/index.js';
import { createClient } from '../src/client/index.js';
import { AuditNotifyError } from '../src/errors.js';
import { ANSWER_KEY_ID, MCHID, SERIAL_NO, answerKeys, senderKeys } from './receiver-fixtures.js';

const valid: ClientOptions = {
  mchid: MCHID,
  serialNo: SERIAL_NO,
  privateKey: senderKeys.privatePem,
  wechatpayPublicKeys: [{ id: ANSWER_KEY_ID, publicKey: answerKeys.publicPem }],
};

function invalid(options: unknown): AuditNotifyError {
  try {
    createClient(options as ClientOptions);
  } catch (error) {
    expect(error).toBeInstanceOf(AuditNotifyError);
    expect((error as AuditNotifyError).code).toBe('INVALID_OPTIONS');
    return error as AuditNotifyError;
  }
  throw new Error('createClient accepted invalid options');
}

describe('createClient options', () => {
  it('loads PEM text for both keys', () => {
    expect(typeof createClient(valid).send).toBe('function');
  });

  it('refuses an unknown option by name', () => {
    expect(invalid({ ...valid, retries: 3 }).message).toMatch(/unknown option\(s\): retries/);
  });

  it('refuses a missing mchid or a serial with a space', () => {
    expect(invalid({ ...valid, mchid: undefined }).message).toMatch(/mchid/);
    expect(invalid({ ...valid, serialNo: '5157 F09E' }).message).toMatch(/serialNo/);
  });

  it('refuses an unreadable private key without echoing it', () => {
    const error = invalid({ ...valid, privateKey: '-----BEGIN PRIVATE KEY-----\nnot a key SECRETSECRET\n-----END PRIVATE KEY-----' });
    expect(error.message).toMatch(/privateKey could not be loaded/);
    expect(error.message).not.toContain('SECRETSECRET');
  });

  it('refuses a public key where the private key goes', () => {
    expect(invalid({ ...valid, privateKey: answerKeys.publicKey }).message).toMatch(/privateKey is a public key/);
  });

  it('refuses no wechatpay public keys: answers could not be verified', () => {
    expect(invalid({ ...valid, wechatpayPublicKeys: [] }).message).toMatch(/wechatpayPublicKeys/);
  });

  it('refuses a host that is not an http(s) URL', () => {
    expect(invalid({ ...valid, hosts: ['api.mch.weixin.qq.com'] }).message).toMatch(/hosts\[0\]/);
    expect(invalid({ ...valid, hosts: ['ftp://example.com'] }).message).toMatch(/http\(s\)/);
  });

  it('refuses a User-Agent that could not be sent as a header', () => {
    expect(invalid({ ...valid, userAgent: 'bot\r\nX-Injected: 1' }).message).toMatch(/userAgent/);
  });

  it('refuses retry settings that make no sense', () => {
    expect(invalid({ ...valid, retry: { attempts: 0 } }).message).toMatch(/retry.attempts/);
    expect(invalid({ ...valid, rateLimit: { perMinute: -1 } }).message).toMatch(/perMinute/);
    expect(invalid({ ...valid, timeoutMs: 0 }).message).toMatch(/timeoutMs/);
  });

  it('refuses a send url that is not absolute', async () => {
    const error = await createClient(valid).send({ out_request_no: '1', mchid: MCHID, audit_result: 'PASS' }, { url: '/relative' }).catch((e: unknown) => e);
    expect((error as AuditNotifyError).code).toBe('INVALID_OPTIONS');
  });
});
