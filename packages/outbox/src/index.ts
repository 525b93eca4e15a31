/**
 * `@auditnotify/outbox`: every audit result stored before it is sent, then delivered at least once through
 * core's client under one global rate limit, across crashes and several sender processes.
 *
 * @example
 * ```ts
 * import { createOutbox, openSqliteOutboxStore } from '@auditnotify/outbox';
 * const outbox = createOutbox({ store: openSqliteOutboxStore({ path: 'outbox.db' }), client: clientOptions });
 * ```
 */
export { createOutbox } from './create-outbox.js';
export type { Outbox, OutboxEvents, OutboxOptions, OutboxRate, RunOptions } from './create-outbox.js';
export { openSqliteOutboxStore } from './sqlite-store.js';
export type { SqliteOutboxOptions } from './sqlite-store.js';
export { openRedisOutboxStore } from './redis-store.js';
export type { RedisOutboxOptions } from './redis-store.js';
export { connectOutboxStore, openOutboxStore } from './open-store.js';
export { prepareEntry } from './prepare-entry.js';
export { paceIntervalMs } from './pace.js';
export type { PaceLimit } from './pace.js';
export { OutboxError } from './outbox-error.js';
export type { OutboxErrorCode } from './outbox-error.js';
export { DEFAULT_OUTBOX_RETRY, isRetryable } from './retry-policy.js';
export type { OutboxRetryOptions, ResolvedOutboxRetry } from './retry-policy.js';
export { OUTBOX_STATES } from './store.js';
export type {
  AttemptDecision,
  Consumer,
  ConsumeOptions,
  Deliver,
  EnqueueResult,
  LeasedEntry,
  NewEntry,
  OutboxAttempt,
  OutboxCounts,
  OutboxEntry,
  OutboxState,
  OutboxStore,
  RecordedAttempt,
} from './store.js';
