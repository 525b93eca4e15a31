// Byte helpers shared by the key loaders and the callback envelope. Base64 here is STRICT on purpose:
// Buffer.from(s, 'base64') silently skips bad characters, which would turn a mangled ciphertext or PEM body
// into wrong bytes instead of a clear BASE64_INVALID / KEY_FORMAT_UNKNOWN (protocol.md §6).
import { createHash } from 'node:crypto';

const BASE64_RE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Decodes standard padded Base64, or returns `undefined` when the text is not exactly that
 * (wrong alphabet, missing or misplaced padding, stray characters).
 *
 * @example
 * ```ts
 * decodeBase64Strict('AAE='); // Uint8Array [0, 1]
 * decodeBase64Strict('AAE');  // undefined
 * ```
 */
export function decodeBase64Strict(text: string): Uint8Array | undefined {
  if (!BASE64_RE.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Standard padded Base64 of bytes.
 *
 * @example
 * ```ts
 * encodeBase64(new Uint8Array([0, 1])); // 'AAE='
 * ```
 */
export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/**
 * SHA-256 of a DER blob as lower-case hex pairs joined by `:` (the {@link PrivateKeyHandle.fingerprint} format,
 * comparable with `openssl pkey -pubout -outform DER | sha256sum`).
 *
 * @example
 * ```ts
 * sha256Fingerprint(spkiDer); // 'ab:12:…' (32 pairs)
 * ```
 */
export function sha256Fingerprint(der: Uint8Array): string {
  const hex = createHash('sha256').update(der).digest('hex');
  return hex.replace(/(..)(?!$)/g, '$1:');
}

/**
 * A private copy of bytes as a plain `Uint8Array` (never a pooled `Buffer` slice that other code could reuse).
 *
 * @example
 * ```ts
 * const der = toUint8Array(keyObject.export({ format: 'der', type: 'spki' }));
 * ```
 */
export function toUint8Array(bytes: Uint8Array): Uint8Array {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy;
}
