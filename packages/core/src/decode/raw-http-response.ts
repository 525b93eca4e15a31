import { decodeError } from './decode-error.js';
import { clip, parseFields, readBody, splitMessage } from './http-message.js';

/**
 * An HTTP response decoded from captured text, e.g. a signed answer to verify.
 *
 * @example
 * ```ts
 * const { status, headers, body }: RawHttpResponse = parseRawHttpResponse(capture);
 * ```
 */
export interface RawHttpResponse {
  status: number;
  /** Reason phrase, possibly empty. */
  statusText: string;
  httpVersion: string;
  /** Names in lower case; repeated fields joined with `, `. */
  headers: Record<string, string>;
  /** The exact body bytes (the bytes the `Wechatpay-Signature` covers, protocol.md §4). */
  body: Uint8Array;
}

/**
 * Decodes a raw HTTP/1.x response (status line, header fields, blank line, body) with the same rules as
 * {@link parseRawHttpRequest}: CRLF or LF, Content-Length in bytes, chunked bodies. 1xx, 204 and 304
 * answers without Content-Length have an empty body. Throws only `AuditNotifyError('DECODE_FAILED')`.
 *
 * @example
 * ```ts
 * const res = parseRawHttpResponse('HTTP/1.1 200 OK\r\nWechatpay-Serial: PUB_KEY_ID_01\r\nContent-Length: 18\r\n\r\n{"ret_msg":"SUCC"}');
 * res.status; // 200
 * res.headers['wechatpay-serial']; // 'PUB_KEY_ID_01'
 * ```
 */
export function parseRawHttpResponse(text: string | Uint8Array): RawHttpResponse {
  const message = splitMessage(text, 'HTTP response');
  const { text: statusLine, line } = message.start;
  const m = /^HTTP\/(\d(?:\.\d)?)[ \t]+(\d{3})(?:[ \t]+(.*))?$/.exec(statusLine.trim());
  if (!m) throw decodeError(line, `"${clip(statusLine)}" is not a status line: expected "HTTP/1.1 200 OK"`);
  const status = Number(m[2]);
  const headers = parseFields(message.fields);
  const noBody = status < 200 || status === 204 || status === 304;
  return { status, statusText: m[3] ?? '', httpVersion: m[1] ?? '1.1', headers, body: readBody(message, headers, { noBody }) };
}
