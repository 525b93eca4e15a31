/**
 * The JSON form of the values that cross between a test process and an app running in another runtime:
 * bytes (`{ $bytes: base64 }`), errors (`{ $error: { name, message, code } }`) and function slots
 * (`{ $fn: 'logger.warn' }`). Runtime-neutral: no `node:` import, so Bun, Deno and workerd load it as it is.
 */

/**
 * A value as it travels: JSON, with bytes, errors and functions tagged.
 *
 * @example
 * ```ts
 * const value: WireValue = { raw: { $bytes: 'e30=' } };
 * ```
 */
export type WireValue = null | boolean | number | string | WireValue[] | { [key: string]: WireValue };

/**
 * Tags bytes and errors, and replaces every function by `{ $fn: path }`, its dotted path from the root.
 *
 * @example
 * ```ts
 * toWire({ handler: () => undefined, raw: new Uint8Array([1]) }); // { handler: { $fn: 'handler' }, raw: { $bytes: 'AQ==' } }
 * ```
 */
export function toWire(value: unknown, path = ''): WireValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'function') return { $fn: path };
  if (typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string') return value;
  if (value instanceof Uint8Array) return { $bytes: base64(value) };
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return { $error: { name: value.name, message: value.message, ...(typeof code === 'string' ? { code } : {}) } };
  }
  if (Array.isArray(value)) return value.map((item, index) => toWire(item, `${path}[${index}]`));
  if (typeof value === 'object') {
    const out: Record<string, WireValue> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item !== undefined) out[key] = toWire(item, path === '' ? key : `${path}.${key}`);
    }
    return out;
  }
  throw new TypeError(`cannot send a ${typeof value} to another runtime`);
}

/**
 * The inverse of {@link toWire}; `revive` turns each `{ $fn: path }` into a function.
 *
 * @example
 * ```ts
 * fromWire({ raw: { $bytes: 'AQ==' } }); // { raw: Uint8Array [1] }
 * ```
 */
export function fromWire(value: WireValue, revive: (path: string) => unknown = (path) => path): unknown {
  if (Array.isArray(value)) return value.map((item) => fromWire(item, revive));
  if (value === null || typeof value !== 'object') return value;
  if (typeof value.$fn === 'string') return revive(value.$fn);
  if (typeof value.$bytes === 'string') return unbase64(value.$bytes);
  const error = value.$error;
  if (error !== undefined && error !== null && typeof error === 'object' && !Array.isArray(error)) {
    return Object.assign(new Error(String(error.message)), { name: String(error.name), ...(error.code ? { code: error.code } : {}) });
  }
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = fromWire(item, revive);
  return out;
}

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function unbase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
