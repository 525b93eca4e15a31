/**
 * The outbox's retry rule (one place): which failures are retried, how long to wait, and when an entry is
 * dead-lettered. The client inside makes one attempt per lease (`retry.attempts: 1`), so this rule, not the
 * client's in-memory one, spaces the retries — durably, so a retry survives a restart.
 */
import type { AttemptDecision, OutboxAttempt } from './store.js';

/**
 * Retry settings of an outbox.
 *
 * @example
 * ```ts
 * const retry: OutboxRetryOptions = { maxAttempts: 12, baseDelayMs: 1_000, maxDelayMs: 300_000, maxAgeMs: 86_400_000 };
 * ```
 */
export interface OutboxRetryOptions {
  /** Attempts in all before the entry is dead-lettered. Default 12. */
  maxAttempts?: number;
  /** Wait before the first retry, before jitter. Default 1 000 ms. */
  baseDelayMs?: number;
  /** Longest wait between attempts (a longer `Retry-After` is cut to it). Default 300 000 ms (5 min). */
  maxDelayMs?: number;
  /** An entry older than this (from its first enqueue) is dead-lettered instead of retried. Default 24 h. */
  maxAgeMs?: number;
}

/** {@link OutboxRetryOptions} with defaults filled. */
export type ResolvedOutboxRetry = Required<OutboxRetryOptions>;

/**
 * The default retry settings.
 *
 * @example
 * ```ts
 * createOutbox({ ...options, retry: { ...DEFAULT_OUTBOX_RETRY, maxAttempts: 20 } });
 * ```
 */
export const DEFAULT_OUTBOX_RETRY: ResolvedOutboxRetry = Object.freeze({
  maxAttempts: 12,
  baseDelayMs: 1_000,
  maxDelayMs: 300_000,
  maxAgeMs: 86_400_000,
});

/**
 * Whether a failed attempt may succeed later: no answer, a timeout, 408, 429, 5xx, or a 2xx whose answer
 * failed verification (it may have been processed; the same `out_request_no` again is safe). Every other
 * answer (400 `PARAM_ERROR`, 401, 403, …) will be the same next time.
 *
 * @example
 * ```ts
 * isRetryable({ status: 400, errorCode: 'PARAM_ERROR' }); // false
 * ```
 */
export function isRetryable(attempt: Pick<OutboxAttempt, 'status' | 'errorCode'>): boolean {
  if (attempt.status === undefined) return attempt.errorCode === 'NETWORK_ERROR' || attempt.errorCode === 'TIMEOUT';
  if (attempt.status >= 200 && attempt.status < 300) return attempt.errorCode?.startsWith('ANSWER_') === true;
  return attempt.status === 408 || attempt.status === 429 || attempt.status >= 500;
}

/**
 * What follows an attempt: delivered, a retry after a delay (the answer's `Retry-After` when it sent one,
 * else exponential backoff with equal jitter), or the dead-letter state.
 *
 * @example
 * ```ts
 * decide({ attempt, attemptsMade: 1, ageMs: 5_000, retryAfterMs: undefined, retry: DEFAULT_OUTBOX_RETRY, random: Math.random });
 * ```
 */
export function decide(input: {
  attempt: OutboxAttempt;
  /** Attempts made, this one included. */
  attemptsMade: number;
  /** Milliseconds since the entry was first enqueued. */
  ageMs: number;
  retryAfterMs: number | undefined;
  retry: ResolvedOutboxRetry;
  random: () => number;
}): AttemptDecision {
  const { attempt, attemptsMade, retry } = input;
  if (attempt.errorCode === undefined && attempt.status !== undefined && attempt.status >= 200 && attempt.status < 300) return { next: 'delivered' };
  if (!isRetryable(attempt) || attemptsMade >= retry.maxAttempts) return { next: 'dead' };
  const step = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** Math.max(0, attemptsMade - 1));
  const backoff = Math.round(step / 2 + (step / 2) * Math.min(1, Math.max(0, input.random())));
  const delayMs = input.retryAfterMs === undefined ? backoff : Math.min(retry.maxDelayMs, input.retryAfterMs);
  if (input.ageMs + delayMs > retry.maxAgeMs) return { next: 'dead' };
  return { next: 'retry', delayMs };
}

/**
 * Milliseconds a `Retry-After` header asks for (seconds or an HTTP date); `undefined` when absent or unreadable.
 *
 * @example
 * ```ts
 * retryAfterMs('3', Date.now()); // 3000
 * ```
 */
export function retryAfterMs(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = /[a-z]/i.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}
