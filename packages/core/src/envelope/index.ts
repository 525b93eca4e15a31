/**
 * The standard APIv3 callback envelope (protocol.md §6): shape check, AEAD_AES_256_GCM decryption of its
 * `resource` with the APIv3 key, and the matching encryption for tests and samples. The `Wechatpay-*`
 * signature of such callbacks is checked with the signing module's `verifyResponse`.
 *
 * @example
 * ```ts
 * import { parseCallbackEnvelope, decryptResource } from '@auditnotify/core';
 * const { json } = decryptResource(parseCallbackEnvelope(raw).resource, apiV3Key);
 * ```
 */
export { decryptResource } from './decrypt-resource.js';
export { encryptResource, type EncryptResourceInput } from './encrypt-resource.js';
export { parseCallbackEnvelope } from './parse-callback-envelope.js';
export type { CallbackEnvelope, DecryptedResource, EncryptedResource } from './resource.js';
export { openCallback, type OpenCallbackOptions, type OpenedCallback } from './open-callback.js';
