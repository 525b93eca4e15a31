import { decodeError } from './decode-error.js';
import { clip, isToken, parseFields, readBody, splitAbsoluteUrl, splitMessage } from './http-message.js';

/**
 * An HTTP request decoded from captured text: what a receiver would have been handed.
 *
 * @example
 * ```ts
 * const { method, url, headers, body }: RawHttpRequest = parseRawHttpRequest(capture);
 * ```
 */
export interface RawHttpRequest {
  /** As written (a verifier signs the upper-case method: protocol.md §3). */
  method: string;
  /** Path plus `?query` exactly as on the wire (host excluded, never re-encoded). */
  url: string;
  /** `1.1`, `1.0`, `2` … */
  httpVersion: string;
  /** Names in lower case; repeated fields joined with `, `. */
  headers: Record<string, string>;
  /** The exact body bytes. */
  body: Uint8Array;
}

/**
 * Decodes a raw HTTP/1.x request as a proxy or `nc -l` captures it: request line, header fields, blank line,
 * body. Accepts CRLF or LF line endings, empty lines before the request line, folded header lines and
 * chunked bodies; honours Content-Length in bytes (whitespace an editor adds after the body is tolerated);
 * without Content-Length or chunking the rest of the input is the body. An absolute-form target
 * (`POST https://host/path?q HTTP/1.1`, as sent to a proxy) becomes path + query, its host kept in `host`.
 * Throws only `AuditNotifyError('DECODE_FAILED')` with `detail.line` and `detail.issue`, whatever the input.
 *
 * @example
 * ```ts
 * const req = parseRawHttpRequest('POST /v3/notify?x=1 HTTP/1.1\r\nHost: example.com\r\nContent-Length: 2\r\n\r\n{}');
 * req.url; // '/v3/notify?x=1'
 * req.headers.host; // 'example.com'
 * new TextDecoder().decode(req.body); // '{}'
 * ```
 */
export function parseRawHttpRequest(text: string | Uint8Array): RawHttpRequest {
  const message = splitMessage(text, 'HTTP request');
  const { text: startLine, line } = message.start;
  const parts = startLine.trim().split(/[ \t]+/);
  if (parts.length !== 3) {
    throw decodeError(line, `"${clip(startLine)}" is not a request line: expected "METHOD /path HTTP/1.1"`);
  }
  const [method, target, version] = parts as [string, string, string];
  if (!isToken(method)) throw decodeError(line, `"${clip(method)}" is not an HTTP method`);
  const v = /^HTTP\/(\d(?:\.\d)?)$/.exec(version);
  if (!v) throw decodeError(line, `"${clip(version)}" is not an HTTP version: expected HTTP/1.1`);
  const headers = parseFields(message.fields);
  let url = target;
  const absolute = splitAbsoluteUrl(target);
  if (absolute) {
    url = absolute.target;
    if (headers.host === undefined && absolute.authority !== '') headers.host = absolute.authority;
  } else if (!target.startsWith('/') && target !== '*' && !/^[^/?#]+:\d+$/.test(target)) {
    throw decodeError(line, `"${clip(target)}" is not a request target: expected a path such as /v3/…`);
  }
  return { method, url, httpVersion: v[1] ?? '1.1', headers, body: readBody(message, headers) };
}
