/** Summary of a series of timings in milliseconds. */
export interface Stats {
  n: number;
  median: number;
  p95: number;
  min: number;
  max: number;
}

/**
 * Median, p95 (nearest rank), min and max of a series.
 *
 * @example
 * summarize([3, 1, 2]); // { n: 3, median: 2, p95: 3, min: 1, max: 3 }
 */
export function summarize(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const rank = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? NaN;
  const mid = s.length % 2 ? (s[(s.length - 1) / 2] ?? NaN) : ((s[s.length / 2 - 1] ?? 0) + (s[s.length / 2] ?? 0)) / 2;
  return { n: s.length, median: mid, p95: rank(0.95), min: s[0] ?? NaN, max: s[s.length - 1] ?? NaN };
}
