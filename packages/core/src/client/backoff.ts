/**
 * When the client tries again: exponential backoff with jitter, and the server's `Retry-After` when it sent
 * one (RFC 9110 §10.2.3: delay in seconds or an HTTP date).
 */

/**
 * Retry settings of `createClient`.
 *
 * @example
 * ```ts
 * const retry: RetryOptions = { attempts: 6, baseDelayMs: 1_000, maxDelayMs: 30_000 };
 * ```
 */
export interface RetryOptions {
  /** Most attempts in all, the first one included. Default 4. */
  attempts?: number;
  /** Delay before the first retry, before jitter. Default 500 ms. */
  baseDelayMs?: number;
  /** Largest delay between attempts, before jitter. Default 8 000 ms. */
  maxDelayMs?: number;
  /** A `Retry-After` longer than this ends the retries (the error is thrown). Default 120 000 ms. */
  maxRetryAfterMs?: number;
}

/**
 * Retry settings with defaults filled.
 *
 * @example
 * ```ts
 * const retry: ResolvedRetryOptions = { ...DEFAULT_RETRY, attempts: 2 };
 * ```
 */
export type ResolvedRetryOptions = Required<RetryOptions>;

/**
 * Default retry settings.
 *
 * @example
 * ```ts
 * createClient({ ...options, retry: { ...DEFAULT_RETRY, attempts: 6 } });
 * ```
 */
export const DEFAULT_RETRY: ResolvedRetryOptions = Object.freeze({
  attempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 120_000,
});

/**
 * Delay before retry number `retry` (1 for the first retry): the exponential step `base × 2^(retry−1)`
 * capped at `maxDelayMs`, then "equal jitter": between half of it and all of it, so that senders that failed
 * together do not come back together, yet each still backs off.
 *
 * @example
 * ```ts
 * backoffDelay(1, DEFAULT_RETRY, () => 0); // 250
 * backoffDelay(3, DEFAULT_RETRY, () => 1); // 2000
 * ```
 */
export function backoffDelay(retry: number, options: ResolvedRetryOptions, random: () => number): number {
  const step = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.round(step / 2 + (step / 2) * Math.min(1, Math.max(0, random())));
}

/**
 * Milliseconds a `Retry-After` header asks to wait, from `nowMs`; `undefined` when absent or unreadable.
 *
 * @example
 * ```ts
 * parseRetryAfter('3', Date.now()); // 3000
 * parseRetryAfter('Wed, 21 Oct 2026 07:28:00 GMT', Date.parse('Wed, 21 Oct 2026 07:27:58 GMT')); // 2000
 * ```
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}
