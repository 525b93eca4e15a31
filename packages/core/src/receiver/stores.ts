/**
 * The receiver's state, in one place: the three stores a receiver keeps between requests, and what each
 * operation must guarantee. Memory implementations are in this package (one process, for tests and demos);
 * `@auditnotify/sqlite` (one instance, survives restarts) and `@auditnotify/redis` (several instances) hold
 * the same state durably. Every implementation runs the same store conformance suite.
 *
 * | store | key | kept for | guarantees |
 * |---|---|---|---|
 * | {@link NonceStore} | the request's `nonce_str` | twice the timestamp window | `claim` is atomic: of concurrent claims of one key, exactly one resolves `true` |
 * | {@link RateLimiter} | the sender's `mchid` | a token bucket per key | one bucket per key however many receivers share the store |
 * | {@link Inbox} | `(mchid, out_request_no)` | the backend's retention | `claim` is atomic; a `done` record is never overwritten |
 *
 * A store that cannot answer (connection lost, disk full) rejects: the receiver answers `500 SYSTEM_ERROR`
 * (`INTERNAL_ERROR`), so the sender retries, and nothing is half-written. A store that is full rejects with
 * {@link AuditNotifyError} `NONCE_STORE_FULL` (its `detail.retry_after_seconds` says when room is made): the
 * receiver answers `503` with `Retry-After` rather than forget a live nonce.
 */
import type { NotifyAnswer } from '../schema/index.js';

/**
 * Where the receiver remembers nonces (protocol.md §3): a nonce seen within twice the window is a replay.
 *
 * @example
 * ```ts
 * const ok = await nonceStore.claim('593BEC0C930BF1AFEB40B4A08C8FB242', 600); // false: a replay
 * ```
 */
export interface NonceStore {
  /**
   * Records `key` for `ttlSeconds`; resolves `false` when it is already recorded and not yet expired. Atomic:
   * of concurrent claims of one key, across every receiver sharing the store, exactly one resolves `true`.
   */
  claim(key: string, ttlSeconds: number): Promise<boolean>;
  /** Forgets `key` (the request it came with was not processed, so its retry must be accepted). */
  release(key: string): Promise<void>;
}

/**
 * Outcome of {@link RateLimiter.take}.
 *
 * @example
 * ```ts
 * const decision: RateLimitDecision = { ok: false, retryAfterSeconds: 12 };
 * ```
 */
export interface RateLimitDecision {
  /** `true` when the request may proceed. */
  ok: boolean;
  /** Whole seconds until a request would be allowed again (0 when `ok`). */
  retryAfterSeconds: number;
}

/**
 * Decides whether one more request of `key` (the sender's mchid) is allowed: 200 a minute by default
 * (protocol.md §1). Shared by every receiver using the same store, so the limit is not multiplied by the
 * number of instances.
 *
 * @example
 * ```ts
 * const unlimited: RateLimiter = { async take() { return { ok: true, retryAfterSeconds: 0 }; } };
 * ```
 */
export interface RateLimiter {
  take(key: string): Promise<RateLimitDecision>;
}

/**
 * Which notification an inbox record is about: the sender's `mchid` and the notification's `out_request_no`.
 *
 * @example
 * ```ts
 * const key: InboxKey = { mchid: '1900016681', outRequestNo: 'htozr8denqegbt6tk6u10iymo7yww5pn' };
 * ```
 */
export interface InboxKey {
  mchid: string;
  outRequestNo: string;
}

/**
 * Outcome of {@link Inbox.claim}:
 *
 * - `claimed`: nobody processed this notification (or the instance that was processing it let its lease
 *   expire): run the handler, then `complete` or `release` with `token`.
 * - `done`: processed already, with the same fields; `answer` is the answer recorded then.
 * - `conflict`: recorded (done, or being processed) with different fields; nothing was changed.
 * - `in_progress`: another receiver holds a live lease on it; retry after `retryAfterSeconds`.
 *
 * @example
 * ```ts
 * const claim: InboxClaim = { state: 'in_progress', retryAfterSeconds: 30 };
 * ```
 */
export type InboxClaim =
  | { state: 'claimed'; token: string }
  | { state: 'done'; answer: NotifyAnswer }
  | { state: 'conflict'; fieldsHash: string }
  | { state: 'in_progress'; retryAfterSeconds: number };

/**
 * The receiver's idempotency record per `(mchid, out_request_no)`: `processing` with a lease while a handler
 * runs, then `done` with the answer and a hash of the notification's fields. With an inbox the handler runs to
 * success at most once per notification; without one, delivery is at-least-once.
 *
 * @example
 * ```ts
 * const claim = await inbox.claim(key, fieldsHash, 60);
 * if (claim.state === 'claimed') {
 *   await handler(notification);
 *   await inbox.complete(key, claim.token, { ret_msg: 'SUCC' });
 * }
 * ```
 */
export interface Inbox {
  /**
   * Atomically: creates a `processing` record with a lease of `leaseSeconds` when there is none, or takes
   * over a `processing` record whose lease expired; otherwise reports `done`, `conflict` or `in_progress`.
   * Of concurrent claims of one key with live leases, exactly one is `claimed`.
   */
  claim(key: InboxKey, fieldsHash: string, leaseSeconds: number): Promise<InboxClaim>;
  /**
   * Turns the claim `token` holds into `done` with `answer`. Resolves `false` (and changes nothing) when the
   * token no longer holds the claim: its lease expired and another receiver took it over.
   */
  complete(key: InboxKey, token: string, answer: NotifyAnswer): Promise<boolean>;
  /** Drops the claim `token` holds (the handler failed): the sender's retry is processed afresh. */
  release(key: InboxKey, token: string): Promise<void>;
}

/**
 * What the receiver asks of its stores for one request whose signature verified, in this order: claim the
 * nonce; when it is fresh, take a token of `rate.key`; when that is allowed, claim the inbox record. Parts the
 * receiver does not use (no rate limiter, no inbox, a body that failed its checks) are left out.
 *
 * @example
 * ```ts
 * const request: AdmitRequest = { nonceKey: 'N1', nonceTtlSeconds: 600, rate: { key: '5157F09EFDC096DE15EBE81A47057A7232F4B2D4' } };
 * ```
 */
export interface AdmitRequest {
  nonceKey: string;
  nonceTtlSeconds: number;
  rate?: { key: string };
  inbox?: { key: InboxKey; fieldsHash: string; leaseSeconds: number };
}

/**
 * Outcome of an {@link Admit}. `replayed`: nothing else was done. A refused `rate` released the nonce again and
 * left the inbox alone (the same signed request may come back once the limit allows it). `inbox` is there when
 * the request asked for it and the rate allowed it.
 *
 * @example
 * ```ts
 * const outcome: AdmitOutcome = { nonce: 'fresh', rate: { ok: true, retryAfterSeconds: 0 }, inbox: { state: 'claimed', token: 't1' } };
 * ```
 */
export type AdmitOutcome = { nonce: 'replayed' } | { nonce: 'fresh'; rate?: RateLimitDecision; inbox?: InboxClaim };

/**
 * The admission of one request as a whole: {@link AdmitRequest}'s steps with the guarantees of each store's
 * own operation. Without a backend's own (see `linkAdmission`) the receiver runs the steps one after
 * another; a backend that holds all three stores does them in one operation (one SQLite transaction, one Redis
 * round trip), which is most of what the stores cost per request. A rejection means nothing was kept.
 *
 * @example
 * ```ts
 * const outcome = await admit({ nonceKey: 'N1', nonceTtlSeconds: 600 });
 * ```
 */
export type Admit = (request: AdmitRequest) => Promise<AdmitOutcome>;

/**
 * The three stores of a receiver from one backend, with a way to close its connection or file.
 *
 * @example
 * ```ts
 * const { nonceStore, rateLimiter, inbox } = stores;
 * createReceiver({ ...options, nonceStore, rateLimiter, inbox });
 * await stores.close();
 * ```
 */
export interface ReceiverStores {
  nonceStore: NonceStore;
  rateLimiter: RateLimiter;
  inbox: Inbox;
  /** Closes the connection or file; calling it again does nothing. */
  close(): Promise<void>;
}
