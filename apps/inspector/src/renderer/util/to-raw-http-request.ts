import type { HeaderMap } from '../../shared/api.js';

/**
 * Writes a request as HTTP/1.1 text (what Decode's raw-HTTP input takes), CRLF line ends as on the wire.
 *
 * @example
 * toRawHttpRequest('POST', '/v3/x', { 'content-type': 'application/json' }, '{}');
 */
export function toRawHttpRequest(method: string, url: string, headers: HeaderMap, body: string): string {
  const lines = [`${method} ${url} HTTP/1.1`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}
