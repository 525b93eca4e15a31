/**
 * Signing: nonces, the clock, and the sign/verify helpers that run the protocol layer's rules
 * (`../protocol/`) on a {@link SignatureEngine} (protocol.md §3–4).
 *
 * @example
 * ```ts
 * import { signRequest, verifyResponse, createNonce } from './signing/index.js';
 * ```
 */
export { createNonce } from './nonce.js';
export { systemClock } from './system-clock.js';
export { signRequest, type SignRequestOptions, type SignedRequest } from './sign-request.js';
export { verifyRequestSignature, type VerifyRequestSignatureOptions } from './verify-request-signature.js';
export { signResponse, type SignResponseOptions } from './sign-response.js';
export { verifyResponse, type VerifyResponseOptions, type VerifiedResponse } from './verify-response.js';
