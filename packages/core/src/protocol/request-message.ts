import type { UnixSeconds } from '../types.js';
import { encodeMessage, type MessageBody } from './message-bytes.js';

/**
 * The parts of a request that its signature covers (protocol.md §3).
 *
 * @example
 * ```ts
 * const input: RequestMessageInput = { method: 'GET', url: '/v3/certificates', timestamp: 1757907200, nonce, body: '' };
 * ```
 */
export interface RequestMessageInput {
  /** HTTP method; upper-cased here because the message carries it in upper case (protocol.md §3). */
  method: string;
  /** Path plus `?query` exactly as sent on the wire: no host, never re-encoded (protocol.md §3). */
  url: string;
  /** Unix seconds as a number, or the exact decimal text of the `timestamp` field. */
  timestamp: UnixSeconds | string;
  /** The `nonce_str` of the Authorization header. */
  nonce: string;
  /** The exact body bytes sent; a string is taken as its UTF-8 bytes. Empty for a GET. */
  body: MessageBody;
}

/**
 * Builds the request signing message `METHOD\nURL\nTIMESTAMP\nNONCE\nBODY\n` as bytes (protocol.md §3).
 * Every line ends in `\n`, the last one too, so an empty body gives `…NONCE\n\n`.
 *
 * @example
 * ```ts
 * const message = buildRequestMessage({
 *   method: 'POST',
 *   url: '/v3/aggracct-bc/wb-channel/control-orders/info/update/result/notify',
 *   timestamp: 1757900000,
 *   nonce: '593BEC0C930BF1AFEB40B4A08C8FB242',
 *   body: rawBodyBytes,
 * });
 * ```
 */
export function buildRequestMessage(input: RequestMessageInput): Uint8Array {
  const head = `${input.method.toUpperCase()}\n${input.url}\n${String(input.timestamp)}\n${input.nonce}\n`;
  return encodeMessage(head, input.body);
}
