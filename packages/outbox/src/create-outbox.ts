/**
 * `createOutbox`: validate and store before returning, then deliver with workers through core's client under
 * the store's global limit, recording every attempt and dead-lettering what cannot succeed.
 */
import { EventEmitter } from 'node:events';
import { AuditNotifyError, createClient } from '@auditnotify/core';
import type { ClientOptions, NotificationFields } from '@auditnotify/core';
import type { Consumer, EnqueueResult, OutboxAttempt, OutboxCounts, OutboxEntry, OutboxStore } from './store.js';
import type { OutboxRetryOptions, ResolvedOutboxRetry } from './retry-policy.js';
import { DEFAULT_OUTBOX_RETRY, decide } from './retry-policy.js';
import { attemptDelivery } from './attempt.js';
import { prepareEntry } from './prepare-entry.js';
import { defaultToleranceMs } from './pace.js';
import type { PaceLimit } from './pace.js';

/**
 * The global limit: attempts a minute (`200` by default, the endpoint's limit), or `{ max, durationMs }`, or
 * `false` for none. Starts are spaced evenly across every worker on the store so that the receiver never
 * counts more than `max` arrivals in a window of `durationMs`, even when the time from a start to its arrival
 * varies by up to `toleranceMs` (default 1% of the duration, which costs 1% of the limit; see `pace.ts`).
 *
 * @example
 * ```ts
 * const rate: OutboxRate = { perMinute: 200 };
 * const strict: OutboxRate = { max: 20, durationMs: 1_000, toleranceMs: 250 };
 * ```
 */
export type OutboxRate = { perMinute: number; toleranceMs?: number } | { max: number; durationMs: number; toleranceMs?: number } | false;

/**
 * Options of {@link createOutbox}.
 *
 * @example
 * ```ts
 * const options: OutboxOptions = { store: openSqliteOutboxStore({ path: 'outbox.db' }), client: clientOptions };
 * ```
 */
export interface OutboxOptions {
  /** Where entries live: `openSqliteOutboxStore` or `openRedisOutboxStore`. */
  store: OutboxStore;
  /**
   * Options of core's `createClient`, without `retry` and `rateLimit`: the outbox makes one attempt per lease
   * (the client still fails over between hosts) and owns retries and the rate, so both are durable and global.
   */
  client: Omit<ClientOptions, 'retry' | 'rateLimit'>;
  /** Deliver to this URL only (a local receiver), as `client.send(…, { url })`. */
  url?: string;
  /** Default 200 a minute. */
  rate?: OutboxRate;
  retry?: OutboxRetryOptions;
  /** Deliveries in flight in this process. Default 4. */
  concurrency?: number;
  /** How long a worker holds an entry; after that another worker may take it over. Default 60 000 ms. */
  leaseMs?: number;
  /** Random numbers in [0, 1) for the backoff jitter. Default `Math.random`. */
  random?: () => number;
}

/**
 * Events of an outbox (emitted in the process that delivered).
 *
 * @example
 * ```ts
 * outbox.on('deadLettered', ({ entry, attempt }) => console.error(entry.out_request_no, attempt.errorCode));
 * ```
 */
export interface OutboxEvents {
  delivered: [{ entry: OutboxEntry; attempt: OutboxAttempt }];
  /** A failed attempt that will be retried after `delayMs`. */
  failed: [{ entry: OutboxEntry; attempt: OutboxAttempt; delayMs: number }];
  deadLettered: [{ entry: OutboxEntry; attempt: OutboxAttempt }];
  /** The store failed under a worker (it keeps going). */
  error: [unknown];
}

/**
 * Options of {@link Outbox.run}.
 *
 * @example
 * ```ts
 * await outbox.run({ untilEmpty: true }).done;
 * ```
 */
export interface RunOptions {
  /** Stop once nothing is queued or being delivered (waiting retries included). Default `false`: run until `stop()`. */
  untilEmpty?: boolean;
}

/**
 * An outbox made by {@link createOutbox}.
 *
 * @example
 * ```ts
 * await outbox.enqueue(notification);
 * const worker = outbox.run();
 * // … on shutdown
 * await worker.stop();
 * await outbox.close();
 * ```
 */
export interface Outbox extends EventEmitter<OutboxEvents> {
  /**
   * Validates (`VALIDATION_FAILED`, nothing queued) and stores the notification before resolving. The same
   * fields again resolve `exists`; different fields under the same `(mchid, out_request_no)` throw
   * `OUTBOX_CONFLICT` unless `replace: true`.
   */
  enqueue(notification: NotificationFields, options?: { replace?: boolean }): Promise<EnqueueResult>;
  /** Starts this process's workers. */
  run(options?: RunOptions): Consumer;
  /** One entry with its attempts, or `undefined`. */
  status(outRequestNo: string, mchid?: string): Promise<OutboxEntry | undefined>;
  counts(): Promise<OutboxCounts>;
  /** Puts a dead letter back in the queue with a fresh attempt and age budget. */
  retryDeadLetter(outRequestNo: string, mchid?: string): Promise<OutboxEntry>;
  /** Stops the workers and closes the store. */
  close(): Promise<void>;
}

function invalid(message: string): AuditNotifyError {
  return new AuditNotifyError('INVALID_OPTIONS', `createOutbox: ${message}`);
}

/**
 * The rate as the stores take it, checked.
 *
 * @example
 * ```ts
 * resolveRate({ perMinute: 200 }); // { max: 200, durationMs: 60_000, toleranceMs: 600 }
 * ```
 */
export function resolveRate(rate: OutboxRate | undefined): PaceLimit | false {
  if (rate === false) return false;
  const value = rate ?? { perMinute: 200 };
  if (typeof value !== 'object' || value === null) throw invalid('`rate` must be { perMinute }, { max, durationMs } or false.');
  const { max, durationMs } = 'perMinute' in value ? { max: value.perMinute, durationMs: 60_000 } : value;
  if (!(Number.isSafeInteger(max) && max > 0)) throw invalid('the rate must be a positive whole number of attempts.');
  if (!(Number.isSafeInteger(durationMs) && durationMs > 0)) throw invalid('`rate.durationMs` must be a positive whole number of milliseconds.');
  const toleranceMs = value.toleranceMs ?? defaultToleranceMs(durationMs);
  if (!(Number.isFinite(toleranceMs) && toleranceMs >= 0)) throw invalid('`rate.toleranceMs` must be a number of milliseconds ≥ 0.');
  return { max, durationMs, toleranceMs };
}

function resolveRetry(value: OutboxRetryOptions | undefined): ResolvedOutboxRetry {
  const retry = { ...DEFAULT_OUTBOX_RETRY, ...(value ?? {}) };
  if (!(Number.isSafeInteger(retry.maxAttempts) && retry.maxAttempts >= 1)) throw invalid('`retry.maxAttempts` must be an integer ≥ 1.');
  for (const name of ['baseDelayMs', 'maxDelayMs', 'maxAgeMs'] as const) {
    if (!(Number.isFinite(retry[name]) && retry[name] >= 0)) throw invalid(`\`retry.${name}\` must be a number ≥ 0.`);
  }
  return retry;
}

/**
 * Creates an outbox over a store and core's client.
 *
 * @example
 * ```ts
 * const outbox = createOutbox({ store: openSqliteOutboxStore({ path: 'outbox.db' }), client: clientOptions });
 * await outbox.enqueue({ out_request_no: 'htozr8denqegbt6tk6u10iymo7yww5pn', mchid: '1900016681', audit_result: 'PASS' });
 * await outbox.run({ untilEmpty: true }).done;
 * ```
 */
export function createOutbox(options: OutboxOptions): Outbox {
  if (typeof options !== 'object' || options === null) throw invalid('options must be an object.');
  const { store } = options;
  if (typeof store?.consume !== 'function') throw invalid('`store` must be an outbox store (openSqliteOutboxStore or openRedisOutboxStore).');
  const clientOptions = (options.client ?? {}) as ClientOptions;
  if ('retry' in clientOptions || 'rateLimit' in clientOptions) {
    throw invalid('`client.retry` and `client.rateLimit` belong to the outbox: set `retry` and `rate` of createOutbox instead.');
  }
  const client = createClient({ ...clientOptions, retry: { attempts: 1 }, rateLimit: false });
  const rate = resolveRate(options.rate);
  const retry = resolveRetry(options.retry);
  const concurrency = options.concurrency ?? 4;
  if (!(Number.isSafeInteger(concurrency) && concurrency >= 1)) throw invalid('`concurrency` must be an integer ≥ 1.');
  const leaseMs = options.leaseMs ?? 60_000;
  if (!(Number.isSafeInteger(leaseMs) && leaseMs >= 1_000)) throw invalid('`leaseMs` must be a whole number of milliseconds ≥ 1 000.');
  const random = options.random ?? Math.random;
  const url = options.url;
  const consumers = new Set<Consumer>();

  const outbox = new EventEmitter<OutboxEvents>() as Outbox;
  Object.assign(outbox, {
    async enqueue(notification: NotificationFields, enqueueOptions: { replace?: boolean } = {}) {
      return store.enqueue(await prepareEntry(notification), { replace: enqueueOptions.replace === true });
    },
    run(runOptions: RunOptions = {}) {
      const consumer = store.consume(
        async ({ entry }) => {
          const { attempt, retryAfterMs } = await attemptDelivery(client, entry, url === undefined ? {} : { url });
          const decision = decide({
            attempt,
            attemptsMade: entry.roundAttempts + 1,
            ageMs: Date.now() - Date.parse(entry.roundStartedAt),
            retryAfterMs,
            retry,
            random,
          });
          return { attempt, decision };
        },
        {
          concurrency,
          rate,
          leaseMs,
          untilEmpty: runOptions.untilEmpty === true,
          onRecorded: ({ entry, attempt, decision }) => {
            if (decision.next === 'delivered') outbox.emit('delivered', { entry, attempt });
            else if (decision.next === 'dead') outbox.emit('deadLettered', { entry, attempt });
            else outbox.emit('failed', { entry, attempt, delayMs: decision.delayMs });
          },
          onError: (error) => {
            if (outbox.listenerCount('error') > 0) outbox.emit('error', error);
          },
        },
      );
      consumers.add(consumer);
      void consumer.done.then(() => consumers.delete(consumer));
      return consumer;
    },
    status(outRequestNo: string, mchid?: string) {
      return store.get(mchid === undefined ? { out_request_no: outRequestNo } : { mchid, out_request_no: outRequestNo });
    },
    counts() {
      return store.counts();
    },
    retryDeadLetter(outRequestNo: string, mchid?: string) {
      return store.retryDeadLetter(mchid === undefined ? { out_request_no: outRequestNo } : { mchid, out_request_no: outRequestNo });
    },
    async close() {
      await Promise.all([...consumers].map((consumer) => consumer.stop()));
      await store.close();
    },
  });
  return outbox;
}
