// The inverse of decryptResource, for tests, samples and the inspector's "make me a callback" button. It
// produces exactly what WeChat Pay sends (protocol.md §6) so the decoder can be exercised without the platform.
import { createCipheriv, randomInt } from 'node:crypto';
import { AuditNotifyError } from '../errors.js';
import { encodeBase64 } from '../keys/encoding.js';
import { apiV3KeyBytes } from './apiv3-key.js';
import type { EncryptedResource } from './resource.js';

/**
 * Input of {@link encryptResource}.
 *
 * @example
 * ```ts
 * encryptResource({ plaintext: 'hello', apiV3Key, nonce: 'fdasflkja484', associatedData: 'transaction' });
 * ```
 */
export interface EncryptResourceInput {
  /** Text (UTF-8), bytes, or any other value (then serialised with `JSON.stringify`). */
  plaintext: unknown;
  apiV3Key: string | Uint8Array;
  /** The IV as text; default 12 random characters of [0-9A-Za-z], as WeChat Pay sends. */
  nonce?: string;
  /** Authenticated but unencrypted text; default `''`. */
  associatedData?: string;
  /** Default `transaction`. */
  originalType?: string;
}

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * Encrypts a value into an APIv3 callback `resource` (AEAD_AES_256_GCM).
 *
 * Throws `APIV3_KEY_LENGTH` for a key that is not 32 bytes, `ENVELOPE_INVALID` for an empty nonce.
 *
 * @example
 * ```ts
 * const resource = encryptResource({ plaintext: { out_trade_no: '1217752501201407033233368018' }, apiV3Key });
 * decryptResource(resource, apiV3Key).json; // { out_trade_no: '…' }
 * ```
 */
export function encryptResource(input: EncryptResourceInput): EncryptedResource {
  const key = apiV3KeyBytes(input.apiV3Key);
  let nonce = input.nonce;
  if (nonce === undefined) {
    nonce = '';
    for (let i = 0; i < 12; i += 1) nonce += ALPHABET[randomInt(ALPHABET.length)];
  }
  if (nonce.length === 0) {
    throw new AuditNotifyError('ENVELOPE_INVALID', 'The nonce must not be empty.', { detail: { field: 'nonce' } });
  }
  const associatedData = input.associatedData ?? '';
  const encoder = new TextEncoder();
  const plainBytes =
    input.plaintext instanceof Uint8Array
      ? input.plaintext
      : encoder.encode(typeof input.plaintext === 'string' ? input.plaintext : JSON.stringify(input.plaintext));
  const cipher = createCipheriv('aes-256-gcm', key, encoder.encode(nonce), { authTagLength: 16 });
  cipher.setAAD(encoder.encode(associatedData));
  const sealed = Buffer.concat([cipher.update(plainBytes), cipher.final(), cipher.getAuthTag()]);
  return {
    algorithm: 'AEAD_AES_256_GCM',
    ciphertext: encodeBase64(sealed),
    associated_data: associatedData,
    nonce,
    original_type: input.originalType ?? 'transaction',
  };
}
