/**
 * The numbers `auditnotify outbox run` takes on the command line, checked before anything is opened.
 */
import type { OutboxRate } from '@auditnotify/outbox';
import { usageError } from '../usage-error.js';

/**
 * `--rate N/min` (or `N/s`) as the outbox's rate; absent means the endpoint's 200 a minute.
 *
 * @example
 * ```ts
 * parseRate('1200/min'); // { perMinute: 1200 }
 * parseRate('20/s'); // { max: 20, durationMs: 1000 }
 * ```
 */
export function parseRate(value: string | undefined): OutboxRate {
  if (value === undefined) return { perMinute: 200 };
  const match = /^([1-9]\d{0,6})\/(min|s)$/.exec(value.trim());
  if (match === null) throw usageError(`--rate must be N/min or N/s (N a whole number from 1), got ${JSON.stringify(value)}`, { flag: '--rate' });
  const n = Number(match[1]);
  return match[2] === 'min' ? { perMinute: n } : { max: n, durationMs: 1_000 };
}

/**
 * A whole-number flag within bounds, or its default when absent.
 *
 * @example
 * ```ts
 * parseWhole(flags.concurrency, '--concurrency', { min: 1, max: 256, default: 4 }); // 4
 * ```
 */
export function parseWhole(value: string | undefined, flag: string, bounds: { min: number; max: number; default: number }): number {
  if (value === undefined) return bounds.default;
  const n = /^\d{1,9}$/.test(value) ? Number(value) : Number.NaN;
  if (!(n >= bounds.min && n <= bounds.max)) throw usageError(`${flag} must be a whole number from ${bounds.min} to ${bounds.max}, got ${JSON.stringify(value)}`, { flag });
  return n;
}
