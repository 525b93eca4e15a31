/**
 * The outbox on Redis through BullMQ, for several sender processes: one BullMQ queue holds the entries (job
 * id = the entry id, so `(mchid, out_request_no)` is unique), BullMQ's job locks are the leases (renewed while
 * a delivery runs; a dead worker's job is moved back by another worker's stalled-job check), and one schedule
 * kept in Redis (`redis-pace.ts`) is the global pace of every worker on the queue. Attempts are a Redis list per
 * entry, written before the job changes state (sent ahead of BullMQ's move, on the same connection); a delivery
 * costs one command of ours (the attempt's `RPUSH`, with no round trip of its own) besides BullMQ's own, and one
 * more for the pace when there is a limit.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { Queue, UnrecoverableError, Worker } from 'bullmq';
import type { Job } from 'bullmq';
import { AuditNotifyError } from '@auditnotify/core';
import type { AuditResultNotification } from '@auditnotify/core';
import type { AttemptDecision, Consumer, ConsumeOptions, Deliver, OutboxAttempt, OutboxCounts, OutboxEntry, OutboxState, OutboxStore } from './store.js';
import { entryId } from './entry-id.js';
import { paceIntervalMs } from './pace.js';
import { redisPace } from './redis-pace.js';
import { conflict, inDelivery, notDead, notFound, OutboxError } from './outbox-error.js';

/**
 * Options of {@link openRedisOutboxStore}.
 *
 * @example
 * ```ts
 * const options: RedisOutboxOptions = { redis: 'redis://127.0.0.1:6379/0' };
 * ```
 */
export interface RedisOutboxOptions {
  /** `redis://HOST:PORT[/DB]`. */
  redis: string;
  /** BullMQ queue name. Default `auditnotify-outbox`. */
  queueName?: string;
  /** BullMQ key prefix. Default `auditnotify`. */
  prefix?: string;
}

interface JobData {
  notification: AuditResultNotification;
  fieldsHash: string;
  /** Unique per enqueue call: tells the caller whose add created the job. */
  token: string;
  enqueuedAt: number;
  roundStartedAt: number;
  /**
   * Attempts in the entry's list when this round began: 0 when enqueued, the attempts kept when a dead letter
   * is retried. Absent on jobs written before it existed (their attempts are read, never assumed).
   */
  priorAttempts?: number;
}

/** A retryable failure: the custom backoff reads the delay the outbox's policy chose. */
class RetryLater extends Error {
  constructor(
    message: string,
    readonly delayMs: number,
  ) {
    super(message);
  }
}

/** BullMQ's attempt limit is not used (the outbox's policy decides): large enough never to be reached. */
const BULL_ATTEMPTS = 1_000_000;

function stateOf(bull: string): OutboxState {
  if (bull === 'active') return 'delivering';
  if (bull === 'completed') return 'delivered';
  if (bull === 'failed') return 'dead';
  return 'queued';
}

/**
 * Connects to Redis and opens the outbox queue.
 *
 * @example
 * ```ts
 * import { openRedisOutboxStore, createOutbox } from '@auditnotify/outbox';
 * const outbox = createOutbox({ store: openRedisOutboxStore({ redis: 'redis://127.0.0.1:6379/0' }), client });
 * ```
 */
export function openRedisOutboxStore(options: RedisOutboxOptions): OutboxStore {
  if (typeof options?.redis !== 'string' || !/^rediss?:\/\//.test(options.redis)) {
    throw new AuditNotifyError('INVALID_OPTIONS', 'openRedisOutboxStore: `redis` must be a redis://HOST:PORT[/DB] URL.');
  }
  const queueName = options.queueName ?? 'auditnotify-outbox';
  const prefix = options.prefix ?? 'auditnotify';
  // BullMQ needs maxRetriesPerRequest null: its blocking commands wait as long as they must.
  const redis = new Redis(options.redis, { maxRetriesPerRequest: null, lazyConnect: false });
  redis.on('error', () => undefined);
  const queue = new Queue<JobData>(queueName, { connection: redis, prefix });
  queue.on('error', () => undefined);
  const attemptsKey = (id: string): string => `${prefix}:${queueName}:outbox-attempts:${id}`;
  const paceKey = `${prefix}:${queueName}:outbox-pace`;
  const workers = new Set<Consumer>();

  async function readAttempts(id: string): Promise<OutboxAttempt[]> {
    return (await redis.lrange(attemptsKey(id), 0, -1)).map((record) => JSON.parse(record) as OutboxAttempt);
  }

  /** The entry of a job, its state and attempts read from Redis. */
  async function readEntry(job: Job<JobData>): Promise<OutboxEntry> {
    const [state, attempts] = await Promise.all([job.getState(), readAttempts(job.id as string)]);
    return toEntry(job, state, attempts);
  }

  /** The entry of a job whose BullMQ state and attempts the caller knows. */
  function toEntry(job: Job<JobData>, bullState: string, attempts: OutboxAttempt[]): OutboxEntry {
    const outboxState = stateOf(bullState);
    const failedAttempts = attempts.filter((attempt) => attempt.errorCode !== undefined);
    let lastError = failedAttempts.at(-1);
    if (outboxState === 'dead' && lastError === undefined) {
      // Dead without a failed attempt of ours: BullMQ gave up on a job that stalled too often.
      lastError = { at: new Date(job.finishedOn ?? Date.now()).toISOString(), host: '', errorCode: 'STALLED', message: job.failedReason, verified: false, durationMs: 0 };
    }
    const { data } = job;
    return {
      id: job.id as string,
      mchid: data.notification.mchid,
      out_request_no: data.notification.out_request_no,
      state: outboxState,
      notification: data.notification,
      fieldsHash: data.fieldsHash,
      enqueuedAt: new Date(data.enqueuedAt).toISOString(),
      ...(outboxState === 'queued' && job.attemptsMade > 0 && job.delay > 0 ? { nextAttemptAt: new Date(job.timestamp + job.delay).toISOString() } : {}),
      ...(outboxState === 'delivered' && job.finishedOn !== undefined ? { deliveredAt: new Date(job.finishedOn).toISOString() } : {}),
      roundAttempts: job.attemptsMade,
      roundStartedAt: new Date(data.roundStartedAt).toISOString(),
      attempts,
      ...(lastError === undefined ? {} : { lastError }),
    };
  }

  async function find(key: { mchid?: string; out_request_no: string }): Promise<Job<JobData> | undefined> {
    if (key.mchid !== undefined) return (await queue.getJob(entryId(key.mchid, key.out_request_no))) as Job<JobData> | undefined;
    // Without the mchid: the ids ending in ~OUT_REQUEST_NO (at most a few per out_request_no).
    const suffix = entryId('', key.out_request_no);
    const ids: string[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:${queueName}:*${suffix.replace(/[*?[\]\\]/g, '\\$&')}`, 'COUNT', 1000);
      cursor = next;
      for (const found of keys) {
        const id = found.slice(`${prefix}:${queueName}:`.length);
        if (!id.includes(':') && id.endsWith(suffix)) ids.push(id);
      }
    } while (cursor !== '0');
    if (ids.length > 1) throw new OutboxError('OUTBOX_AMBIGUOUS', `out_request_no ${key.out_request_no} is in the outbox under several mchids: name the mchid too.`);
    return ids[0] === undefined ? undefined : ((await queue.getJob(ids[0])) as Job<JobData> | undefined);
  }

  async function counts(): Promise<OutboxCounts> {
    const bull = await queue.getJobCounts('waiting', 'prioritized', 'delayed', 'waiting-children', 'active', 'completed', 'failed');
    const result: OutboxCounts = { queued: 0, delivering: 0, delivered: 0, dead: 0 };
    for (const [state, n] of Object.entries(bull)) result[stateOf(state)] += n;
    return result;
  }

  function consume(deliver: Deliver, consumeOptions: ConsumeOptions): Consumer {
    const decisions = new Map<string, { attempt: OutboxAttempt; decision: AttemptDecision; recorded: Promise<OutboxAttempt[]> }>();
    const waitForSlot = consumeOptions.rate === false ? undefined : redisPace(redis, paceKey, paceIntervalMs(consumeOptions.rate));
    const worker = new Worker<JobData>(
      queueName,
      async (job) => {
        const id = job.id as string;
        // A job never started before has no attempts yet: no round trip to read them.
        const known = job.attemptsStarted <= 1 && job.data.priorAttempts === 0 ? [] : await readAttempts(id);
        const entry = toEntry(job, 'active', known);
        if (waitForSlot !== undefined) await waitForSlot();
        const outcome = await deliver({ entry });
        // Sent, not awaited: BullMQ moves the job on this same connection once this function returns, and Redis
        // runs one connection's commands in order, so the attempt is in the list before the job's state changes,
        // without a round trip of its own.
        const recorded = redis.rpush(attemptsKey(id), JSON.stringify(outcome.attempt)).then(
          // The list grew by exactly this attempt (the usual case): the attempts are known without reading them.
          (length) => (length === known.length + 1 ? [...known, outcome.attempt] : readAttempts(id)),
        );
        // Read when the job settles; until then a failure must not count as unhandled.
        recorded.catch(() => undefined);
        decisions.set(id, { ...outcome, recorded });
        const { decision, attempt } = outcome;
        if (decision.next === 'delivered') return attempt.status;
        const message = `${attempt.errorCode ?? 'FAILED'}: ${attempt.message ?? ''}`;
        if (decision.next === 'dead') throw new UnrecoverableError(message);
        throw new RetryLater(message, decision.delayMs);
      },
      {
        connection: redis,
        prefix,
        concurrency: consumeOptions.concurrency,
        // No BullMQ limiter: its window restarts at each start, so timer lateness adds up from window to window.
        // The pace is one schedule in Redis instead (redis-pace.ts), shared by every worker on the queue.
        lockDuration: consumeOptions.leaseMs,
        stalledInterval: Math.max(500, Math.floor(consumeOptions.leaseMs / 2)),
        maxStalledCount: 5,
        settings: { backoffStrategy: (_made: number, _type?: string, error?: Error) => (error instanceof RetryLater ? error.delayMs : 0) },
      },
    );
    let resolveDone: () => void = () => undefined;
    const done = new Promise<void>((resolve) => {
      resolveDone = resolve;
    });
    let stopped = false;
    /** Reports not yet made: stop() waits for them, so every settled job is reported before `done`. */
    const reporting = new Set<Promise<void>>();
    const report = (job: Job<JobData> | undefined): void => {
      if (job?.id === undefined) return;
      const outcome = decisions.get(job.id);
      decisions.delete(job.id);
      if (outcome === undefined) return;
      // The state follows from the decision just carried out: no round trip to ask Redis for it.
      const bullState = outcome.decision.next === 'delivered' ? 'completed' : outcome.decision.next === 'dead' ? 'failed' : 'delayed';
      const { attempt, decision, recorded } = outcome;
      const reported = recorded
        .then((attempts) => consumeOptions.onRecorded({ entry: toEntry(job, bullState, attempts), attempt, decision }))
        .catch((error: unknown) => consumeOptions.onError(error))
        .finally(() => reporting.delete(reported));
      reporting.add(reported);
    };
    // Counting after every job would cost a round trip each; only once the queue has run dry is a settled job
    // possibly the last one.
    let drained = false;
    worker.on('completed', (job) => {
      report(job);
      if (drained) checkEmpty();
    });
    worker.on('failed', (job) => {
      report(job);
      if (drained) checkEmpty();
    });
    worker.on('error', (error) => consumeOptions.onError(error));
    const stop = async (): Promise<void> => {
      if (stopped) return done;
      stopped = true;
      clearInterval(poll);
      await worker.close();
      await Promise.all(reporting);
      workers.delete(consumer);
      resolveDone();
    };
    let checking = false;
    function checkEmpty(): void {
      if (!consumeOptions.untilEmpty || stopped || checking) return;
      checking = true;
      counts().then(
        (c) => {
          checking = false;
          if (c.queued + c.delivering === 0) void stop();
        },
        (error: unknown) => {
          checking = false;
          consumeOptions.onError(error);
        },
      );
    }
    worker.on('drained', () => {
      drained = true;
      checkEmpty();
    });
    // Another process may deliver the last entries: look now and then too.
    const poll = setInterval(checkEmpty, 500);
    checkEmpty();
    const consumer: Consumer = { done, stop };
    workers.add(consumer);
    return consumer;
  }

  return {
    kind: 'redis',
    async enqueue(entry, enqueueOptions) {
      const { notification, fieldsHash } = entry;
      const id = entryId(notification.mchid, notification.out_request_no);
      const existing = (await queue.getJob(id)) as Job<JobData> | undefined;
      let outcome: 'queued' | 'replaced' = 'queued';
      if (existing !== undefined) {
        if (existing.data.fieldsHash === fieldsHash) return { outcome: 'exists', entry: await readEntry(existing) };
        if (!enqueueOptions.replace) throw conflict(notification.out_request_no);
        if ((await existing.getState()) === 'active') throw inDelivery(notification.out_request_no);
        await existing.remove();
        await redis.del(attemptsKey(id));
        outcome = 'replaced';
      }
      const at = Date.now();
      const token = randomUUID();
      await queue.add('notify', { notification, fieldsHash, token, enqueuedAt: at, roundStartedAt: at, priorAttempts: 0 }, {
        jobId: id,
        attempts: BULL_ATTEMPTS,
        backoff: { type: 'custom' },
        removeOnComplete: false,
        removeOnFail: false,
      });
      // An add of an existing id changes nothing: read back what is stored to see whose add won.
      const stored = (await queue.getJob(id)) as Job<JobData> | undefined;
      if (stored === undefined) throw new OutboxError('OUTBOX_STORE_UNAVAILABLE', `The entry ${id} was added but cannot be read back from Redis.`);
      if (stored.data.token === token) return { outcome, entry: await readEntry(stored) };
      if (stored.data.fieldsHash === fieldsHash) return { outcome: 'exists', entry: await readEntry(stored) };
      throw conflict(notification.out_request_no);
    },
    async get(key) {
      const job = await find(key);
      return job === undefined ? undefined : readEntry(job);
    },
    counts,
    async retryDeadLetter(key) {
      const job = await find(key);
      if (job === undefined) throw notFound(key.out_request_no);
      const state = await job.getState();
      if (state !== 'failed') throw notDead(key.out_request_no, stateOf(state));
      await job.updateData({ ...job.data, roundStartedAt: Date.now(), priorAttempts: await redis.llen(attemptsKey(job.id as string)) });
      await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
      return readEntry((await queue.getJob(job.id as string)) as Job<JobData>);
    },
    consume,
    async close() {
      await Promise.all([...workers].map((worker) => worker.stop()));
      await queue.close();
      redis.disconnect();
    },
  };
}
