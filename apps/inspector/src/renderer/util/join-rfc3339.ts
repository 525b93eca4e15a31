import type { DateTimeParts } from './split-rfc3339.js';

/**
 * Joins picker parts back into `YYYY-MM-DDTHH:mm:ss+TIMEZONE`.
 *
 * @example
 * joinRfc3339({ local: '2015-05-20T13:29', offset: '+08:00' }); // '2015-05-20T13:29:00+08:00'
 */
export function joinRfc3339(parts: DateTimeParts): string {
  const local = parts.local.length === 16 ? `${parts.local}:00` : parts.local;
  return `${local}${parts.offset}`;
}
