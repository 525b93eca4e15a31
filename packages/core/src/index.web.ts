/**
 * `@auditnotify/core` where only WebCrypto exists (browsers, web workers, Cloudflare workerd, Deno, Bun): the
 * runtime-neutral surface. package.json's export conditions choose this entry there and `index.ts` under
 * Node, which adds the Node-only loaders (synchronous PEM/DER/X.509, PKCS#12), the `node:crypto` and
 * node-forge engines, the key doctor, test key sets and the callback envelope. Nothing reachable from here
 * imports a `node:` module (test/browser-bundle.test.ts bundles it for the browser to prove it).
 *
 * Every name is listed: test/public-surface.test.ts pins the list.
 */
export { AuditNotifyError, ERROR_TABLE, isAuditNotifyError, statusOf } from './errors.js';
export type { AnyAuditNotifyError, AuditNotifyErrorOptions, ErrorCode, ErrorDetail, ErrorDetailOf, ErrorDetails, FieldIssueDetail, WireCode } from './errors.js';
export type {
  Clock,
  CertificateInfo,
  HeaderInput,
  KeyInput,
  PrivateKeyHandle,
  PublicKeyHandle,
  ReceiverRequest,
  ReceiverResponse,
  SignatureEngine,
  UnixSeconds,
} from './types.js';

// The protocol layer: constants, messages, Authorization, timestamp rules and the one signed-message check.
export {
  AUTHORIZATION_SCHEME,
  BACKUP_HOST,
  DEFAULT_REQUESTS_PER_MINUTE,
  DEFAULT_WINDOW_SECONDS,
  MIN_RSA_BITS,
  NOTIFY_PATH,
  PRIMARY_HOST,
  PROBE_SIGNATURE_PREFIX,
  buildAuthorization,
  buildRequestMessage,
  buildResponseMessage,
  checkSignedMessage,
  checkTimestamp,
  describeSkew,
  explainTimestamp,
  isAuthorizationValue,
  isMillisecondTimestamp,
  parseAuthorization,
} from './protocol/index.js';
export type {
  AuthorizationFields,
  AuthorizationInput,
  AuthorizationProblem,
  CheckSignedMessageInput,
  MessageBody,
  RequestMessageInput,
  ResponseMessageInput,
  SignatureVerdict,
  SignedFields,
  SignedMessageCheck,
  SignedMessageVerdict,
  TimestampProblem,
  TimestampVerdict,
} from './protocol/index.js';

// The notification, its answer and error bodies.
export {
  ANSWER_FIELDS,
  MAX_JSON_NESTING,
  NOTIFICATION_FIELDS,
  answerSchema,
  errorBodySchema,
  fieldMeta,
  findUnsupportedCharacter,
  isRfc3339DateTime,
  lintNotification,
  notificationSchema,
  parseNotification,
  rfc3339Issue,
  safeParseNotification,
  serializeNotification,
  unknownFieldsOf,
  utf8ByteLength,
} from './schema/index.js';
export type {
  AuditResult,
  AuditResultNotification,
  ErrorBody,
  FieldEnumValue,
  FieldIssue,
  FieldMeta,
  LintWarning,
  NotificationFields,
  NotifyAnswer,
  ParsedNotification,
  SafeParseNotificationResult,
  UnknownFields,
  UnsupportedCharacter,
} from './schema/index.js';

// Decoders of captured or pasted HTTP.
export { parseCurlCommand, parseRawHttpRequest, parseRawHttpResponse } from './decode/index.js';
export type { RawHttpRequest, RawHttpResponse } from './decode/index.js';

// Signing on an engine; the default engine is the runtime's (`node:crypto` under Node, WebCrypto elsewhere).
export { createNonce, signRequest, signResponse, systemClock, verifyRequestSignature, verifyResponse } from './signing/index.js';
export type { SignRequestOptions, SignResponseOptions, SignedRequest, VerifiedResponse, VerifyRequestSignatureOptions, VerifyResponseOptions } from './signing/index.js';
export { createWebCryptoEngine } from './engines/webcrypto-engine.js';
export { defaultEngine } from '#runtime';

// Keys through WebCrypto, everywhere.
export { importPrivateKey, importPublicKey, keyToPem } from './keys/import-key.js';
export type { KeyImportInput, RsaJsonWebKey } from './keys/import-key.js';

// Diagnosis of a failing signature.
export { CAUSE_TITLES, diagnoseSignature, diffBytes, escapeBytes } from './diagnose/index.js';
export type {
  ByteDiff,
  CauseCode,
  DiagnoseSignatureInput,
  DiagnosisCheck,
  DiagnosisFailedCheck,
  DiffBytesOptions,
  DiffSegment,
  LikelyCause,
  SignatureDiagnosis,
  SignatureVariant,
} from './diagnose/index.js';

// The decode report of a captured request (the CLI's decode, the inspector's decode pane).
export { buildDecodeReport, reportNotificationBody, reportNotificationValue } from './report/decode-report.js';
export type { BodyReport, DecodeReport, DecodeReportInput, DecodeVerdict, ReportedField, SignatureReport, TimestampReport } from './report/decode-report.js';

// The sending client.
export { ApiError, DEFAULT_RETRY, createClient } from './client/index.js';
export type { ApiErrorInit, Client, ClientOptions, ResolvedRetryOptions, RetryOptions, SendOptions, SendResult } from './client/index.js';

// The framework-free receiver.
export {
  DEFAULT_BODY_LIMIT,
  DEFAULT_INBOX_LEASE_SECONDS,
  DEFAULT_INBOX_RETENTION_SECONDS,
  createMemoryInbox,
  createMemoryNonceStore,
  createMemoryRateLimiter,
  createMemoryStores,
  createReceiver,
  describeSignedMessage,
  admissionOf,
  linkAdmission,
  notificationFieldsHash,
} from './receiver/index.js';
export type {
  AcceptedEvent,
  Admit,
  AdmitOutcome,
  AdmitRequest,
  AnswerKey,
  Inbox,
  InboxClaim,
  InboxKey,
  MemoryInboxOptions,
  CustomAnswer,
  MemoryNonceStoreOptions,
  MemoryRateLimiterOptions,
  MemoryStoresOptions,
  NonceStore,
  NotifyContext,
  NotifyHandler,
  RateLimitDecision,
  RateLimiter,
  ReceiverOptions,
  Receiver,
  ReceiverStores,
  RefuseDetail,
  RefusedBeforeBody,
  RejectedEvent,
  SenderKey,
  SignInformation,
  UnknownAnswerKeyEvent,
} from './receiver/index.js';
