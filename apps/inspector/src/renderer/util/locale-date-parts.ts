/**
 * The order, separators and month names of a date and time in a UI language, from `Intl.DateTimeFormat`:
 * `2015年5月20日 13:29:35` in zh-CN, `May 20, 2015 at 13:29:35` in English. The date-time picker lays its
 * fields out from these parts instead of the browser's `datetime-local` control, which follows the browser's
 * locale (a US date in a Chinese UI).
 */

/** One part of a formatted date-time: an editable field or the text between fields. */
export type LocaleDatePart =
  | { type: 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second'; value: string }
  | { type: 'literal'; value: string };

const OPTIONS: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZone: 'UTC' };
const FIELDS = new Set(['year', 'month', 'day', 'hour', 'minute', 'second']);

/**
 * The parts of `local` (`YYYY-MM-DDTHH:mm:ss`, no offset: the wall-clock time as written) in `locale`.
 *
 * @example
 * ```ts
 * localeDateParts('2015-05-20T13:29:35', 'zh-CN').map((p) => p.value).join(''); // '2015年5月20日 13:29:35'
 * ```
 */
export function localeDateParts(local: string, locale: string): LocaleDatePart[] {
  const [date = '', time = ''] = local.split('T');
  const [y, m, d] = date.split('-').map(Number);
  const [h, min, s] = time.split(':').map(Number);
  const instant = new Date(0);
  instant.setUTCFullYear(y ?? 2000, (m ?? 1) - 1, d ?? 1);
  instant.setUTCHours(h ?? 0, min ?? 0, s ?? 0, 0);
  return new Intl.DateTimeFormat(locale, OPTIONS)
    .formatToParts(instant)
    .filter((p) => FIELDS.has(p.type) || p.type === 'literal')
    .map((p) => ({ type: p.type as LocaleDatePart['type'], value: p.value }) as LocaleDatePart);
}

/**
 * The twelve month names (or numbers) as `localeDateParts` writes them in `locale`.
 *
 * @example
 * ```ts
 * monthNames('en')[4]; // 'May'
 * monthNames('zh-CN')[4]; // '5'
 * ```
 */
export function monthNames(locale: string): string[] {
  const format = new Intl.DateTimeFormat(locale, OPTIONS);
  return Array.from({ length: 12 }, (_, i) => format.formatToParts(Date.UTC(2000, i, 1)).find((p) => p.type === 'month')?.value ?? String(i + 1));
}

/**
 * Days in a month of the proleptic Gregorian calendar.
 *
 * @example
 * ```ts
 * daysInMonth(2024, 2); // 29
 * ```
 */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
