/**
 * Signing: the request and response messages of APIv3 over bytes, the `Authorization` header, nonces and
 * the clock, and the sign/verify helpers built on a {@link SignatureEngine} (protocol.md §3–4).
 *
 * @example
 * ```ts
 * import { buildRequestMessage, parseAuthorization, createNonce } from './signing/index.js';
 * ```
 */
export { buildRequestMessage, type RequestMessageInput } from './request-message.js';
export { buildResponseMessage, type ResponseMessageInput } from './response-message.js';
export type { MessageBody } from './message-bytes.js';
export {
  AUTHORIZATION_SCHEME,
  buildAuthorization,
  type AuthorizationFields,
  type AuthorizationInput,
} from './authorization.js';
export { parseAuthorization, type AuthorizationProblem } from './parse-authorization.js';
export { createNonce } from './nonce.js';
export { systemClock } from './system-clock.js';
export { signRequest, type SignRequestOptions, type SignedRequest } from './sign-request.js';
export { verifyRequestSignature, type VerifyRequestSignatureOptions } from './verify-request-signature.js';
export { signResponse, type SignResponseOptions } from './sign-response.js';
export { verifyResponse, type VerifyResponseOptions, type VerifiedResponse } from './verify-response.js';
