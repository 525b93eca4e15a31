/**
 * `--now UNIX`: the clock that `verify` and `decode` judge timestamps by.
 */
import { systemClock } from '@auditnotify/core';
import type { Clock } from '@auditnotify/core';
import { usageError } from '../usage-error.js';

/**
 * A fixed clock for `--now`, or the system clock when the flag is absent.
 *
 * @example
 * ```ts
 * parseNow('1757900000')(); // 1757900000
 * ```
 */
export function parseNow(value: string | undefined): Clock {
  if (value === undefined) return systemClock;
  if (!/^\d{1,12}$/.test(value)) throw usageError('--now must be Unix seconds (digits only)', { flag: '--now' });
  const now = Number(value);
  return () => now;
}
