/**
 * Per-sender rate limit of the receiver: the endpoint allows 200 requests a minute (protocol.md §1); over it
 * the answer is `429 FREQUENCY_LIMITED` with `Retry-After` (protocol.md §2).
 */
import type { Clock } from '../types.js';
import type { RateLimiter } from './stores.js';
import { AuditNotifyError } from '../errors.js';
import { DEFAULT_REQUESTS_PER_MINUTE } from '../protocol/constants.js';

/**
 * Options of {@link createMemoryRateLimiter}.
 *
 * @example
 * ```ts
 * const options: MemoryRateLimiterOptions = { perMinute: 100 };
 * ```
 */
export interface MemoryRateLimiterOptions {
  /** Requests a minute per key, also the burst size. Default 200 (protocol.md §1). */
  perMinute?: number;
  /** Time source (Unix seconds, fractions allowed). Default `Date.now() / 1000`. */
  clock?: Clock;
  /** Most keys tracked at once; idle full buckets are dropped first. Default 10 000. */
  maxKeys?: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * An in-memory token bucket per key: `perMinute` tokens, refilled continuously at `perMinute / 60` a second.
 *
 * @example
 * ```ts
 * const limiter = createMemoryRateLimiter({ perMinute: 200 });
 * const { ok, retryAfterSeconds } = await limiter.take('1900016681');
 * if (!ok) console.log(`retry in ${retryAfterSeconds} s`);
 * ```
 */
export function createMemoryRateLimiter(options: MemoryRateLimiterOptions = {}): RateLimiter {
  const perMinute = options.perMinute ?? DEFAULT_REQUESTS_PER_MINUTE;
  const maxKeys = options.maxKeys ?? 10_000;
  if (!(Number.isFinite(perMinute) && perMinute > 0)) {
    throw new AuditNotifyError('INVALID_OPTIONS', 'createMemoryRateLimiter: `perMinute` must be a positive number.');
  }
  if (!Number.isSafeInteger(maxKeys) || maxKeys < 1) {
    throw new AuditNotifyError('INVALID_OPTIONS', 'createMemoryRateLimiter: `maxKeys` must be a positive integer.');
  }
  const now = options.clock ?? ((): number => Date.now() / 1000);
  const perSecond = perMinute / 60;
  const buckets = new Map<string, Bucket>();

  function refill(bucket: Bucket, at: number): void {
    const elapsed = Math.max(0, at - bucket.at);
    bucket.tokens = Math.min(perMinute, bucket.tokens + elapsed * perSecond);
    bucket.at = at;
  }

  function makeRoom(at: number): void {
    for (const [key, bucket] of buckets) {
      if (buckets.size < maxKeys) return;
      refill(bucket, at);
      if (bucket.tokens >= perMinute) buckets.delete(key);
    }
    while (buckets.size >= maxKeys) {
      const oldest = buckets.keys().next().value;
      if (oldest === undefined) return;
      buckets.delete(oldest);
    }
  }

  return {
    async take(key) {
      const at = now();
      let bucket = buckets.get(key);
      if (bucket === undefined) {
        makeRoom(at);
        bucket = { tokens: perMinute, at };
        buckets.set(key, bucket);
      } else {
        refill(bucket, at);
      }
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { ok: true, retryAfterSeconds: 0 };
      }
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond)) };
    },
  };
}
