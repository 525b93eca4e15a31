import type { UnixSeconds } from '../types.js';
import { encodeMessage, type MessageBody } from './message-bytes.js';

/**
 * The parts of an answer that its `Wechatpay-Signature` covers (protocol.md §4).
 *
 * @example
 * ```ts
 * const input: ResponseMessageInput = { timestamp: 1757900001, nonce, body: '{"ret_msg":"SUCC"}' };
 * ```
 */
export interface ResponseMessageInput {
  /** `Wechatpay-Timestamp`: Unix seconds, or the header's exact text. */
  timestamp: UnixSeconds | string;
  /** `Wechatpay-Nonce`. */
  nonce: string;
  /** The raw answer body bytes; a string is taken as its UTF-8 bytes. Empty for a 204. */
  body: MessageBody;
}

/**
 * Builds the response signing message `TIMESTAMP\nNONCE\nBODY\n` as bytes (protocol.md §4); a 204 with no
 * body gives `TIMESTAMP\nNONCE\n\n`.
 *
 * @example
 * ```ts
 * const message = buildResponseMessage({
 *   timestamp: 1757900001,
 *   nonce: 'C0FFEE00C0FFEE00C0FFEE00C0FFEE00',
 *   body: '{"ret_msg":"SUCC"}',
 * });
 * ```
 */
export function buildResponseMessage(input: ResponseMessageInput): Uint8Array {
  return encodeMessage(`${String(input.timestamp)}\n${input.nonce}\n`, input.body);
}
