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
  while (nonce.length < NONCE_LENGTH) {
    const byte = nextRandomByte();
    if (byte < ACCEPT_BELOW) nonce += ALPHABET[byte % ALPHABET.length];
  }
  return nonce;
}

// Random bytes are drawn 4 KiB at a time and each is used once: a CSPRNG call costs a few µs whatever its
// size, and the receiver makes a nonce for every answer it signs (the same batching as Node's randomUUID).
const POOL_SIZE = 4096;
const pool = new Uint8Array(POOL_SIZE);
let poolOffset = POOL_SIZE;

function nextRandomByte(): number {
  if (poolOffset === POOL_SIZE) {
    globalThis.crypto.getRandomValues(pool);
    poolOffset = 0;
  }
  const byte = pool[poolOffset] as number;
  // Cleared once used: randomness already handed out does not linger in memory.
  pool[poolOffset++] = 0;
  return byte;
}
