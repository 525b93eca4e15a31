/**
 * The protocol layer: what APIv3 signs and how it is checked, with no runtime dependency (no `node:`
 * module, no default engine). The endpoint's constants, the signing messages, the `Authorization` header,
 * the timestamp rules and the one check of a signed message (protocol.md §1, §3–4).
 *
 * @example
 * ```ts
 * import { NOTIFY_PATH, buildRequestMessage, checkSignedMessage } from './protocol/index.js';
 * ```
 */
export {
  BACKUP_HOST,
  DEFAULT_REQUESTS_PER_MINUTE,
  DEFAULT_WINDOW_SECONDS,
  MIN_RSA_BITS,
  NOTIFY_PATH,
  PRIMARY_HOST,
  PROBE_SIGNATURE_PREFIX,
} from './constants.js';
export type { MessageBody } from './message-bytes.js';
export { buildRequestMessage, type RequestMessageInput } from './request-message.js';
export { buildResponseMessage, type ResponseMessageInput } from './response-message.js';
export {
  AUTHORIZATION_SCHEME,
  buildAuthorization,
  isAuthorizationValue,
  type AuthorizationFields,
  type AuthorizationInput,
} from './authorization.js';
export { parseAuthorization, type AuthorizationProblem } from './parse-authorization.js';
export { readHeader } from './header-value.js';
export { findBySerialNumber, serialNumberKey } from './serial-number.js';
export { isSignatureText, signatureByteLength } from './signature-text.js';
export {
  checkTimestamp,
  describeSkew,
  explainTimestamp,
  isMillisecondTimestamp,
  type SignedMessageKind,
  type TimestampProblem,
  type TimestampVerdict,
} from './timestamp.js';
export {
  checkSignedMessage,
  signatureProblem,
  type CheckSignedMessageInput,
  type SignatureVerdict,
  type SignedFields,
  type SignedMessageCheck,
  type SignedMessageVerdict,
} from './check-signed-message.js';
