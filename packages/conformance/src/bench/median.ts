/**
 * The median of benchmark figures: one slow round on a shared machine moves it no more than any other round.
 *
 * @example
 * ```ts
 * median([0.88, 0.97, 0.69]); // 0.88
 * ```
 */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
