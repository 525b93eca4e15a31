/**
 * The client keeps to the endpoint's 200 requests a minute (protocol.md §1) by waiting, never by failing:
 * a sliding window over the start times of the last `perMinute` requests, retries and failovers included.
 */

/**
 * Options of {@link createSendLimiter}.
 *
 * @example
 * ```ts
 * const options: SendLimiterOptions = { perMinute: 200, now: Date.now, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };
 * ```
 */
export interface SendLimiterOptions {
  /** Requests allowed in any 60 s. */
  perMinute: number;
  /** Current time in milliseconds. */
  now: () => number;
  /** Waits `ms` milliseconds; rejects when `signal` aborts. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/**
 * Hands out request slots.
 *
 * @example
 * ```ts
 * await limiter.acquire(signal);
 * await fetch(url, init);
 * ```
 */
export interface SendLimiter {
  /** Resolves when one more request may start (at once while under the limit). */
  acquire(signal?: AbortSignal): Promise<void>;
}

const WINDOW_MS = 60_000;

/**
 * Creates a limiter: the n-th request starts no earlier than 60 s after the (n − perMinute)-th. Slots are
 * reserved in call order, so concurrent sends queue fairly.
 *
 * @example
 * ```ts
 * const limiter = createSendLimiter({ perMinute: 200, now: Date.now, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) });
 * await limiter.acquire(); // the 201st call within a minute waits here
 * ```
 */
export function createSendLimiter(options: SendLimiterOptions): SendLimiter {
  // Reserved start times, non-decreasing; only the last `perMinute` matter.
  const starts: number[] = [];
  return {
    async acquire(signal) {
      signal?.throwIfAborted();
      const now = options.now();
      const earliest = starts.length < options.perMinute ? now : (starts[starts.length - options.perMinute] as number) + WINDOW_MS;
      const start = Math.max(now, earliest);
      starts.push(start);
      if (starts.length > options.perMinute) starts.splice(0, starts.length - options.perMinute);
      if (start > now) await options.sleep(start - now, signal);
    },
  };
}
