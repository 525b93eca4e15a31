// The APIv3 key is 32 bytes: in practice 32 ASCII characters set in the merchant platform, used as the raw
// AES-256 key (protocol.md §6). Anything else is a configuration error, reported before any decryption.
import { AuditNotifyError } from '../errors.js';

/**
 * The 32 key bytes of an APIv3 key given as text (UTF-8) or bytes; throws `APIV3_KEY_LENGTH` otherwise.
 *
 * @example
 * ```ts
 * const key = apiV3KeyBytes('0123456789abcdef0123456789abcdef'); // 32 bytes
 * ```
 */
export function apiV3KeyBytes(apiV3Key: string | Uint8Array): Uint8Array {
  const bytes = typeof apiV3Key === 'string' ? new TextEncoder().encode(apiV3Key) : apiV3Key instanceof Uint8Array ? apiV3Key : undefined;
  if (bytes === undefined) {
    throw new AuditNotifyError('APIV3_KEY_LENGTH', 'The APIv3 key must be a string or bytes.', { detail: { type: typeof apiV3Key } });
  }
  if (bytes.length !== 32) {
    // Only the length is reported, never the key.
    throw new AuditNotifyError('APIV3_KEY_LENGTH', `The APIv3 key must be 32 bytes; got ${bytes.length}.`, {
      detail: { length: bytes.length },
    });
  }
  return bytes;
}
