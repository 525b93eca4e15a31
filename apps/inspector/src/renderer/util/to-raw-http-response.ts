import type { HeaderMap } from '../../shared/api.js';

/**
 * Writes an answer as HTTP/1.1 text (Decode's "signed answer" input).
 *
 * @example
 * toRawHttpResponse(200, { 'wechatpay-nonce': 'abc' }, '{"ret_msg":"SUCC"}');
 */
export function toRawHttpResponse(status: number, headers: HeaderMap, body: string): string {
  const lines = [`HTTP/1.1 ${status}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}
