/**
 * Byte helpers of the services: every byte string crosses to the renderer as a {@link BytesView}
 * (exact bytes in Base64 plus a UTF-8 reading, length and SHA-256).
 */
import { createHash } from 'node:crypto';
import type { BytesInput, BytesView } from '../../shared/api.js';

const decoder = new TextDecoder('utf-8', { fatal: false });
const encoder = new TextEncoder();

/**
 * Describes bytes for the renderer.
 *
 * @example
 * ```ts
 * bytesView(new TextEncoder().encode('{}')).sha256; // '44136fa3…'
 * ```
 */
export function bytesView(bytes: Uint8Array): BytesView {
  return {
    text: decoder.decode(bytes),
    base64: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'),
    byteLength: bytes.byteLength,
    sha256: sha256Hex(bytes),
  };
}

/**
 * A view of bytes that are not kept: their length and SHA-256 only, and why.
 *
 * @example
 * ```ts
 * omittedBytesView(bytesView(body), 'not-notify-path'); // { text: '', base64: '', byteLength, sha256, omitted }
 * ```
 */
export function omittedBytesView(view: Pick<BytesView, 'byteLength' | 'sha256'>, omitted: NonNullable<BytesView['omitted']>): BytesView {
  return { text: '', base64: '', byteLength: view.byteLength, sha256: view.sha256, omitted };
}

/**
 * Lower-case hex SHA-256.
 *
 * @example
 * ```ts
 * sha256Hex(new Uint8Array()); // 'e3b0c442…'
 * ```
 */
export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * UTF-8 bytes of a string.
 *
 * @example
 * ```ts
 * utf8('中').byteLength; // 3
 * ```
 */
export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/**
 * UTF-8 reading of bytes (invalid sequences become U+FFFD).
 *
 * @example
 * ```ts
 * fromUtf8(utf8('x')); // 'x'
 * ```
 */
export function fromUtf8(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

/**
 * The bytes of a renderer-given {@link BytesInput}.
 *
 * @example
 * ```ts
 * bytesOf({ base64: 'e30=' }); // Uint8Array [123, 125]
 * ```
 */
export function bytesOf(input: BytesInput): Uint8Array {
  return 'text' in input ? utf8(input.text) : new Uint8Array(Buffer.from(input.base64, 'base64'));
}

/**
 * Text with line ends made visible: `↵` before every `\n`, `␍` for every `\r` (protocol.md §3: each of the
 * five message lines ends in `\n`, including the last, which is what integrators most often miss).
 *
 * @example
 * ```ts
 * visibleLineEnds('POST\n/v3\n'); // 'POST↵\n/v3↵\n'
 * ```
 */
export function visibleLineEnds(text: string): string {
  return text.replace(/\r/g, '␍').replace(/\n/g, '↵\n');
}

/**
 * Headers with lower-case names and string values (arrays joined with `, `).
 *
 * @example
 * ```ts
 * plainHeaders(new Headers({ 'Request-ID': 'x' })); // { 'request-id': 'x' }
 * ```
 */
export function plainHeaders(headers: Headers | Record<string, string | string[] | number | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  if (headers instanceof Headers) {
    headers.forEach((value, name) => (out[name.toLowerCase()] = value));
    return out;
  }
  for (const [name, value] of Object.entries(headers as Record<string, string | string[] | number | undefined>)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}
