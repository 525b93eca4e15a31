/**
 * Replay protection: a nonce seen within the window is rejected (protocol.md §3, last receiver check before
 * the body). The receiver claims a nonce only after the signature verified (so forged requests cannot fill
 * the store), keeps it for twice the window (a request is valid for ±window around its timestamp), and
 * releases it when the handler failed, so that the sender's retry is accepted (protocol.md §2, 500).
 */
import type { Clock } from '../types.js';
import { AuditNotifyError } from '../errors.js';

/**
 * Where the receiver remembers nonces. Implement it over a shared store (Redis `SET key 1 NX EX ttl`, a
 * unique index…) when several processes answer the same endpoint.
 *
 * @example
 * ```ts
 * const redisStore: NonceStore = {
 *   async claim(key, ttlSeconds) { return (await redis.set(`nonce:${key}`, '1', 'EX', ttlSeconds, 'NX')) === 'OK'; },
 *   async release(key) { await redis.del(`nonce:${key}`); },
 * };
 * ```
 */
export interface NonceStore {
  /** Records `key` for `ttlSeconds`; resolves `false` when it is already recorded and not yet expired. */
  claim(key: string, ttlSeconds: number): Promise<boolean>;
  /** Forgets `key` (the request it came with was not processed). */
  release(key: string): Promise<void>;
}

/**
 * Options of {@link createMemoryNonceStore}.
 *
 * @example
 * ```ts
 * const options: MemoryNonceStoreOptions = { max: 10_000 };
 * ```
 */
export interface MemoryNonceStoreOptions {
  /** Most nonces kept at once; when full, expired ones go first, then the oldest. Default 100 000. */
  max?: number;
  /** Time source for expiry (Unix seconds). Default `Date.now() / 1000`. */
  clock?: Clock;
}

/**
 * A bounded in-memory {@link NonceStore} with expiry: right for one process. At the endpoint's 200 requests a
 * minute per sender, twice the 300 s window holds 2 000 nonces per sender, far below the default bound.
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
  const now = options.clock ?? ((): number => Date.now() / 1000);
  // Insertion order of a Map is the claim order, so the front holds the oldest entries.
  const expiries = new Map<string, number>();

  function evict(at: number): void {
    for (const [key, expiry] of expiries) {
      if (expiries.size < max) return;
      if (expiry <= at) expiries.delete(key);
      else break;
    }
    // Still full of live nonces: forget the oldest rather than refuse genuine requests.
    while (expiries.size >= max) {
      const oldest = expiries.keys().next().value;
      if (oldest === undefined) return;
      expiries.delete(oldest);
    }
  }

  return {
    async claim(key, ttlSeconds) {
      const at = now();
      const expiry = expiries.get(key);
      if (expiry !== undefined && expiry > at) return false;
      expiries.delete(key);
      evict(at);
      expiries.set(key, at + ttlSeconds);
      return true;
    },
    async release(key) {
      expiries.delete(key);
    },
  };
}
