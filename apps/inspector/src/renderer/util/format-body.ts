/** How the composer writes JSON after a form edit. */
export type BodyFormat = 'pretty' | 'compact';

/**
 * Serialises a body object in the composer's format.
 *
 * @example
 * formatBody({ a: 1 }, 'pretty'); // '{\n  "a": 1\n}'
 */
export function formatBody(obj: unknown, format: BodyFormat): string {
  return format === 'pretty' ? JSON.stringify(obj, null, 2) : JSON.stringify(obj);
}
