import { defaultEngine } from '#runtime';
import type { Clock, PrivateKeyHandle, SignatureEngine, UnixSeconds } from '../types.js';
import { AUTHORIZATION_SCHEME } from '../protocol/authorization.js';
import type { MessageBody } from '../protocol/message-bytes.js';
import { createNonce } from './nonce.js';
import { buildResponseMessage } from '../protocol/response-message.js';
import { systemClock } from './system-clock.js';

/**
 * What {@link signResponse} signs and with what.
 *
 * @example
 * ```ts
 * const options: SignResponseOptions = { body, privateKey, keyId: 'PUB_KEY_ID_0119000166812025091500000000000001' };
 * ```
 */
export interface SignResponseOptions {
  /** The exact answer bytes that will be written. */
  body: MessageBody;
  privateKey: PrivateKeyHandle;
  /** Id of the signing key, sent as `Wechatpay-Serial` (protocol.md §4). */
  keyId: string;
  engine?: SignatureEngine;
  clock?: Clock;
  nonce?: string;
  timestamp?: UnixSeconds;
}

/**
 * Signs an answer (protocol.md §4): returns the five headers `Wechatpay-Timestamp`, `Wechatpay-Nonce`,
 * `Wechatpay-Signature`, `Wechatpay-Serial` and `Wechatpay-Signature-Type`, in canonical case.
 * `Request-ID` is the receiver's to add.
 *
 * @example
 * ```ts
 * const body = new TextEncoder().encode('{"ret_msg":"SUCC"}');
 * const headers = await signResponse({ body, privateKey, keyId: 'PUB_KEY_ID_0119000166812025091500000000000001' });
 * res.writeHead(200, { ...headers, 'Content-Type': 'application/json' }).end(body);
 * ```
 */
export async function signResponse(options: SignResponseOptions): Promise<Record<string, string>> {
  const timestamp = options.timestamp ?? (options.clock ?? systemClock)();
  const nonce = options.nonce ?? createNonce();
  const message = buildResponseMessage({ timestamp, nonce, body: options.body });
  const signature = await (options.engine ?? defaultEngine()).sign(options.privateKey, message);
  return {
    'Wechatpay-Timestamp': String(timestamp),
    'Wechatpay-Nonce': nonce,
    'Wechatpay-Signature': signature,
    'Wechatpay-Serial': options.keyId,
    'Wechatpay-Signature-Type': AUTHORIZATION_SCHEME,
  };
}
