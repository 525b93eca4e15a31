/**
 * The one interface every outbox backend implements (SQLite for one process, BullMQ on Redis for several).
 * What a backend promises is written here and nowhere else:
 *
 * | operation | promise |
 * |---|---|
 * | `enqueue` | the entry is durable before it resolves; of concurrent enqueues of one `(mchid, out_request_no)`, one creates it and the others see `exists` (same fields) or `OUTBOX_CONFLICT` (different fields, unless `replace`) |
 * | `consume` | each entry is leased to one worker at a time; a worker that dies loses its lease after `leaseMs` and the entry goes to another; attempts of every worker on the store are paced by one global limit |
 * | `record` (inside `consume`) | the attempt and the entry's next state are written together: delivered, queued again at a time, or dead |
 * | `get`, `counts` | read-only; every entry is in exactly one {@link OutboxState} |
 * | `retryDeadLetter` | a `dead` entry goes back to `queued` with its attempts kept; other states are refused |
 *
 * Retries belong to the outbox, not to the client: the client makes one attempt (with its host failover) per
 * lease, so that every attempt is recorded and paced by the store's global limit, and a retry survives a crash.
 */
import type { AuditResultNotification } from '@auditnotify/core';
import type { PaceLimit } from './pace.js';

/** Where an entry is: waiting (maybe until a retry time), being delivered, delivered, or dead-lettered. */
export type OutboxState = 'queued' | 'delivering' | 'delivered' | 'dead';

/** The states, in the order status listings show them. */
export const OUTBOX_STATES: readonly OutboxState[] = ['queued', 'delivering', 'delivered', 'dead'];

/**
 * One HTTP attempt of an entry.
 *
 * @example
 * ```ts
 * const attempt: OutboxAttempt = { at: '2026-12-06T13:00:00.000Z', host: 'http://127.0.0.1:3000/v3/…', status: 200, verified: true };
 * ```
 */
export interface OutboxAttempt {
  /** When the attempt started (ISO 8601, UTC). */
  at: string;
  /** The URL that answered, or the URLs tried when none could be reached (space separated). */
  host: string;
  /** HTTP status of the answer; absent when no server answered. */
  status?: number;
  /** Error code: the answer's `code` (`PARAM_ERROR`…), or core's code (`NETWORK_ERROR`, `TIMEOUT`, `ANSWER_*`). */
  errorCode?: string;
  /** A short message of the failure. */
  message?: string;
  /** Whether the answer's signature verified (only a 2xx answer is checked). */
  verified: boolean;
  /** Milliseconds the attempt took. */
  durationMs: number;
}

/**
 * An entry of the outbox.
 *
 * @example
 * ```ts
 * const entry = await outbox.status('htozr8denqegbt6tk6u10iymo7yww5pn');
 * console.log(entry?.state, entry?.attempts.length, entry?.lastError?.errorCode);
 * ```
 */
export interface OutboxEntry {
  /** The store's id of the entry. */
  id: string;
  mchid: string;
  out_request_no: string;
  state: OutboxState;
  notification: AuditResultNotification;
  /** SHA-256 of the canonical fields (core's `notificationFieldsHash`): what "the same notification" means. */
  fieldsHash: string;
  /** When it was first enqueued (ISO 8601). */
  enqueuedAt: string;
  /** For a queued entry after a failure: not before this time (ISO 8601). */
  nextAttemptAt?: string;
  /** When it was delivered (ISO 8601). */
  deliveredAt?: string;
  /** Attempts since it was enqueued, replaced or retried by hand: the attempt limit counts these. */
  roundAttempts: number;
  /** When that round began (ISO 8601): the age limit counts from here. */
  roundStartedAt: string;
  /** Every attempt, oldest first. */
  attempts: OutboxAttempt[];
  /** The last failed attempt of a dead or retrying entry. */
  lastError?: OutboxAttempt;
}

/**
 * Entries by state.
 *
 * @example
 * ```ts
 * const counts: OutboxCounts = await outbox.counts(); // { queued: 3, delivering: 1, delivered: 296, dead: 0 }
 * ```
 */
export type OutboxCounts = Record<OutboxState, number>;

/**
 * What `enqueue` did: `queued` (new), `exists` (the same fields were already there: nothing changed) or
 * `replaced` (different fields, `replace: true`: queued afresh with the new fields).
 *
 * @example
 * ```ts
 * const { outcome, entry } = await outbox.enqueue(notification); // outcome 'queued' the first time, 'exists' after
 * ```
 */
export interface EnqueueResult {
  outcome: 'queued' | 'exists' | 'replaced';
  entry: OutboxEntry;
}

/** What to do after an attempt: decided by the outbox's retry policy, carried out atomically by the store. */
export type AttemptDecision =
  | { next: 'delivered' }
  | { next: 'retry'; delayMs: number }
  | { next: 'dead' };

/** A leased entry handed to the deliverer, with the attempts made so far. */
export interface LeasedEntry {
  entry: OutboxEntry;
}

/** Delivers one leased entry: makes one attempt and says what comes next. */
export type Deliver = (leased: LeasedEntry) => Promise<{ attempt: OutboxAttempt; decision: AttemptDecision }>;

/**
 * What a running consumer reports after each recorded attempt.
 *
 * @example
 * ```ts
 * const onRecorded: (event: RecordedAttempt) => void = ({ entry, decision }) => console.log(entry.out_request_no, decision.next);
 * ```
 */
export interface RecordedAttempt {
  entry: OutboxEntry;
  attempt: OutboxAttempt;
  decision: AttemptDecision;
}

/** Options of {@link OutboxStore.consume}. */
export interface ConsumeOptions {
  /** Deliveries in flight in this process. */
  concurrency: number;
  /**
   * The global limit of attempts, over every worker on the store: starts spaced `paceIntervalMs(rate)` apart
   * (`pace.ts`), so that at most `max` arrive in any `durationMs` window; `false` for none.
   */
  rate: PaceLimit | false;
  /** A worker that holds an entry longer than this without renewing is presumed dead; another takes it. */
  leaseMs: number;
  /** Resolve `done` once nothing is queued or being delivered (retries waiting included). */
  untilEmpty: boolean;
  /** Called after each recorded attempt (in the consuming process). */
  onRecorded: (event: RecordedAttempt) => void;
  /** Called when the store fails under the consumer (it keeps going). */
  onError: (error: unknown) => void;
}

/** A running consumer. */
export interface Consumer {
  /** Resolves when the consumer stopped: `stop()` was called, or the outbox was empty with `untilEmpty`. */
  readonly done: Promise<void>;
  /** Stops taking entries, waits for the deliveries in flight. */
  stop(): Promise<void>;
}

/** A new entry as the outbox hands it to the store: already validated. */
export interface NewEntry {
  notification: AuditResultNotification;
  fieldsHash: string;
}

/**
 * The storage and leasing of an outbox; see the table at the top of `store.ts` for what each method promises.
 *
 * @example
 * ```ts
 * const store: OutboxStore = openSqliteOutboxStore({ path: 'outbox.db' });
 * console.log(await store.counts());
 * ```
 */
export interface OutboxStore {
  /** `sqlite` or `redis`. */
  readonly kind: string;
  enqueue(entry: NewEntry, options: { replace: boolean }): Promise<EnqueueResult>;
  get(key: { mchid?: string; out_request_no: string }): Promise<OutboxEntry | undefined>;
  counts(): Promise<OutboxCounts>;
  retryDeadLetter(key: { mchid?: string; out_request_no: string }): Promise<OutboxEntry>;
  consume(deliver: Deliver, options: ConsumeOptions): Consumer;
  close(): Promise<void>;
}
