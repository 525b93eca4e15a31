/**
 * The framework-free receiver pipeline of the audit-result notification (protocol.md §2–§4).
 *
 * @example
 * ```ts
 * import { createReceiver, createMemoryNonceStore } from '@auditnotify/core';
 * ```
 */
export { createReceiver } from './create-receiver.js';
export type { Receiver, RefuseDetail, RefusedBeforeBody } from './create-receiver.js';
export { DEFAULT_BODY_LIMIT, DEFAULT_INBOX_LEASE_SECONDS } from './options.js';
export type { CustomAnswer } from './custom-answer.js';
export type {
  AcceptedEvent,
  AnswerKey,
  NotifyContext,
  NotifyHandler,
  ReceiverOptions,
  RejectedEvent,
  SenderKey,
  UnknownAnswerKeyEvent,
} from './options.js';
export type { Admit, AdmitOutcome, AdmitRequest, Inbox, InboxClaim, InboxKey, NonceStore, RateLimitDecision, RateLimiter, ReceiverStores } from './stores.js';
export { admissionOf, linkAdmission } from './admission.js';
export { createMemoryNonceStore } from './nonce-store.js';
export type { MemoryNonceStoreOptions } from './nonce-store.js';
export { createMemoryRateLimiter } from './rate-limiter.js';
export type { MemoryRateLimiterOptions } from './rate-limiter.js';
export { createMemoryInbox, DEFAULT_INBOX_RETENTION_SECONDS } from './memory-inbox.js';
export type { MemoryInboxOptions } from './memory-inbox.js';
export { notificationFieldsHash } from './inbox-step.js';
export { createMemoryStores } from './memory-stores.js';
export type { MemoryStoresOptions } from './memory-stores.js';
export { describeSignedMessage } from './sign-information.js';
export type { SignInformation } from './sign-information.js';
