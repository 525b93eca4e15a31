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
export { DEFAULT_BODY_LIMIT } from './options.js';
export type { CustomAnswer } from './custom-answer.js';
export type {
  AcceptedEvent,
  AnswerKey,
  NotifyContext,
  NotifyHandler,
  ReceiverOptions,
  RejectedEvent,
  SenderKey,
} from './options.js';
export { createMemoryNonceStore } from './nonce-store.js';
export type { MemoryNonceStoreOptions, NonceStore } from './nonce-store.js';
export { createMemoryRateLimiter } from './rate-limiter.js';
export type { MemoryRateLimiterOptions, RateLimitDecision, RateLimiter } from './rate-limiter.js';
export { describeSignedMessage } from './sign-information.js';
export type { SignInformation } from './sign-information.js';
