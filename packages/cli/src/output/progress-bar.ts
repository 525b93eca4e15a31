/**
 * The progress line `auditnotify outbox run` redraws on a terminal: a bar of the entries settled, the counts
 * by state and an estimate of the time left.
 */

/**
 * What the progress line shows.
 *
 * @example
 * ```ts
 * const progress: Progress = { delivered: 40, dead: 1, retrying: 2, pending: 59, elapsedMs: 12_000 };
 * ```
 */
export interface Progress {
  /** Delivered in this run. */
  delivered: number;
  /** Dead-lettered in this run. */
  dead: number;
  /** Failed attempts waiting for their retry. */
  retrying: number;
  /** Still queued or being delivered in the store (retries included). */
  pending: number;
  /** Since the run started. */
  elapsedMs: number;
}

/** `1h02m`, `3m05s`, `12s`. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (h > 0) return `${h}h${String(m).padStart(2, '0')}m`;
  if (m > 0) return `${m}m${String(s).padStart(2, '0')}s`;
  return `${s}s`;
}

/**
 * The time left at the pace of this run so far (settled entries per millisecond); `undefined` before the
 * first entry settled.
 *
 * @example
 * ```ts
 * etaMs({ delivered: 10, dead: 0, retrying: 0, pending: 30, elapsedMs: 5_000 }); // 15000
 * ```
 */
export function etaMs(progress: Progress): number | undefined {
  const settled = progress.delivered + progress.dead;
  if (settled === 0 || progress.elapsedMs <= 0) return undefined;
  return (progress.pending * progress.elapsedMs) / settled;
}

/**
 * One line of progress, `width` characters of bar.
 *
 * @example
 * ```ts
 * formatProgress({ delivered: 30, dead: 0, retrying: 1, pending: 10, elapsedMs: 9_000 }, 20);
 * // '[###############-----] 30/40 delivered 30, dead 0, retrying 1, ETA 3s'
 * ```
 */
export function formatProgress(progress: Progress, width = 30): string {
  const settled = progress.delivered + progress.dead;
  const total = settled + progress.pending;
  const filled = total === 0 ? width : Math.round((settled / total) * width);
  const eta = etaMs(progress);
  const bar = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
  return `${bar} ${settled}/${total} delivered ${progress.delivered}, dead ${progress.dead}, retrying ${progress.retrying}, ETA ${eta === undefined ? '?' : formatDuration(eta)}`;
}
