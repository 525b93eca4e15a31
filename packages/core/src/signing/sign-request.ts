import { defaultEngine } from '#runtime';
import type { Clock, PrivateKeyHandle, SignatureEngine, UnixSeconds } from '../types.js';
import { buildAuthorization } from '../protocol/authorization.js';
import type { MessageBody } from '../protocol/message-bytes.js';
import { createNonce } from './nonce.js';
import { buildRequestMessage } from '../protocol/request-message.js';
import { systemClock } from './system-clock.js';

/**
 * What {@link signRequest} signs and with what.
 *
 * @example
 * ```ts
 * const options: SignRequestOptions = { method: 'POST', url: NOTIFY_PATH, body, mchid, serialNo, privateKey };
 * ```
 */
export interface SignRequestOptions {
  method: string;
  /** Path plus `?query` exactly as it will be sent (protocol.md §3). */
  url: string;
  /** The exact bytes that will be sent; a string is sent as its UTF-8 bytes. */
  body: MessageBody;
  mchid: string;
  /** Serial of the sender's certificate, `serial_no` (protocol.md §3). */
  serialNo: string;
  privateKey: PrivateKeyHandle;
  engine?: SignatureEngine;
  clock?: Clock;
  /** Fixed nonce, for vectors and tests; a fresh {@link createNonce} otherwise. */
  nonce?: string;
  /** Fixed Unix seconds, for vectors and tests; `clock()` otherwise. */
  timestamp?: UnixSeconds;
}

/**
 * The outcome of {@link signRequest}.
 *
 * @example
 * ```ts
 * const { authorization, message }: SignedRequest = await signRequest(options);
 * ```
 */
export interface SignedRequest {
  /** The `Authorization` header value. */
  authorization: string;
  /** The exact message bytes that were signed. */
  message: Uint8Array;
  signature: string;
  timestamp: UnixSeconds;
  nonce: string;
}

/**
 * Signs an APIv3 request: builds the message over the exact body bytes (protocol.md §3), signs it and
 * writes the `Authorization` header. Send `body` unchanged afterwards: the signature covers those bytes.
 *
 * @example
 * ```ts
 * const body = serializeNotification(notification);
 * const { authorization } = await signRequest({
 *   method: 'POST',
 *   url: '/v3/aggracct-bc/wb-channel/control-orders/info/update/result/notify',
 *   body,
 *   mchid: '1900016681',
 *   serialNo: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1',
 *   privateKey: loadPrivateKey({ path: 'apiclient_key.pem' }),
 * });
 * await fetch(url, { method: 'POST', headers: { Authorization: authorization }, body });
 * ```
 */
export async function signRequest(options: SignRequestOptions): Promise<SignedRequest> {
  const timestamp = options.timestamp ?? (options.clock ?? systemClock)();
  const nonce = options.nonce ?? createNonce();
  const message = buildRequestMessage({ method: options.method, url: options.url, timestamp, nonce, body: options.body });
  const signature = await (options.engine ?? defaultEngine()).sign(options.privateKey, message);
  const authorization = buildAuthorization({ mchid: options.mchid, nonce, timestamp, serialNo: options.serialNo, signature });
  return { authorization, message, signature, timestamp, nonce };
}
