const PATTERN = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** The pieces of an RFC 3339 date-time the picker edits. */
export interface DateTimeParts {
  /** `YYYY-MM-DDTHH:mm:ss`, as `<input type="datetime-local">` wants it. */
  local: string;
  /** `+08:00`, `-05:00` or `Z`. */
  offset: string;
}

/**
 * Splits an RFC 3339 date-time with offset (the seed's `audit_finish_time` format) for the picker.
 *
 * @example
 * splitRfc3339('2015-05-20T13:29:35+08:00'); // { local: '2015-05-20T13:29:35', offset: '+08:00' }
 */
export function splitRfc3339(value: string): DateTimeParts | null {
  const m = PATTERN.exec(value);
  if (!m) return null;
  return { local: `${m[1]}T${m[2]}`, offset: m[3] === 'Z' ? 'Z' : (m[3] as string) };
}

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

/**
 * The current time at the given offset, as RFC 3339 (whole seconds).
 *
 * @example
 * nowRfc3339('+08:00'); // '2026-11-27T07:12:03+08:00'
 */
export function nowRfc3339(offset: string, now = Date.now()): string {
  const minutes = offset === 'Z' ? 0 : (offset.startsWith('-') ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  const shifted = new Date(now + minutes * 60_000).toISOString().slice(0, 19);
  return `${shifted}${offset}`;
}
