import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Aes } from 'wechatpay-axios-plugin';
import { isAuditNotifyError } from '../src/errors.js';
import { decryptResource, encryptResource, parseCallbackEnvelope, type EncryptedResource } from '../src/envelope/index.js';
import forge from '../src/internal/forge.js';
import { codeOf } from './keys-helpers.js';

const apiV3Key = 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6';
const plaintext = JSON.stringify({ mchid: '1900016681', out_trade_no: '订单-0001', trade_state: 'SUCCESS' });

/** AES-256-GCM in pure JavaScript (node-forge), independent of node:crypto. */
function forgeSeal(text: string, key: string, nonce: string, aad: string): string {
  const cipher = forge.cipher.createCipher('AES-GCM', key);
  cipher.start({ iv: nonce, additionalData: forge.util.encodeUtf8(aad), tagLength: 128 });
  cipher.update(forge.util.createBuffer(forge.util.encodeUtf8(text)));
  cipher.finish();
  return forge.util.encode64(cipher.output.getBytes() + cipher.mode.tag.getBytes());
}

function resourceOf(ciphertext: string, nonce: string, associated_data: string): EncryptedResource {
  return { algorithm: 'AEAD_AES_256_GCM', ciphertext, nonce, associated_data, original_type: 'transaction' };
}

describe('decryptResource', () => {
  it('decrypts what pure-JS AES-GCM (node-forge) encrypted, and parses the JSON', () => {
    const sealed = forgeSeal(plaintext, apiV3Key, 'fdasflkja484', 'transaction');
    const result = decryptResource(resourceOf(sealed, 'fdasflkja484', 'transaction'), apiV3Key);
    expect(result.plaintext).toBe(plaintext);
    expect(result.json).toEqual(JSON.parse(plaintext));
  });

  it('decrypts what the community SDK (wechatpay-axios-plugin) encrypted, with empty associated data', () => {
    const sealed = Aes.AesGcm.encrypt(plaintext, apiV3Key, 'nonce0123456', '');
    expect(decryptResource(resourceOf(sealed, 'nonce0123456', ''), apiV3Key).plaintext).toBe(plaintext);
  });

  it('accepts a resource without associated_data as empty AAD, and the key as bytes', () => {
    const sealed = forgeSeal('hello', apiV3Key, 'abcdefghijkl', '');
    const { associated_data: _omit, ...resource } = resourceOf(sealed, 'abcdefghijkl', '');
    expect(decryptResource(resource, new TextEncoder().encode(apiV3Key)).plaintext).toBe('hello');
  });

  it('returns plaintext without json when the plaintext is not JSON', () => {
    const resource = encryptResource({ plaintext: 'not json', apiV3Key });
    expect(decryptResource(resource, apiV3Key)).toEqual({ plaintext: 'not json' });
  });

  it('rejects a key that is not 32 bytes with APIV3_KEY_LENGTH, before anything else', () => {
    const resource = encryptResource({ plaintext, apiV3Key });
    expect(codeOf(() => decryptResource(resource, apiV3Key.slice(1)))).toBe('APIV3_KEY_LENGTH');
    expect(codeOf(() => decryptResource(resource, `${apiV3Key}x`))).toBe('APIV3_KEY_LENGTH');
    expect(codeOf(() => decryptResource({}, new Uint8Array(16)))).toBe('APIV3_KEY_LENGTH');
    // 32 characters but not 32 bytes: one of them is a 3-byte UTF-8 character.
    expect(codeOf(() => decryptResource(resource, `${apiV3Key.slice(1)}密`))).toBe('APIV3_KEY_LENGTH');
  });

  it('rejects a wrong key, and every changed part, with DECRYPT_FAILED (the tag is always checked)', () => {
    const resource = encryptResource({ plaintext, apiV3Key, associatedData: 'transaction', nonce: 'nonce0123456' });
    expect(codeOf(() => decryptResource(resource, 'B'.repeat(32)))).toBe('DECRYPT_FAILED');
    expect(codeOf(() => decryptResource({ ...resource, nonce: 'nonce0123457' }, apiV3Key))).toBe('DECRYPT_FAILED');
    expect(codeOf(() => decryptResource({ ...resource, associated_data: 'certificate' }, apiV3Key))).toBe('DECRYPT_FAILED');
    expect(codeOf(() => decryptResource({ ...resource, associated_data: '' }, apiV3Key))).toBe('DECRYPT_FAILED');
    const bytes = Buffer.from(resource.ciphertext, 'base64');
    bytes[0]! ^= 1;
    expect(codeOf(() => decryptResource({ ...resource, ciphertext: bytes.toString('base64') }, apiV3Key))).toBe('DECRYPT_FAILED');
    const tagFlipped = Buffer.from(resource.ciphertext, 'base64');
    tagFlipped[tagFlipped.length - 1]! ^= 0x80;
    expect(codeOf(() => decryptResource({ ...resource, ciphertext: tagFlipped.toString('base64') }, apiV3Key))).toBe('DECRYPT_FAILED');
  });

  it.each([
    ['a character outside the alphabet', (c: string) => `${c.slice(0, 4)}*${c.slice(5)}`],
    ['URL-safe Base64', (c: string) => c.replace(/\+/g, '-').replace(/\//g, '_') + (/[+/]/.test(c) ? '' : '-AAA')],
    ['missing padding', (c: string) => c.replace(/=+$/, '') + (c.endsWith('=') ? '' : 'A')],
    ['embedded whitespace', (c: string) => `${c.slice(0, 8)} ${c.slice(8)}`],
  ])('rejects a ciphertext with %s as BASE64_INVALID', (_name, damage) => {
    const resource = encryptResource({ plaintext: 'x'.repeat(20), apiV3Key });
    expect(codeOf(() => decryptResource({ ...resource, ciphertext: damage(resource.ciphertext) }, apiV3Key))).toBe('BASE64_INVALID');
  });

  it('rejects a bad resource shape with ENVELOPE_INVALID naming the field', () => {
    const resource = encryptResource({ plaintext, apiV3Key });
    const cases: unknown[] = [
      null,
      'text',
      { ...resource, algorithm: 'AEAD_SM4_GCM' },
      { ...resource, ciphertext: 42 },
      { ...resource, nonce: undefined },
      { ...resource, associated_data: 1 },
      { ...resource, ciphertext: 'AAAA' },
    ];
    for (const bad of cases) expect(codeOf(() => decryptResource(bad, apiV3Key))).toBe('ENVELOPE_INVALID');
  });

  it('round-trips any text, nonce and associated data through encryptResource (fast-check)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ minLength: 1, maxLength: 24 }), fc.string({ maxLength: 40 }), (text, nonce, aad) => {
        const resource = encryptResource({ plaintext: text, apiV3Key, nonce, associatedData: aad });
        return decryptResource(resource, apiV3Key).plaintext === text;
      }),
      { numRuns: 200 },
    );
  });

  it('throws only AuditNotifyError for arbitrary resources and keys (fast-check)', () => {
    const anyResource = fc.oneof(
      fc.anything(),
      fc.record({
        algorithm: fc.constantFrom('AEAD_AES_256_GCM', 'X'),
        ciphertext: fc.oneof(fc.base64String(), fc.string()),
        nonce: fc.string(),
        associated_data: fc.oneof(fc.string(), fc.constant(undefined)),
      }),
    );
    fc.assert(
      fc.property(anyResource, fc.oneof(fc.constant(apiV3Key), fc.string(), fc.uint8Array({ maxLength: 40 })), (resource, key) => {
        try {
          decryptResource(resource, key);
          return true;
        } catch (error) {
          return isAuditNotifyError(error);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('encryptResource', () => {
  it('produces a resource that pure-JS AES-GCM and the community SDK decrypt', () => {
    const resource = encryptResource({ plaintext: { hello: '世界' }, apiV3Key, associatedData: 'certificate' });
    expect(resource.algorithm).toBe('AEAD_AES_256_GCM');
    expect(resource.nonce).toMatch(/^[0-9A-Za-z]{12}$/);
    expect(Aes.AesGcm.decrypt(resource.ciphertext, apiV3Key, resource.nonce, 'certificate')).toBe('{"hello":"世界"}');
    const decipher = forge.cipher.createDecipher('AES-GCM', apiV3Key);
    const sealed = forge.util.decode64(resource.ciphertext);
    decipher.start({
      iv: resource.nonce,
      additionalData: 'certificate',
      tagLength: 128,
      tag: forge.util.createBuffer(sealed.slice(-16)),
    });
    decipher.update(forge.util.createBuffer(sealed.slice(0, -16)));
    expect(decipher.finish()).toBe(true);
    expect(forge.util.decodeUtf8(decipher.output.getBytes())).toBe('{"hello":"世界"}');
  });

  it('rejects an empty nonce and a short key', () => {
    expect(codeOf(() => encryptResource({ plaintext: 'x', apiV3Key, nonce: '' }))).toBe('ENVELOPE_INVALID');
    expect(codeOf(() => encryptResource({ plaintext: 'x', apiV3Key: 'short' }))).toBe('APIV3_KEY_LENGTH');
  });
});

describe('parseCallbackEnvelope', () => {
  const envelope = {
    id: 'EV-2018022511223320873',
    create_time: '2015-05-20T13:29:35+08:00',
    resource_type: 'encrypt-resource',
    event_type: 'TRANSACTION.SUCCESS',
    summary: '支付成功',
    resource: encryptResource({ plaintext, apiV3Key, associatedData: 'transaction' }),
  };

  it('parses a callback body from bytes or text and keeps unknown fields', () => {
    const raw = new TextEncoder().encode(JSON.stringify({ ...envelope, extra: 1 }));
    const parsed = parseCallbackEnvelope(raw);
    expect(parsed.event_type).toBe('TRANSACTION.SUCCESS');
    expect(parsed.extra).toBe(1);
    expect(decryptResource(parsed.resource, apiV3Key).json).toEqual(JSON.parse(plaintext));
    expect(parseCallbackEnvelope(JSON.stringify(envelope)).id).toBe(envelope.id);
  });

  it.each([
    ['not JSON', '{', '(body)'],
    ['an array', '[]', '(body)'],
    ['no id', JSON.stringify({ ...envelope, id: undefined }), 'id'],
    ['a numeric event_type', JSON.stringify({ ...envelope, event_type: 1 }), 'event_type'],
    ['no resource', JSON.stringify({ ...envelope, resource: undefined }), 'resource'],
    ['no ciphertext', JSON.stringify({ ...envelope, resource: { ...envelope.resource, ciphertext: undefined } }), 'resource.ciphertext'],
    ['a numeric summary', JSON.stringify({ ...envelope, summary: 5 }), 'summary'],
    ['an audit-result notification', JSON.stringify({ out_request_no: 'x', mchid: '1', audit_result: 'PASS' }), 'id'],
  ])('rejects %s with ENVELOPE_INVALID naming the field', (_name, body, field) => {
    try {
      parseCallbackEnvelope(body);
      expect.unreachable();
    } catch (error) {
      expect(isAuditNotifyError(error) && error.code).toBe('ENVELOPE_INVALID');
      expect(isAuditNotifyError(error) && error.detail?.field).toBe(field);
    }
  });

  it('throws only AuditNotifyError for arbitrary bodies (fast-check)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.uint8Array()), (body) => {
        try {
          parseCallbackEnvelope(body);
          return true;
        } catch (error) {
          return isAuditNotifyError(error);
        }
      }),
      { numRuns: 300 },
    );
  });
});
