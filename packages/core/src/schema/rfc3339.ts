// `audit_finish_time` follows RFC 3339 §5.6 `date-time` with a mandatory offset (the documentation:
// YYYY-MM-DDTHH:mm:ss+TIMEZONE). Written by hand rather than with `z.iso.datetime` so the error can say
// which part is wrong, and so the rules are exactly these: upper-case `T` and `Z` (as the documentation shows),
// optional fractional seconds, offset `Z` or ±hh:mm, a real calendar date, seconds 00–59 (no leap second:
// APIv3 timestamps never carry one).
const PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(Z|[+-](\d{2}):(\d{2}))$/;

/**
 * Checks an RFC 3339 date-time with offset and returns what is wrong with it, or `undefined` when it is valid.
 *
 * @example
 * ```ts
 * rfc3339Issue('2015-05-20T13:29:35+08:00'); // undefined
 * rfc3339Issue('2015-02-30T13:29:35+08:00'); // 'day 30 does not exist in 2015-02'
 * rfc3339Issue('2015-05-20 13:29:35'); // 'expected YYYY-MM-DDTHH:mm:ss+hh:mm …'
 * ```
 */
export function rfc3339Issue(value: string): string | undefined {
  const m = PATTERN.exec(value);
  if (!m) return 'expected YYYY-MM-DDTHH:mm:ss+hh:mm (or Z), e.g. 2015-05-20T13:29:35+08:00';
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12) return `month ${m[2]} does not exist`;
  const days = daysInMonth(year, month);
  if (day < 1 || day > days) return `day ${m[3]} does not exist in ${m[1]}-${m[2]}`;
  if (hour > 23) return `hour ${m[4]} is out of range 00–23`;
  if (minute > 59) return `minute ${m[5]} is out of range 00–59`;
  if (second > 59) return `second ${m[6]} is out of range 00–59`;
  if (m[7] !== 'Z' && (Number(m[8]) > 23 || Number(m[9]) > 59)) return `offset ${m[7]} is out of range (−23:59 to +23:59)`;
  return undefined;
}

/**
 * True for an RFC 3339 date-time with offset such as `2015-05-20T13:29:35+08:00` (see {@link rfc3339Issue}).
 *
 * @example
 * ```ts
 * isRfc3339DateTime('2025-09-15T09:30:00Z'); // true
 * isRfc3339DateTime('2025-09-15T09:30:00'); // false: no offset
 * ```
 */
export function isRfc3339DateTime(value: string): boolean {
  return rfc3339Issue(value) === undefined;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
