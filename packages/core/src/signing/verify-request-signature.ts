import { defaultEngine } from '#runtime';
import type { PublicKeyHandle, SignatureEngine } from '../types.js';
import type { AuthorizationFields } from '../protocol/authorization.js';
import type { MessageBody } from '../protocol/message-bytes.js';
import { buildRequestMessage } from '../protocol/request-message.js';

/**
 * What {@link verifyRequestSignature} checks.
 *
 * @example
 * ```ts
 * const options: VerifyRequestSignatureOptions = { method, url, body, authorization: fields, publicKey };
 * ```
 */
export interface VerifyRequestSignatureOptions {
  method: string;
  /** Path plus `?query` exactly as received (protocol.md §3). */
  url: string;
  /** The raw received bytes: never a re-serialised body (protocol.md §7 item 1). */
  body: MessageBody;
  authorization: AuthorizationFields;
  /** The public key of the certificate named by `authorization.serialNo`. */
  publicKey: PublicKeyHandle;
  engine?: SignatureEngine;
}

/**
 * True when the request's signature is valid over `METHOD\nURL\nTIMESTAMP\nNONCE\nBODY\n` (protocol.md §3).
 * Only the signature: the serial, the time window and the nonce are the caller's checks. A malformed or
 * probe signature gives `false`, never a throw.
 *
 * @example
 * ```ts
 * const fields = parseAuthorization(req.headers.authorization);
 * const ok = await verifyRequestSignature({ method: req.method, url: req.url, body: rawBody, authorization: fields, publicKey });
 * ```
 */
export function verifyRequestSignature(options: VerifyRequestSignatureOptions): Promise<boolean> {
  const { authorization } = options;
  const message = buildRequestMessage({
    method: options.method,
    url: options.url,
    timestamp: authorization.timestamp,
    nonce: authorization.nonce,
    body: options.body,
  });
  return (options.engine ?? defaultEngine()).verify(options.publicKey, message, authorization.signature);
}
