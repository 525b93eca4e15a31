/**
 * JSON output: one value, pretty-printed (or on one line for streams such as `listen`).
 */
import type { TextSink } from '../io.js';

/**
 * Writes `value` as JSON followed by a newline; `Uint8Array`s become UTF-8 strings.
 *
 * @example
 * ```ts
 * writeJson(io.stdout, { ok: true }); // {\n  "ok": true\n}\n
 * writeJson(io.stdout, { ok: true }, { compact: true }); // {"ok":true}\n
 * ```
 */
export function writeJson(sink: TextSink, value: unknown, options: { compact?: boolean } = {}): void {
  const text = JSON.stringify(
    value,
    (_key, item: unknown) => (item instanceof Uint8Array ? Buffer.from(item).toString('utf8') : item),
    options.compact === true ? undefined : 2,
  );
  sink.write(`${text}\n`);
}
