// One call for the whole §6 flow, in the order that is safe: the Wechatpay-* signature over the raw bytes
// first (the signing module's verifyResponse, the same check as for answers, protocol.md §4), then the shape,
// then decryption. Decrypting first would hand unauthenticated input to the business code path.
import { verifyResponse, type VerifyResponseOptions } from '../signing/verify-response.js';
import { decryptResource } from './decrypt-resource.js';
import { parseCallbackEnvelope } from './parse-callback-envelope.js';
import type { CallbackEnvelope, DecryptedResource } from './resource.js';

/**
 * Options of {@link openCallback}: those of `verifyResponse` plus the APIv3 key.
 *
 * @example
 * ```ts
 * const options: OpenCallbackOptions = { headers: req.headers, body: rawBody, publicKeys, apiV3Key };
 * ```
 */
export interface OpenCallbackOptions extends Omit<VerifyResponseOptions, 'body'> {
  /** The raw callback body exactly as received. */
  body: string | Uint8Array;
  /** The 32-byte APIv3 key. */
  apiV3Key: string | Uint8Array;
}

/**
 * A verified, decrypted APIv3 callback.
 *
 * @example
 * ```ts
 * const { envelope, resource }: OpenedCallback = await openCallback(options);
 * ```
 */
export interface OpenedCallback {
  envelope: CallbackEnvelope;
  resource: DecryptedResource;
  /** The `Wechatpay-Serial` whose key signed the callback. */
  keyId: string;
}

/**
 * Verifies an APIv3 callback's `Wechatpay-*` signature, checks its envelope and decrypts its resource.
 *
 * Rejects with `ANSWER_HEADERS_MISSING`, `ANSWER_SERIAL_UNKNOWN`, `ANSWER_TIMESTAMP_OUT_OF_WINDOW`,
 * `ANSWER_SIGNATURE_INVALID` (signature), then `ENVELOPE_INVALID`, `APIV3_KEY_LENGTH`, `BASE64_INVALID`,
 * `DECRYPT_FAILED`.
 *
 * @example
 * ```ts
 * const { envelope, resource } = await openCallback({ headers: req.headers, body: rawBody, publicKeys, apiV3Key });
 * if (envelope.event_type === 'TRANSACTION.SUCCESS') handle(resource.json);
 * ```
 */
export async function openCallback(options: OpenCallbackOptions): Promise<OpenedCallback> {
  const { apiV3Key, ...verifyOptions } = options;
  const { keyId } = await verifyResponse(verifyOptions);
  const envelope = parseCallbackEnvelope(options.body);
  return { envelope, resource: decryptResource(envelope.resource, apiV3Key), keyId };
}
