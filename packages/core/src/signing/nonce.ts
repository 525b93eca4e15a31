// Nonces are 32 characters of [0-9A-Za-z] from a secure random source (protocol.md §3).

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const NONCE_LENGTH = 32;
// 248 = 4 × 62: bytes at or above it are dropped, so `byte % 62` has no modulo bias.
const ACCEPT_BELOW = 256 - (256 % ALPHABET.length);

/**
 * A fresh 32-character nonce of `[0-9A-Za-z]` from the platform CSPRNG (`crypto.getRandomValues`), using
 * rejection sampling so every character is equally likely (protocol.md §3).
 *
 * @example
 * ```ts
 * const nonce = createNonce(); // e.g. 'q3Vb0XkP9sLw2TzR8mYc4NfA7hJd1GeU'
 * ```
 */
export function createNonce(): string {
  let nonce = '';
  // 48 bytes: 32 are needed and 3 % of bytes are rejected, so one draw nearly always suffices.
  const bytes = new Uint8Array(48);
  while (nonce.length < NONCE_LENGTH) {
    globalThis.crypto.getRandomValues(bytes);
    for (let i = 0; i < bytes.length && nonce.length < NONCE_LENGTH; i++) {
      const byte = bytes[i] as number;
      if (byte < ACCEPT_BELOW) nonce += ALPHABET[byte % ALPHABET.length];
    }
  }
  return nonce;
}
