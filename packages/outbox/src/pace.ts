/**
 * The spacing of attempt starts under the global limit, for every backend (one rule, one place).
 *
 * The limit is what the receiver counts, on arrival: at most `max` requests in any window of `durationMs`.
 * Spacing starts exactly `durationMs / max` apart is not enough, because the time from a start to its arrival
 * (signing, the event loop, the network) varies: an early start that arrives late and a later one that
 * arrives early put `max + 1` arrivals into one window. So `max` starts are spread over `durationMs +
 * toleranceMs`: any two arrivals may then be delayed by up to `toleranceMs` more than each other and no
 * window of `durationMs` holds more than `max`. The default tolerance, 1% of the duration (600 ms a minute),
 * costs 1% of the limit.
 */

/** A limit as the stores take it: at most `max` arrivals in any window of `durationMs`, tolerating `toleranceMs` of variation. */
export interface PaceLimit {
  max: number;
  durationMs: number;
  toleranceMs: number;
}

/** The tolerance when the rate names none: 1% of its duration. */
export function defaultToleranceMs(durationMs: number): number {
  return durationMs / 100;
}

/**
 * Milliseconds between two attempt starts, over every worker on a store.
 *
 * @example
 * ```ts
 * paceIntervalMs({ max: 200, durationMs: 60_000, toleranceMs: 600 }); // 303: 198 a minute, never 201 in a minute
 * ```
 */
export function paceIntervalMs(rate: PaceLimit): number {
  return (rate.durationMs + rate.toleranceMs) / rate.max;
}
