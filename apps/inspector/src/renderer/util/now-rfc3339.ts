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
