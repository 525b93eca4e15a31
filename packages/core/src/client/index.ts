/**
 * The sending client of the audit-result notification and the endpoint's constants (protocol.md §1, §3, §4).
 *
 * @example
 * ```ts
 * import { createClient, ApiError, NOTIFY_PATH } from '@auditnotify/core';
 * ```
 */
export { createClient } from './create-client.js';
export type { Client, ClientOptions, SendOptions, SendResult } from './create-client.js';
export { ApiError } from './api-error.js';
export type { ApiErrorInit } from './api-error.js';
export { backoffDelay, DEFAULT_RETRY, parseRetryAfter } from './backoff.js';
export type { ResolvedRetryOptions, RetryOptions } from './backoff.js';
export { createSendLimiter } from './send-limiter.js';
export type { SendLimiter, SendLimiterOptions } from './send-limiter.js';
