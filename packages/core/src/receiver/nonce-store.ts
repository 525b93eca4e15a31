/**
 * Replay protection: a nonce seen within the window is rejected (protocol.md §3, last receiver check before
 * the body). The receiver claims a nonce only after the signature verified (so forged requests cannot fill
 * the store), keeps it for twice the window (a request is valid for ±window around its timestamp), and
 * releases it when the handler failed, so that the sender's retry is accepted (protocol.md §2, 500).
 */
import type { Clock } from '../types.js';
import type { NonceStore } from './stores.js';
import { AuditNotifyError } from '../errors.js';

/**
 * Options of {@link createMemoryNonceStore}.
 *
 * @example
 * ```ts
 * const options: MemoryNonceStoreOptions = { max: 10_000 };
 * ```
 */
export interface MemoryNonceStoreOptions {
  /**
   * Most live nonces kept at once. Expired ones are dropped to make room; when every slot holds a live nonce
   * the store fails closed: `claim` rejects with `NONCE_STORE_FULL` (the receiver answers 503 with
   * `Retry-After`) instead of forgetting a nonce that could then be replayed. Default 100 000: at 200
   * requests a minute per sender, twice the 300 s window holds 2 000 nonces per sender, so 50 senders at
   * their full rate. Each nonce costs about 100 bytes.
   */
  max?: number;
  /** Time source for expiry (Unix seconds). Default `Date.now() / 1000`. */
  clock?: Clock;
}

/**
 * A bounded in-memory {@link NonceStore} with expiry: right for tests and a single process that may forget
 * its nonces on restart (use `@auditnotify/sqlite` otherwise). At the endpoint's 200 requests a minute per
 * sender, twice the 300 s window holds 2 000 nonces per sender, far below the default bound; when it is
 * full of live nonces, claims are refused with `NONCE_STORE_FULL` until the oldest expires.
 *
 * @example
 * ```ts
 * const nonceStore = createMemoryNonceStore({ max: 10_000 });
 * await nonceStore.claim('593BEC0C930BF1AFEB40B4A08C8FB242', 600); // true
 * await nonceStore.claim('593BEC0C930BF1AFEB40B4A08C8FB242', 600); // false: replay
 * ```
 */
export function createMemoryNonceStore(options: MemoryNonceStoreOptions = {}): NonceStore {
  const max = options.max ?? 100_000;
  if (!Number.isSafeInteger(max) || max < 1) {
    throw new AuditNotifyError('INVALID_OPTIONS', 'createMemoryNonceStore: `max` must be a positive integer.');
  }
  const clock = options.clock ?? ((): number => Date.now() / 1000);
  // Expiries are whole seconds after the store was made, rounded up (a nonce is never forgotten early): small
  // integers are stored inline in the Map, where Unix times with fractions would be one heap number each.
  const origin = clock();
  const now = (): number => clock() - origin;
  // Insertion order of a Map is the claim order, so the front holds the oldest entries.
  const expiries = new Map<string, number>();

  /** Drops expired nonces from the front; `false` when the store is still full of live ones. */
  function makeRoom(at: number): boolean {
    for (const [key, expiry] of expiries) {
      if (expiries.size < max) return true;
      if (expiry <= at) expiries.delete(key);
      else break;
    }
    return expiries.size < max;
  }

  function full(at: number): AuditNotifyError {
    // Every nonce has the same lifetime in practice, so the front one expires first and makes the first room.
    const oldest = expiries.values().next().value ?? at + 1;
    const retryAfter = Math.max(1, Math.ceil(oldest - at));
    return new AuditNotifyError('NONCE_STORE_FULL', `The nonce store holds its maximum of ${max} live nonces; it refuses new requests rather than forget one that could be replayed. Retry after ${retryAfter} s, or raise \`max\`.`, {
      detail: { limit: max, retry_after_seconds: retryAfter },
    });
  }

  return {
    async claim(key, ttlSeconds) {
      const at = now();
      const expiry = expiries.get(key);
      if (expiry !== undefined && expiry > at) return false;
      expiries.delete(key);
      if (!makeRoom(at)) throw full(at);
      expiries.set(ownCopy(key), Math.ceil(at + ttlSeconds));
      return true;
    },
    async release(key) {
      expiries.delete(key);
    },
  };
}


/**
 * A key is usually a slice of the request's Authorization header, and V8 keeps a slice's whole parent string
 * alive: stored as is, each 32-character nonce would hold on to the ~500-byte header for twice the window
 * (docs/benchmarks-http.md, peak RSS). The store keeps its own flat copy instead.
 */
function ownCopy(key: string): string {
  // Reading past a one-character prefix makes V8 flatten `' ' + key` into a new string of the key's length
  // plus one and slice that: exact for any key (lone surrogates included), and five times cheaper than
  // joining its characters (test/nonce-store-memory.test.ts checks that no header stays alive).
  return ` ${key}`.slice(1);
}
