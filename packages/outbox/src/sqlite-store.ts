/**
 * The outbox in one SQLite file (WAL, better-sqlite3): the embedded default for one sender process. Leases are
 * rows with a token and an expiry, so a second process on the same file (or the next run after a crash) takes
 * over an entry whose worker died; pacing is one row holding the next free start time, shared by every worker
 * on the file. Each step is one statement or one `BEGIN IMMEDIATE` transaction.
 */
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { AuditNotifyError } from '@auditnotify/core';
import type { AuditResultNotification } from '@auditnotify/core';
import type { Consumer, ConsumeOptions, Deliver, EnqueueResult, NewEntry, OutboxAttempt, OutboxCounts, OutboxEntry, OutboxState, OutboxStore, RecordedAttempt } from './store.js';
import { entryId } from './entry-id.js';
import { paceIntervalMs } from './pace.js';
import { conflict, inDelivery, notDead, notFound, OutboxError } from './outbox-error.js';

/**
 * Options of {@link openSqliteOutboxStore}.
 *
 * @example
 * ```ts
 * const options: SqliteOutboxOptions = { path: 'outbox.db' };
 * ```
 */
export interface SqliteOutboxOptions {
  /** The database file; created with its tables when missing. */
  path: string;
  /** How long a writer waits for another process's write lock, in milliseconds. Default 5 000. */
  busyTimeoutMs?: number;
  /** How often an idle worker looks for due entries, in milliseconds. Default 200. */
  pollMs?: number;
  /** Time source in milliseconds. Default `Date.now`. */
  now?: () => number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS outbox_entry (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  mchid TEXT NOT NULL,
  out_request_no TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('queued', 'delivering', 'delivered', 'dead')),
  notification TEXT NOT NULL,
  fields_hash TEXT NOT NULL,
  enqueued_at REAL NOT NULL,
  round_started_at REAL NOT NULL,
  round_attempts INTEGER NOT NULL DEFAULT 0,
  next_at REAL NOT NULL,
  lease_token TEXT,
  lease_until REAL,
  delivered_at REAL,
  last_error TEXT
);
CREATE INDEX IF NOT EXISTS outbox_entry_due ON outbox_entry (state, next_at);
CREATE INDEX IF NOT EXISTS outbox_entry_request ON outbox_entry (out_request_no);
CREATE TABLE IF NOT EXISTS outbox_attempt (
  entry_seq INTEGER NOT NULL REFERENCES outbox_entry (seq) ON DELETE CASCADE,
  n INTEGER NOT NULL,
  record TEXT NOT NULL,
  PRIMARY KEY (entry_seq, n)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS outbox_pace (
  one INTEGER PRIMARY KEY CHECK (one = 1),
  next_at REAL NOT NULL
);
`;

/**
 * The queued entry due longest, read off the `(state, next_at)` index in its order (the rowid `seq` breaks
 * ties), so taking the next entry costs the same with a backlog of a million as with ten. Exported for the
 * test that pins the query plan.
 */
export const DUE_QUEUED_SQL = "SELECT seq FROM outbox_entry WHERE state = 'queued' AND next_at <= ? ORDER BY next_at, seq LIMIT 1";

/** Any entry whose worker's lease expired: few rows are ever `delivering` (the workers' concurrency). */
export const DUE_EXPIRED_SQL = "SELECT seq FROM outbox_entry WHERE state = 'delivering' AND lease_until <= ? LIMIT 1";

interface EntryRow {
  seq: number;
  id: string;
  mchid: string;
  out_request_no: string;
  state: OutboxState;
  notification: string;
  fields_hash: string;
  enqueued_at: number;
  round_started_at: number;
  round_attempts: number;
  next_at: number;
  lease_token: string | null;
  lease_until: number | null;
  delivered_at: number | null;
  last_error: string | null;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * Opens (or creates) the outbox file.
 *
 * @example
 * ```ts
 * import { openSqliteOutboxStore, createOutbox } from '@auditnotify/outbox';
 * const outbox = createOutbox({ store: openSqliteOutboxStore({ path: 'outbox.db' }), client });
 * ```
 */
export function openSqliteOutboxStore(options: SqliteOutboxOptions): OutboxStore {
  const busyTimeout = options.busyTimeoutMs ?? 5_000;
  const pollMs = options.pollMs ?? 200;
  if (typeof options.path !== 'string' || options.path === '') throw invalid('`path` must be the path of the database file.');
  if (!(Number.isSafeInteger(busyTimeout) && busyTimeout >= 0)) throw invalid('`busyTimeoutMs` must be a whole number of milliseconds.');
  if (!(Number.isFinite(pollMs) && pollMs > 0)) throw invalid('`pollMs` must be a positive number of milliseconds.');
  const now = options.now ?? Date.now;

  let db: Database.Database;
  try {
    db = new Database(options.path);
    db.pragma(`busy_timeout = ${busyTimeout}`);
    db.pragma('journal_mode = WAL');
    // WAL with NORMAL: a power cut may lose the last transactions, never corrupt the file; a crash of the
    // process loses nothing that enqueue() resolved.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.exec(SCHEMA);
  } catch (error) {
    throw new OutboxError('OUTBOX_STORE_UNAVAILABLE', `openSqliteOutboxStore: cannot open ${options.path} as an SQLite database: ${(error as Error).message}`, { cause: error });
  }

  const byId = db.prepare<[string], EntryRow>('SELECT * FROM outbox_entry WHERE id = ?');
  const byRequest = db.prepare<[string], EntryRow>('SELECT * FROM outbox_entry WHERE out_request_no = ? LIMIT 2');
  const attemptsOf = db.prepare<[number], { record: string }>('SELECT record FROM outbox_attempt WHERE entry_seq = ? ORDER BY n');
  const insertEntry = db.prepare<[string, string, string, string, string, number, number, number]>(
    `INSERT INTO outbox_entry (id, mchid, out_request_no, state, notification, fields_hash, enqueued_at, round_started_at, next_at)
     VALUES (?, ?, ?, 'queued', ?, ?, ?, ?, ?)`,
  );
  const replaceEntry = db.prepare<[string, string, number, number, number]>(
    `UPDATE outbox_entry SET state = 'queued', notification = ?, fields_hash = ?, round_started_at = ?, round_attempts = 0, next_at = ?,
     lease_token = NULL, lease_until = NULL, delivered_at = NULL, last_error = NULL WHERE seq = ?`,
  );
  const countStates = db.prepare<[], { state: OutboxState; n: number }>('SELECT state, COUNT(*) AS n FROM outbox_entry GROUP BY state');
  const pending = db.prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM outbox_entry WHERE state IN ('queued', 'delivering')");
  const dueQueued = db.prepare<[number], { seq: number }>(DUE_QUEUED_SQL);
  const dueExpired = db.prepare<[number], { seq: number }>(DUE_EXPIRED_SQL);
  const nextWake = db.prepare<[], { at: number | null }>(
    "SELECT MIN(CASE state WHEN 'queued' THEN next_at ELSE lease_until END) AS at FROM outbox_entry WHERE state IN ('queued', 'delivering')",
  );
  const lease = db.prepare<[string, number, number], EntryRow>("UPDATE outbox_entry SET state = 'delivering', lease_token = ?, lease_until = ? WHERE seq = ? RETURNING *");
  const seqById = db.prepare<[number], EntryRow>('SELECT * FROM outbox_entry WHERE seq = ?');
  const insertAttempt = db.prepare<[number, string, number]>(
    'INSERT INTO outbox_attempt (entry_seq, n, record) SELECT ?, COALESCE(MAX(n), 0) + 1, ? FROM outbox_attempt WHERE entry_seq = ?',
  );
  const settle = db.prepare<[OutboxState, number, number | null, string | null, number, string], EntryRow>(
    `UPDATE outbox_entry SET state = ?, round_attempts = round_attempts + 1, next_at = ?, delivered_at = ?, last_error = COALESCE(?, last_error),
     lease_token = NULL, lease_until = NULL WHERE seq = ? AND lease_token = ? RETURNING *`,
  );
  const revive = db.prepare<[number, number, number]>(
    "UPDATE outbox_entry SET state = 'queued', round_attempts = 0, round_started_at = ?, next_at = ? WHERE seq = ? AND state = 'dead'",
  );
  const readPace = db.prepare<[], { next_at: number }>('SELECT next_at FROM outbox_pace WHERE one = 1');
  const writePace = db.prepare<[number]>('INSERT INTO outbox_pace (one, next_at) VALUES (1, ?) ON CONFLICT (one) DO UPDATE SET next_at = excluded.next_at');

  /** The entry of a row, with its attempts read from the table unless the caller has them. */
  function toEntry(row: EntryRow, known?: OutboxAttempt[]): OutboxEntry {
    const attempts = known ?? attemptsOf.all(row.seq).map((a) => JSON.parse(a.record) as OutboxAttempt);
    return {
      id: row.id,
      mchid: row.mchid,
      out_request_no: row.out_request_no,
      state: row.state,
      notification: JSON.parse(row.notification) as AuditResultNotification,
      fieldsHash: row.fields_hash,
      enqueuedAt: iso(row.enqueued_at),
      ...(row.state === 'queued' && row.round_attempts > 0 ? { nextAttemptAt: iso(row.next_at) } : {}),
      ...(row.delivered_at === null ? {} : { deliveredAt: iso(row.delivered_at) }),
      roundAttempts: row.round_attempts,
      roundStartedAt: iso(row.round_started_at),
      attempts,
      ...(row.last_error === null ? {} : { lastError: JSON.parse(row.last_error) as OutboxAttempt }),
    };
  }

  function find(key: { mchid?: string; out_request_no: string }): EntryRow | undefined {
    if (key.mchid !== undefined) return byId.get(entryId(key.mchid, key.out_request_no));
    const rows = byRequest.all(key.out_request_no);
    if (rows.length > 1) throw new OutboxError('OUTBOX_AMBIGUOUS', `out_request_no ${key.out_request_no} is in the outbox under several mchids: name the mchid too.`);
    return rows[0];
  }

  const enqueueTx = db.transaction((entry: NewEntry, replace: boolean): EnqueueResult => {
    const { notification, fieldsHash } = entry;
    const id = entryId(notification.mchid, notification.out_request_no);
    const at = now();
    const existing = byId.get(id);
    if (existing === undefined) {
      insertEntry.run(id, notification.mchid, notification.out_request_no, JSON.stringify(notification), fieldsHash, at, at, at);
      return { outcome: 'queued', entry: toEntry(byId.get(id) as EntryRow) };
    }
    if (existing.fields_hash === fieldsHash) return { outcome: 'exists', entry: toEntry(existing) };
    if (!replace) throw conflict(notification.out_request_no);
    if (existing.state === 'delivering' && (existing.lease_until ?? 0) > at) throw inDelivery(notification.out_request_no);
    replaceEntry.run(JSON.stringify(notification), fieldsHash, at, at, existing.seq);
    return { outcome: 'replaced', entry: toEntry(byId.get(id) as EntryRow) };
  });

  /**
   * Expired leases are looked for at most once a poll while queued entries are due (a worker that died is
   * replaced within `pollMs` of its lease running out), and always when none is: one statement less per lease.
   */
  let expiredCheckAt = 0;
  /** Takes the next entry: a lease that expired first (its worker died), then the queued entry due longest. */
  function takeNext(token: string, leaseMs: number): EntryRow | undefined {
    const at = now();
    let row: { seq: number } | undefined;
    if (at >= expiredCheckAt) {
      expiredCheckAt = at + pollMs;
      row = dueExpired.get(at);
    }
    row ??= dueQueued.get(at) ?? dueExpired.get(at);
    return row === undefined ? undefined : lease.get(token, at + leaseMs, row.seq);
  }

  const leaseTx = db.transaction(takeNext);

  /**
   * Records an attempt and the entry's next state, and, in the same transaction (one commit per delivery),
   * leases the worker's next entry when `nextToken` is given.
   */
  const recordTx = db.transaction(
    (seq: number, token: string, attempt: OutboxAttempt, next: OutboxState, nextAt: number, nextToken: string | undefined, leaseMs: number): { settled: EntryRow | undefined; leased: EntryRow | undefined } => {
      const settled = settle.get(next, nextAt, next === 'delivered' ? now() : null, attempt.errorCode === undefined ? null : JSON.stringify(attempt), seq, token);
      // No row: the lease expired and another worker took the entry over; its attempt is the one that counts.
      if (settled !== undefined) insertAttempt.run(seq, JSON.stringify(attempt), seq);
      return { settled, leased: nextToken === undefined ? undefined : takeNext(nextToken, leaseMs) };
    },
  );

  /** The next free start time under the global pace (`interval` ms between starts), taken atomically. */
  const paceTx = db.transaction((interval: number): number => {
    const at = now();
    const slot = Math.max(at, readPace.get()?.next_at ?? at);
    writePace.run(slot + interval);
    return slot;
  });

  let closed = false;
  const consumers = new Set<Consumer>();
  /** Wakes every idle worker of this process: something they wait for may have happened. */
  const wakers = new Set<() => void>();
  const wakeAll = (): void => {
    for (const wake of [...wakers]) wake();
  };

  function consume(deliver: Deliver, consumeOptions: ConsumeOptions): Consumer {
    const interval = consumeOptions.rate === false ? 0 : paceIntervalMs(consumeOptions.rate);
    let stopping = false;
    // An idle worker sleeps until its poll, the next due time, or a wake-up: an entry settled or enqueued in
    // this process, or stop(). Other processes on the file are seen at the next poll.
    const idle = (ms: number): Promise<void> =>
      new Promise((resolve) => {
        const wake = (): void => {
          clearTimeout(timer);
          wakers.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, Math.max(1, ms));
        wakers.add(wake);
      });

    /** An event listener that throws must not cost the lane the entry it has just leased. */
    const report = (event: RecordedAttempt): void => {
      try {
        consumeOptions.onRecorded(event);
      } catch (error) {
        consumeOptions.onError(error);
      }
    };

    async function lane(): Promise<void> {
      let token = randomUUID();
      let row: EntryRow | undefined;
      while (!stopping) {
        try {
          row ??= leaseTx(token, consumeOptions.leaseMs);
          if (row === undefined) {
            if (consumeOptions.untilEmpty && (pending.get()?.n ?? 0) === 0) return;
            const at = nextWake.get()?.at;
            await idle(Math.min(pollMs, at === null || at === undefined ? pollMs : at - now()));
            continue;
          }
          if (interval > 0) {
            const slot = paceTx(interval);
            if (slot > now()) await new Promise((resolve) => setTimeout(resolve, slot - now()));
          }
          const leased = toEntry(row);
          const { attempt, decision } = await deliver({ entry: leased });
          const next: OutboxState = decision.next === 'retry' ? 'queued' : decision.next;
          const nextToken = stopping ? undefined : randomUUID();
          const { settled, leased: following } = recordTx(row.seq, token, attempt, next, decision.next === 'retry' ? now() + decision.delayMs : now(), nextToken, consumeOptions.leaseMs);
          row = following;
          if (nextToken !== undefined) token = nextToken;
          wakeAll();
          if (settled !== undefined) report({ entry: toEntry(settled, [...leased.attempts, attempt]), attempt, decision });
        } catch (error) {
          row = undefined;
          consumeOptions.onError(error);
          await idle(pollMs);
        }
      }
    }

    const lanes = Array.from({ length: consumeOptions.concurrency }, () => lane());
    const done = Promise.all(lanes).then(() => {
      consumers.delete(consumer);
    });
    const consumer: Consumer = {
      done,
      async stop() {
        stopping = true;
        wakeAll();
        await done;
      },
    };
    consumers.add(consumer);
    return consumer;
  }

  return {
    kind: 'sqlite',
    async enqueue(entry, enqueueOptions) {
      const result = enqueueTx(entry, enqueueOptions.replace);
      if (result.outcome !== 'exists') wakeAll();
      return result;
    },
    async get(key) {
      const row = find(key);
      return row === undefined ? undefined : toEntry(row);
    },
    async counts() {
      const counts: OutboxCounts = { queued: 0, delivering: 0, delivered: 0, dead: 0 };
      for (const { state, n } of countStates.all()) counts[state] = n;
      return counts;
    },
    async retryDeadLetter(key) {
      const row = find(key);
      if (row === undefined) throw notFound(key.out_request_no);
      if (row.state !== 'dead') throw notDead(key.out_request_no, row.state);
      const at = now();
      revive.run(at, at, row.seq);
      wakeAll();
      return toEntry(seqById.get(row.seq) as EntryRow);
    },
    consume,
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([...consumers].map((c) => c.stop()));
      db.close();
    },
  };
}

function invalid(message: string): AuditNotifyError {
  return new AuditNotifyError('INVALID_OPTIONS', `openSqliteOutboxStore: ${message}`);
}
