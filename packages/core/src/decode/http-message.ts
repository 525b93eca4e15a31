// Shared reader of HTTP/1.x messages as captured by a proxy or `nc -l` (RFC 9112): start line, header
// fields, blank line, body. Works on bytes so Content-Length (a byte count) is honoured exactly.
import { decodeError } from './decode-error.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: false });
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const CR = 0x0d;
const LF = 0x0a;

/**
 * A head line of the input, with its 1-based line number.
 *
 * @example
 * ```ts
 * const start: HeadLine = { text: 'POST / HTTP/1.1', line: 1 };
 * ```
 */
export interface HeadLine {
  readonly text: string;
  readonly line: number;
}

/**
 * Start line, header lines and where the body starts.
 *
 * @example
 * ```ts
 * const { start, fields, bodyStart } = splitMessage(capture, 'HTTP request');
 * ```
 */
export interface SplitMessage {
  readonly start: HeadLine;
  readonly fields: readonly HeadLine[];
  readonly bytes: Uint8Array;
  /** Offset of the first body byte in `bytes`. */
  readonly bodyStart: number;
  /** Line number where the body starts. */
  readonly bodyLine: number;
}

/**
 * Text as UTF-8 bytes; bytes as they are.
 *
 * @example
 * ```ts
 * toBytes('中'); // Uint8Array [0xe4, 0xb8, 0xad]
 * ```
 */
export function toBytes(input: string | Uint8Array): Uint8Array {
  return typeof input === 'string' ? encoder.encode(input) : input;
}

/**
 * Splits the head into lines (CRLF or LF), skipping empty lines before the start line (RFC 9112 §2.2).
 *
 * @example
 * ```ts
 * const message = splitMessage('GET / HTTP/1.1\r\nHost: h\r\n\r\n', 'HTTP request');
 * message.start.text; // 'GET / HTTP/1.1'
 * ```
 */
export function splitMessage(input: string | Uint8Array, what: string): SplitMessage {
  const bytes = toBytes(input);
  let offset = 0;
  let line = 1;
  const lines: HeadLine[] = [];
  let sawStart = false;
  while (offset < bytes.length) {
    let end = bytes.indexOf(LF, offset);
    const next = end === -1 ? bytes.length : end + 1;
    if (end === -1) end = bytes.length;
    const textEnd = end > offset && bytes[end - 1] === CR ? end - 1 : end;
    const text = decoder.decode(bytes.subarray(offset, textEnd));
    offset = next;
    if (text === '') {
      if (sawStart) return finish(lines, bytes, offset, line + 1, what);
      line++;
      continue;
    }
    sawStart = true;
    lines.push({ text, line });
    line++;
  }
  // No blank line: a head without a body (e.g. a GET pasted without its final empty line).
  return finish(lines, bytes, bytes.length, line, what);
}

function finish(lines: HeadLine[], bytes: Uint8Array, bodyStart: number, bodyLine: number, what: string): SplitMessage {
  const [start, ...fields] = lines;
  if (!start) throw decodeError(1, `the input is empty: paste a whole ${what}, starting with its first line`);
  return { start, fields, bytes, bodyStart, bodyLine };
}

/**
 * Parses header field lines into lower-case names; repeated fields are joined with ", " (RFC 9110 §5.3).
 *
 * @example
 * ```ts
 * parseFields([{ text: 'X-A: 1', line: 2 }, { text: 'x-a: 2', line: 3 }]); // { 'x-a': '1, 2' }
 * ```
 */
export function parseFields(fields: readonly HeadLine[]): Record<string, string> {
  const headers: Record<string, string> = Object.create(null) as Record<string, string>;
  let last: string | undefined;
  for (const { text, line } of fields) {
    if (text.startsWith(' ') || text.startsWith('\t')) {
      // Obsolete line folding (RFC 9112 §5.2): the continuation replaces the line break with a space.
      if (last === undefined) throw decodeError(line, 'a header line starts with whitespace but there is no header before it to continue');
      headers[last] = `${headers[last] ?? ''} ${text.trim()}`.trim();
      continue;
    }
    const colon = text.indexOf(':');
    if (colon === -1) throw decodeError(line, `"${clip(text)}" is not a header: expected "Name: value"`);
    const name = text.slice(0, colon);
    if (!TOKEN.test(name)) {
      throw decodeError(line, `"${clip(name)}" is not a valid header name (no spaces before the colon, only letters, digits and !#$%&'*+-.^_\`|~)`);
    }
    const key = name.toLowerCase();
    const value = text.slice(colon + 1).replace(/^[ \t]+|[ \t]+$/g, '');
    headers[key] = headers[key] === undefined ? value : `${headers[key]}, ${value}`;
    last = key;
  }
  return { ...headers };
}

/**
 * Reads the body as the headers frame it: chunked, Content-Length, or the rest of the input.
 *
 * @example
 * ```ts
 * const body = readBody(message, headers, { noBody: status === 204 });
 * ```
 */
export function readBody(message: SplitMessage, headers: Record<string, string>, options: { noBody?: boolean } = {}): Uint8Array {
  const { bytes, bodyStart, bodyLine } = message;
  const rest = bytes.subarray(bodyStart);
  const te = headers['transfer-encoding'];
  if (te !== undefined && /(^|,)\s*chunked\s*$/i.test(te)) return dechunk(rest, bodyLine);
  const cl = headers['content-length'];
  if (cl !== undefined) {
    const values = cl.split(',').map((v) => v.trim());
    const first = values[0] ?? '';
    if (!/^\d{1,15}$/.test(first) || values.some((v) => v !== first)) {
      throw decodeError(fieldLine(message, 'content-length'), `Content-Length "${clip(cl)}" is not a number of bytes`);
    }
    const length = Number(first);
    if (rest.length < length) {
      throw decodeError(bodyLine, `the body has ${rest.length} bytes but Content-Length says ${length}: the capture is cut short, or its line endings were changed when it was copied`, {
        expected: length,
        actual: rest.length,
      });
    }
    const extra = rest.subarray(length);
    // Editors add a final newline to pasted text: tolerate whitespace after the body, nothing else.
    if (extra.some((b) => b !== LF && b !== CR && b !== 0x20 && b !== 0x09)) {
      throw decodeError(bodyLine, `${extra.length} bytes follow the ${length}-byte body that Content-Length announces: a second message, or a wrong Content-Length`, {
        expected: length,
        actual: rest.length,
      });
    }
    return rest.slice(0, length);
  }
  if (options.noBody === true) return new Uint8Array(0);
  return rest.slice();
}

function dechunk(data: Uint8Array, firstLine: number): Uint8Array {
  const parts: Uint8Array[] = [];
  let offset = 0;
  let line = firstLine;
  for (;;) {
    const lf = data.indexOf(LF, offset);
    if (lf === -1) throw decodeError(line, 'the chunked body ends before its last chunk (a line "0")');
    const sizeText = decoder.decode(data.subarray(offset, lf)).replace(/\r$/, '');
    const size = /^[0-9A-Fa-f]{1,8}$/.test(sizeText.split(';')[0]?.trim() ?? '') ? parseInt(sizeText.split(';')[0] ?? '', 16) : NaN;
    if (Number.isNaN(size)) throw decodeError(line, `"${clip(sizeText)}" is not a chunk size (hexadecimal)`);
    offset = lf + 1;
    line++;
    if (size === 0) break; // trailer fields, if any, are not part of the body
    if (offset + size > data.length) throw decodeError(line, `a chunk of ${size} bytes is cut short`);
    const chunk = data.subarray(offset, offset + size);
    parts.push(chunk);
    line += countLf(chunk);
    offset += size;
    if (data[offset] === CR) offset++;
    if (offset >= data.length) throw decodeError(line, 'the chunked body ends before its last chunk (a line "0")');
    if (data[offset] !== LF) throw decodeError(line, 'a chunk is not followed by a line break');
    offset++;
    line++;
  }
  const body = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    body.set(p, at);
    at += p.length;
  }
  return body;
}

function fieldLine(message: SplitMessage, name: string): number {
  const prefix = `${name}:`;
  return message.fields.find((f) => f.text.toLowerCase().startsWith(prefix))?.line ?? message.start.line;
}

function countLf(bytes: Uint8Array): number {
  let n = 0;
  for (const b of bytes) if (b === LF) n++;
  return n;
}

/**
 * Shortens text quoted in an error message.
 *
 * @example
 * ```ts
 * clip('x'.repeat(100)).length; // 61
 * ```
 */
export function clip(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/**
 * True for an RFC 9110 token (method or header name).
 *
 * @example
 * ```ts
 * isToken('Content-Type'); // true
 * isToken('Bad Name'); // false
 * ```
 */
export function isToken(text: string): boolean {
  return TOKEN.test(text);
}

/**
 * Splits an absolute URL into authority and the request target (path + query as written, never
 * re-encoded: protocol.md §3 signs the target exactly as sent). The fragment is dropped: it never goes
 * on the wire. Returns `undefined` when `url` is not absolute.
 *
 * @example
 * ```ts
 * splitAbsoluteUrl('https://api.mch.weixin.qq.com/v3/x?a=1#f');
 * // { scheme: 'https', authority: 'api.mch.weixin.qq.com', target: '/v3/x?a=1' }
 * ```
 */
export function splitAbsoluteUrl(url: string): { scheme: string; authority: string; target: string } | undefined {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)(.*)$/s.exec(url);
  if (!m) return undefined;
  const hash = (m[3] ?? '').indexOf('#');
  let target = hash === -1 ? (m[3] ?? '') : (m[3] ?? '').slice(0, hash);
  if (!target.startsWith('/')) target = `/${target}`;
  const authority = (m[2] ?? '').replace(/^.*@/, ''); // userinfo is never sent in Host
  return { scheme: (m[1] ?? '').toLowerCase(), authority, target };
}
