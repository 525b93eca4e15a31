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
  const clock = options.clock ?? ((): number => Date.now() / 1000);
  // Expiries are whole seconds after the store was made, rounded up (a nonce is never forgotten early): small
  // integers are stored inline in the Map, where Unix times with fractions would be one heap number each.
  const origin = clock();
  const now = (): number => clock() - origin;
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
  // Joining the UTF-16 code units builds a new flat string, exact for any key (lone surrogates included).
  return key.split('').join('');
}
