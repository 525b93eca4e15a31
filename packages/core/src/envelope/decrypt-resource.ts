// AEAD_AES_256_GCM decryption of a callback's `resource` (protocol.md §6): IV = UTF-8 bytes of `nonce`,
// AAD = UTF-8 bytes of `associated_data` (possibly empty), `ciphertext` = Base64(ciphertext ‖ 16-byte tag).
// The tag is always checked: node:crypto's final() throws on a mismatch, which becomes DECRYPT_FAILED.
import { createDecipheriv } from 'node:crypto';
import { AuditNotifyError } from '../errors.js';
import { decodeBase64Strict } from '../keys/encoding.js';
import { apiV3KeyBytes } from './apiv3-key.js';
import { checkResource } from './parse-callback-envelope.js';
import type { DecryptedResource } from './resource.js';

const TAG_LENGTH = 16;

/**
 * Decrypts the `resource` of an APIv3 callback with the 32-byte APIv3 key.
 *
 * Throws `APIV3_KEY_LENGTH` (key not 32 bytes), `ENVELOPE_INVALID` (resource shape or algorithm),
 * `BASE64_INVALID` (ciphertext not strict Base64), `DECRYPT_FAILED` (tag mismatch: wrong key, or the
 * ciphertext, nonce or associated data changed).
 *
 * @example
 * ```ts
 * const envelope = parseCallbackEnvelope(rawBody);
 * const { json } = decryptResource(envelope.resource, process.env.WECHATPAY_APIV3_KEY!);
 * ```
 */
export function decryptResource(resource: unknown, apiV3Key: string | Uint8Array): DecryptedResource {
  const key = apiV3KeyBytes(apiV3Key);
  const checked = checkResource(resource, 'resource');
  const sealed = decodeBase64Strict(checked.ciphertext);
  if (!sealed) {
    throw new AuditNotifyError('BASE64_INVALID', 'resource.ciphertext is not standard padded Base64.', {
      detail: { field: 'resource.ciphertext', length: checked.ciphertext.length },
    });
  }
  if (sealed.length < TAG_LENGTH) {
    throw new AuditNotifyError('ENVELOPE_INVALID', `resource.ciphertext is ${sealed.length} bytes: shorter than the 16-byte GCM tag.`, {
      detail: { field: 'resource.ciphertext', issue: 'too_short' },
    });
  }
  const encoder = new TextEncoder();
  let plainBytes: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, encoder.encode(checked.nonce), { authTagLength: TAG_LENGTH });
    decipher.setAAD(encoder.encode(checked.associated_data ?? ''));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_LENGTH));
    plainBytes = Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_LENGTH)), decipher.final()]);
  } catch (error) {
    throw new AuditNotifyError(
      'DECRYPT_FAILED',
      'The resource does not decrypt: the GCM tag does not match (wrong APIv3 key, or ciphertext, nonce or associated_data changed).',
      { detail: { reason: (error as Error).message } },
    );
  }
  const plaintext = plainBytes.toString('utf8');
  try {
    return { plaintext, json: JSON.parse(plaintext) as unknown };
  } catch {
    return { plaintext };
  }
}
