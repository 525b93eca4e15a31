import { formatBody, type BodyFormat } from './format-body.js';

/**
 * Sets (or, with `undefined`, removes) one top-level field of the JSON body text and writes it back in
 * the chosen format. Key order is kept, so only the edited value changes in the signed bytes.
 * Returns `null` when the text is not a JSON object (the raw view then stays the source of truth).
 *
 * @example
 * editBodyField('{"a":1}', 'b', 'x', 'compact'); // '{"a":1,"b":"x"}'
 */
export function editBodyField(text: string, name: string, value: unknown, format: BodyFormat): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
  const obj = { ...(parsed as Record<string, unknown>) };
  if (value === undefined) delete obj[name];
  else obj[name] = value;
  return formatBody(obj, format);
}
