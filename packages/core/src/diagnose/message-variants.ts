// The guesses of a diagnosis: the body, URL and timestamp as a sender or a verifier commonly gets them
// wrong (protocol.md §7), each tied to the cause it would prove. Only guesses that differ from what was
// received are produced.
import type { CauseCode } from './causes.js';
import { encodeGbk } from './gbk-encode.js';
import { escapeSlashes, escapeUnicode, unescapeSlashes, unescapeUnicode } from './json-escapes.js';

/**
 * One guess at what was really signed.
 *
 * @example
 * ```ts
 * const part: MessagePart = { name: 'url_without_query', description: 'the URL without its query string', cause: 'QUERY_MISMATCH', url: '/v3/x' };
 * ```
 */
export interface MessagePart {
  name: string;
  description: string;
  cause: CauseCode;
  body?: Uint8Array;
  url?: string;
  timestamp?: string;
  nonce?: string;
  /** The method exactly as signed (the message normally carries it upper-cased). */
  method?: string;
  /** How the message's lines are put together, when not the standard `\n` after every line. */
  lines?: 'crlf' | 'no_final_newline';
}

const encoder = new TextEncoder();
const utf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('latin1');
const MAX_PATH_PREFIXES = 6;
// Path prefixes gateways commonly route a service under; tried with the ones the request's forwarding headers
// name. Each costs one SHA-256 in the digest search.
const COMMON_PROXY_PREFIXES = ['/api', '/pay', '/wxpay', '/wechatpay', '/wechat', '/notify', '/callback', '/gateway', '/proxy'];
const TIMESTAMP_DRIFT = 10;
const NONCE_DRIFT = 100;
const COMPACT = { itemSep: ',', keySep: ':' };

/**
 * Body guesses, the smallest edits first: when two guesses give the same bytes (a compact body that only
 * gained a newline), the first, more precise one is kept.
 *
 * @example
 * ```ts
 * bodyVariants(new TextEncoder().encode('{"a": 1}\n')).map((p) => p.name);
 * // ['body_without_final_newline', 'body_crlf', 'body_trimmed', 'body_compact_json', …]
 * ```
 */
export function bodyVariants(body: Uint8Array): MessagePart[] {
  const out: MessagePart[] = [];
  const add = (name: string, description: string, cause: CauseCode, bytes: Uint8Array) => out.push({ name, description, cause, body: bytes });
  let text: string | undefined;
  try {
    text = utf8.decode(body);
  } catch {
    text = undefined;
  }
  if (body.length > 0 && body[body.length - 1] === 0x0a) {
    const cut = body.length >= 2 && body[body.length - 2] === 0x0d ? 2 : 1;
    add('body_without_final_newline', 'the body without its final line break', 'TRAILING_NEWLINE', body.subarray(0, body.length - cut));
  } else {
    add('body_with_final_newline', 'the body with a final line break added (a file or heredoc body)', 'TRAILING_NEWLINE', concat(body, [0x0a]));
  }
  if (text !== undefined && text.includes('\r\n')) {
    add('body_lf', 'the body with CRLF line breaks turned into LF', 'LINE_ENDINGS', encoder.encode(text.replace(/\r\n/g, '\n')));
  } else if (text !== undefined && text.includes('\n')) {
    add('body_crlf', 'the body with LF line breaks turned into CRLF (Windows)', 'LINE_ENDINGS', encoder.encode(text.replace(/\n/g, '\r\n')));
  }
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) {
    add('body_without_bom', 'the body without its UTF-8 byte order mark', 'CHARSET_MISMATCH', body.subarray(3));
  }
  const trimmed = trimAsciiWhitespace(body);
  if (trimmed.length !== body.length) add('body_trimmed', 'the body without leading and trailing whitespace', 'BODY_TRIMMED', trimmed);
  if (text !== undefined) {
    escapeEdits(text, add);
    const json = tryJson(text);
    if (json.ok) {
      add('body_compact_json', 'the body parsed and serialised again without spaces (JSON.stringify)', 'BODY_RESERIALISED', encoder.encode(stringify(json.value, COMPACT)));
      add('body_pretty_json', 'the body parsed and serialised again with 2-space indentation', 'BODY_RESERIALISED', encoder.encode(JSON.stringify(json.value, null, 2)));
      add('body_sorted_keys', 'the body with its JSON keys in alphabetical order (a Go map, a sorted dictionary)', 'JSON_KEYS_REORDERED', encoder.encode(stringify(json.value, { ...COMPACT, sortKeys: true })));
      add('body_spaced_json', 'the body serialised again with ", " and ": " separators (Python json.dumps(ensure_ascii=False))', 'BODY_RESERIALISED', encoder.encode(stringify(json.value, { itemSep: ', ', keySep: ': ' })));
      add('body_python_json', 'the body serialised again with ", " and ": " separators and \\u escapes (Python json.dumps)', 'BODY_RESERIALISED', encoder.encode(stringify(json.value, { itemSep: ', ', keySep: ': ', asciiOnly: true })));
      add('body_ascii_escaped', 'the body serialised again with non-ASCII characters as \\uXXXX escapes', 'JSON_UNICODE_ESCAPED', encoder.encode(stringify(json.value, { ...COMPACT, asciiOnly: true })));
      if (typeof json.value === 'string' && tryJson(json.value).ok) {
        add('body_json_string_content', 'the JSON text inside the string literal that was sent (the body was encoded twice)', 'BODY_DOUBLE_ENCODED', encoder.encode(json.value));
      } else {
        add('body_as_json_string', 'the body as a JSON string literal (JSON.stringify of the JSON text)', 'BODY_DOUBLE_ENCODED', encoder.encode(JSON.stringify(text)));
      }
    }
  }
  if (body.some((b) => b >= 0x80)) {
    add('body_latin1_double_encoded', 'the body read as Latin-1 and encoded as UTF-8 again (mojibake)', 'CHARSET_MISMATCH', encoder.encode(latin1.decode(body)));
    if (text !== undefined) {
      const codes = [...text].map((c) => c.codePointAt(0) ?? 0);
      if (codes.every((c) => c < 0x100)) {
        add('body_latin1_bytes', 'the body as the Latin-1 bytes of its text (the sender signed before a transcoding)', 'CHARSET_MISMATCH', new Uint8Array(codes));
      }
    }
    const gbk = gbkToUtf8(body);
    if (gbk) add('body_gbk_as_utf8', 'the body read as GBK and signed as UTF-8 (the bytes sent were GBK)', 'CHARSET_MISMATCH', gbk);
    const asGbk = text === undefined ? undefined : encodeGbk(text);
    if (asGbk) add('body_as_gbk', 'the body encoded as GBK (the default charset of a Chinese Windows)', 'BODY_SIGNED_AS_GBK', asGbk);
  }
  if (body.length > 0) add('body_empty', 'an empty body (signed before the body was attached)', 'BODY_SIGNED_EMPTY', new Uint8Array(0));
  return out;
}

// The same text with only its escaping changed, both ways: signed escaped and sent raw, or the reverse.
function escapeEdits(text: string, add: (name: string, description: string, cause: CauseCode, bytes: Uint8Array) => void): void {
  const edits: [string, string, CauseCode, string][] = [
    ['body_unicode_escaped', 'the body with its non-ASCII characters as \\uXXXX escapes and nothing else changed (PHP json_encode without JSON_UNESCAPED_UNICODE)', 'JSON_UNICODE_ESCAPED', escapeUnicode(text)],
    ['body_unicode_unescaped', 'the body with its \\uXXXX escapes written as the characters themselves', 'JSON_UNICODE_ESCAPED', unescapeUnicode(text)],
    ['body_slashes_escaped', 'the body with every / written as \\/ (PHP json_encode without JSON_UNESCAPED_SLASHES)', 'JSON_SLASHES_ESCAPED', escapeSlashes(text)],
    ['body_slashes_unescaped', 'the body with its \\/ escapes written as /', 'JSON_SLASHES_ESCAPED', unescapeSlashes(text)],
    ['body_php_escaped', 'the body with both \\uXXXX and \\/ escapes (PHP json_encode with no flags)', 'JSON_UNICODE_ESCAPED', escapeSlashes(escapeUnicode(text))],
    ['body_php_unescaped', 'the body with its \\uXXXX and \\/ escapes both written out', 'JSON_UNICODE_ESCAPED', unescapeSlashes(unescapeUnicode(text))],
  ];
  for (const [name, description, cause, edited] of edits) if (edited !== text) add(name, description, cause, encoder.encode(edited));
}

/**
 * Request-target guesses, most likely first.
 *
 * @example
 * ```ts
 * urlVariants('/v3/x?b=1', 'api.mch.weixin.qq.com')[0]?.url; // '/v3/x'
 * ```
 */
export function urlVariants(url: string, host: string | undefined, proxyPrefixes: readonly string[] = []): MessagePart[] {
  const out: MessagePart[] = [];
  const add = (name: string, description: string, cause: CauseCode, value: string) => out.push({ name, description, cause, url: value });
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  const query = q === -1 ? undefined : url.slice(q + 1);
  if (query !== undefined) {
    add('url_without_query', 'the URL without its query string', 'QUERY_MISMATCH', path);
    const params = query.split('&');
    const sorted = [...params].sort();
    if (params.length > 1 && sorted.join('&') !== query) add('url_query_sorted', 'the URL with its query parameters sorted', 'QUERY_MISMATCH', `${path}?${sorted.join('&')}`);
  } else {
    add('url_with_empty_query', 'the URL with an empty query ("?") appended', 'QUERY_MISMATCH', `${url}?`);
  }
  if (host !== undefined) {
    add('url_with_host', `the full URL https://${host}… instead of the path (the host is not signed)`, 'URL_INCLUDES_HOST', `https://${host}${url}`);
    add('url_with_http_host', `the full URL http://${host}…`, 'URL_INCLUDES_HOST', `http://${host}${url}`);
  }
  if (url.includes('%')) {
    const decoded = tryDecode(url);
    if (decoded !== undefined && decoded !== url) add('url_decoded', 'the URL with %XX escapes decoded', 'URL_ENCODING', decoded);
  }
  const encoded = encodeURI(safeUri(url)).replace(/%25([0-9A-Fa-f]{2})/g, '%$1');
  if (encoded !== url) add('url_encoded', 'the URL percent-encoded (spaces, non-ASCII)', 'URL_ENCODING', encoded);
  // A proxy that strips or adds a path prefix makes the receiver see another path than the sender signed.
  const slashes: number[] = [];
  for (let i = path.indexOf('/', 1); i !== -1 && slashes.length < MAX_PATH_PREFIXES; i = path.indexOf('/', i + 1)) slashes.push(i);
  for (const at of slashes) {
    add(`url_without_prefix_${path.slice(0, at)}`, `the URL without the prefix ${path.slice(0, at)} (added by a proxy or gateway)`, 'PATH_REWRITTEN', url.slice(at));
  }
  if (path.length > 1 && path.endsWith('/')) add('url_without_trailing_slash', 'the path without its trailing /', 'PATH_REWRITTEN', url.slice(0, path.length - 1) + url.slice(path.length));
  if (url.startsWith('/')) add('url_without_leading_slash', 'the URL without its leading / (a path joined to a base URL ending in /)', 'URL_NO_LEADING_SLASH', url.slice(1));
  const prefixes = new Set([...proxyPrefixes, ...COMMON_PROXY_PREFIXES].map((p) => `/${p.replace(/^\/+|\/+$/g, '')}`).filter((p) => p !== '/'));
  for (const prefix of prefixes) {
    if (!url.startsWith(`${prefix}/`)) add(`url_with_prefix_${prefix}`, `the URL with the prefix ${prefix} that a reverse proxy strips before the receiver sees it`, 'URL_PROXY_PREFIX_SIGNED', prefix + url);
  }
  return out;
}

/**
 * Timestamp guesses.
 *
 * @example
 * ```ts
 * timestampVariants('1757900000123')[0]?.timestamp; // '1757900000'
 * ```
 */
export function timestampVariants(timestamp: string): MessagePart[] {
  const out: MessagePart[] = [];
  if (timestamp.length >= 13) {
    out.push({ name: 'timestamp_in_seconds', description: `the timestamp in seconds (${timestamp.slice(0, -3)}) instead of milliseconds`, cause: 'TIMESTAMP_IN_MILLISECONDS', timestamp: timestamp.slice(0, -3) });
  }
  // The clock read twice: once for the signature, once for the header.
  if (/^\d{1,15}$/.test(timestamp)) {
    const ts = Number(timestamp);
    for (let d = 1; d <= TIMESTAMP_DRIFT; d++) {
      for (const signed of [ts - d, ts + d]) {
        if (signed >= 0) out.push({ name: `timestamp_signed_${signed}`, description: `the timestamp ${signed} (${signed - ts > 0 ? '+' : ''}${signed - ts} s): the clock was read again for the header`, cause: 'TIMESTAMP_NOT_AS_SIGNED', timestamp: String(signed) });
      }
    }
  }
  return out;
}

/**
 * Nonce guesses: another case, or (for a nonce made from a clock, such as milliseconds) a nearby value from
 * reading the clock again for the header.
 *
 * @example
 * ```ts
 * nonceVariants('abc')[0]?.nonce; // 'ABC'
 * ```
 */
export function nonceVariants(nonce: string): MessagePart[] {
  const out: MessagePart[] = [];
  const add = (value: string, description: string) => {
    if (value !== nonce) out.push({ name: `nonce_signed_${value}`, description, cause: 'NONCE_NOT_AS_SIGNED', nonce: value });
  };
  add(nonce.toUpperCase(), 'the nonce in upper case');
  add(nonce.toLowerCase(), 'the nonce in lower case');
  if (/^\d{1,15}$/.test(nonce)) {
    const n = Number(nonce);
    for (let d = 1; d <= NONCE_DRIFT; d++) {
      for (const signed of [n - d, n + d]) if (signed >= 0) add(String(signed).padStart(nonce.length, '0'), `the nonce ${signed}: the nonce was generated again (from the clock) for the header`);
    }
  }
  return out;
}

/**
 * Guesses at how the message itself was put together: the method in lower case, CRLF line ends, no final
 * line feed.
 *
 * @example
 * ```ts
 * messageShapeVariants('POST').map((p) => p.name); // ['message_without_final_newline', 'message_crlf', 'method_lower_case']
 * ```
 */
export function messageShapeVariants(method: string | undefined): MessagePart[] {
  const out: MessagePart[] = [
    { name: 'message_without_final_newline', description: 'the message without the line feed after the body', cause: 'MESSAGE_NO_FINAL_NEWLINE', lines: 'no_final_newline' },
    { name: 'message_crlf', description: 'the message with its lines ended by CRLF (\\r\\n, e.g. Java String.format("%n") on Windows)', cause: 'MESSAGE_CRLF', lines: 'crlf' },
  ];
  if (method !== undefined && method.toLowerCase() !== method.toUpperCase()) {
    out.push({ name: 'method_lower_case', description: `the method in lower case (${method.toLowerCase()})`, cause: 'METHOD_LOWER_CASE', method: method.toLowerCase() });
  }
  return out;
}

/**
 * A signing message with a non-standard shape: `lines` each ended by `\r\n` (`crlf`), or the standard `\n`
 * but nothing after the body (`no_final_newline`).
 *
 * @example
 * ```ts
 * shapeMessage(['POST', '/v3/x', '1757900000', 'N'], body, 'crlf');
 * ```
 */
export function shapeMessage(lines: readonly string[], body: Uint8Array, shape: MessagePart['lines']): Uint8Array {
  const eol = shape === 'crlf' ? '\r\n' : '\n';
  const head = encoder.encode(lines.map((line) => line + eol).join(''));
  const tail = shape === 'no_final_newline' ? new Uint8Array(0) : encoder.encode(eol);
  const out = new Uint8Array(head.length + body.length + tail.length);
  out.set(head);
  out.set(body, head.length);
  out.set(tail, head.length + body.length);
  return out;
}

function tryJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

function tryDecode(url: string): string | undefined {
  try {
    return decodeURI(url);
  } catch {
    return undefined;
  }
}

// encodeURI throws on lone surrogates; replace them so the guess is still made.
function safeUri(url: string): string {
  return url.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

function gbkToUtf8(body: Uint8Array): Uint8Array | undefined {
  try {
    return encoder.encode(new TextDecoder('gbk', { fatal: true }).decode(body));
  } catch {
    return undefined; // not GBK, or a runtime without the GBK decoder
  }
}

function trimAsciiWhitespace(body: Uint8Array): Uint8Array {
  const ws = (b: number | undefined) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
  let start = 0;
  let end = body.length;
  while (start < end && ws(body[start])) start++;
  while (end > start && ws(body[end - 1])) end--;
  return body.subarray(start, end);
}

function concat(a: Uint8Array, b: number[]): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

interface JsonStyle {
  itemSep: string;
  keySep: string;
  asciiOnly?: boolean;
  sortKeys?: boolean;
}

// A JSON serialiser with the knobs other languages' defaults differ in: separators, \u-escaping of
// non-ASCII, key order. Numbers and literals come from JSON.stringify, so they print as JS would.
function stringify(value: unknown, style: JsonStyle, depth = 0): string {
  if (depth > 200) return JSON.stringify(value) ?? 'null';
  if (typeof value === 'string') {
    const s = JSON.stringify(value);
    return style.asciiOnly === true ? escapeNonAscii(s) : s;
  }
  if (Array.isArray(value)) return `[${value.map((v) => stringify(v, style, depth + 1)).join(style.itemSep)}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    if (style.sortKeys === true) keys.sort();
    const parts = keys.map((k) => `${stringify(k, style, depth + 1)}${style.keySep}${stringify((value as Record<string, unknown>)[k], style, depth + 1)}`);
    return `{${parts.join(style.itemSep)}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

// `\uXXXX` for every UTF-16 unit above 0x7f, as Python's ensure_ascii writes them (surrogate pairs as two).
function escapeNonAscii(text: string): string {
  let out = '';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) continue;
    out += `${text.slice(start, i)}\\u${unit.toString(16).padStart(4, '0')}`;
    start = i + 1;
  }
  return out + text.slice(start);
}
