/**
 * The three memory stores of one process together, for tests, demos and `auditnotify listen --store memory`.
 */
import type { Clock } from '../types.js';
import type { ReceiverStores } from './stores.js';
import { createMemoryInbox } from './memory-inbox.js';
import { createMemoryNonceStore } from './nonce-store.js';
import { createMemoryRateLimiter } from './rate-limiter.js';

/**
 * Options of {@link createMemoryStores}.
 *
 * @example
 * ```ts
 * const options: MemoryStoresOptions = { perMinute: 200, maxNonces: 100_000 };
 * ```
 */
export interface MemoryStoresOptions {
  /** Time source (Unix seconds). Default `Date.now() / 1000`. */
  clock?: Clock;
  /** Requests a minute per sender. Default 200. */
  perMinute?: number;
  /** Most live nonces; over it requests are refused with 503 `NONCE_STORE_FULL`. Default 100 000. */
  maxNonces?: number;
}

/**
 * A nonce store, rate limiter and inbox in this process's memory: lost on restart and not shared between
 * instances (use `@auditnotify/sqlite` or `@auditnotify/redis` for that). `close()` does nothing.
 *
 * @example
 * ```ts
 * const { nonceStore, rateLimiter, inbox } = createMemoryStores();
 * const receiver = createReceiver({ ...options, nonceStore, rateLimiter, inbox });
 * ```
 */
export function createMemoryStores(options: MemoryStoresOptions = {}): ReceiverStores {
  const clock = options.clock;
  return {
    nonceStore: createMemoryNonceStore({ ...(clock ? { clock } : {}), ...(options.maxNonces === undefined ? {} : { max: options.maxNonces }) }),
    rateLimiter: createMemoryRateLimiter({ ...(clock ? { clock } : {}), ...(options.perMinute === undefined ? {} : { perMinute: options.perMinute }) }),
    inbox: createMemoryInbox(clock ? { clock } : {}),
    close: async () => undefined,
  };
}
