const PATTERN = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** The pieces of an RFC 3339 date-time the picker edits. */
export interface DateTimeParts {
  /** `YYYY-MM-DDTHH:mm:ss`, as `<input type="datetime-local">` wants it. */
  local: string;
  /** `+08:00`, `-05:00` or `Z`. */
  offset: string;
}

/**
 * Splits an RFC 3339 date-time with offset (the documentation's `audit_finish_time` format) for the picker.
 *
 * @example
 * splitRfc3339('2015-05-20T13:29:35+08:00'); // { local: '2015-05-20T13:29:35', offset: '+08:00' }
 */
export function splitRfc3339(value: string): DateTimeParts | null {
  const m = PATTERN.exec(value);
  if (!m) return null;
  return { local: `${m[1]}T${m[2]}`, offset: m[3] === 'Z' ? 'Z' : (m[3] as string) };
}
