/**
 * `verify` without `--answer-key`: the receiver still has to sign its answer, so it gets a throwaway key
 * under the id the request asked for (the request itself is checked exactly as with a real key).
 */
import { generateKeyPairSync } from 'node:crypto';
import { loadPrivateKey } from '@auditnotify/core';
import type { PrivateKeyHandle } from '@auditnotify/core';

/**
 * Id used when the request names no usable `Wechatpay-Serial`.
 *
 * @example
 * ```ts
 * createEphemeralAnswerKey(undefined).id === EPHEMERAL_ANSWER_KEY_ID; // true
 * ```
 */
export const EPHEMERAL_ANSWER_KEY_ID = 'EPHEMERAL_ANSWER_KEY';

/**
 * A fresh RSA-2048 answer key with the id `requestedId` when that is a usable id, else
 * {@link EPHEMERAL_ANSWER_KEY_ID}.
 *
 * @example
 * ```ts
 * const key = createEphemeralAnswerKey(request.headers['wechatpay-serial']);
 * createReceiver({ senders, answerKeys: [key], handler });
 * ```
 */
export function createEphemeralAnswerKey(requestedId: string | undefined): { id: string; privateKey: PrivateKeyHandle } {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  // Ids travel in headers: the receiver accepts only tokens without spaces, quotes or commas.
  const id = requestedId !== undefined && /^[^\s",]+$/.test(requestedId) ? requestedId : EPHEMERAL_ANSWER_KEY_ID;
  return { id, privateKey: loadPrivateKey(pem) };
}
