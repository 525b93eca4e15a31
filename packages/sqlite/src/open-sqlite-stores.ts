/**
 * The receiver's state in one SQLite file (WAL): nonces, rate-limit buckets and the inbox, shared by every
 * receiver that opens the same file, and kept across restarts. The operations of one event-loop turn run
 * in one `BEGIN IMMEDIATE` transaction (write-batch.ts), so each is atomic across processes too and a burst
 * of concurrent requests pays for one commit.
 */
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import type { Admit, Inbox, InboxClaim, NonceStore, NotifyAnswer, RateLimiter, ReceiverStores } from '@auditnotify/core';
import { AuditNotifyError, DEFAULT_INBOX_RETENTION_SECONDS, linkAdmission } from '@auditnotify/core';
import { createWriteBatch } from './write-batch.js';

/**
 * Options of {@link openSqliteStores}.
 *
 * @example
 * ```ts
 * const options: SqliteStoresOptions = { path: 'auditnotify-state.db', perMinute: 200 };
 * ```
 */
export interface SqliteStoresOptions {
  /** The database file; created with its tables when missing. */
  path: string;
  /** Requests a minute per sender (the shared bucket of every receiver on the file). Default 200. */
  perMinute?: number;
  /** How long a `done` inbox record is kept, in seconds. Default 30 days. */
  retentionSeconds?: number;
  /** How long a writer waits for another process's write lock, in milliseconds. Default 5 000. */
  busyTimeoutMs?: number;
  /** Time source (Unix seconds, fractions allowed). Default `Date.now() / 1000`. */
  clock?: () => number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS auditnotify_nonce (
  key TEXT PRIMARY KEY,
  expires_at REAL NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS auditnotify_nonce_expiry ON auditnotify_nonce (expires_at);
CREATE TABLE IF NOT EXISTS auditnotify_rate (
  key TEXT PRIMARY KEY,
  tokens REAL NOT NULL,
  at REAL NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS auditnotify_inbox (
  mchid TEXT NOT NULL,
  out_request_no TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('processing', 'done')),
  fields_hash TEXT NOT NULL,
  token TEXT,
  lease_until REAL,
  answer TEXT,
  keep_until REAL,
  PRIMARY KEY (mchid, out_request_no)
) WITHOUT ROWID;
`;

/** Expired rows are deleted every this many nonce claims (one indexed DELETE: cheap, and bounded). */
const SWEEP_EVERY = 512;

interface InboxRow {
  state: 'processing' | 'done';
  fields_hash: string;
  token: string | null;
  lease_until: number | null;
  answer: string | null;
}

/**
 * Opens (or creates) the state file and returns the receiver's three stores over it. Synchronous work under
 * the hood (better-sqlite3): each call takes microseconds, far less than verifying the request's signature.
 *
 * @example
 * ```ts
 * import { openSqliteStores } from '@auditnotify/sqlite';
 * const stores = openSqliteStores({ path: 'auditnotify-state.db' });
 * const receiver = createReceiver({ ...options, nonceStore: stores.nonceStore, rateLimiter: stores.rateLimiter, inbox: stores.inbox });
 * // on shutdown
 * await stores.close();
 * ```
 */
export function openSqliteStores(options: SqliteStoresOptions): ReceiverStores {
  const perMinute = options.perMinute ?? 200;
  const retention = options.retentionSeconds ?? DEFAULT_INBOX_RETENTION_SECONDS;
  const busyTimeout = options.busyTimeoutMs ?? 5_000;
  if (typeof options.path !== 'string' || options.path === '') invalid('`path` must be the path of the database file.');
  if (!(Number.isFinite(perMinute) && perMinute > 0)) invalid('`perMinute` must be a positive number.');
  if (!(Number.isFinite(retention) && retention > 0)) invalid('`retentionSeconds` must be a positive number.');
  if (!(Number.isSafeInteger(busyTimeout) && busyTimeout >= 0)) invalid('`busyTimeoutMs` must be a whole number of milliseconds.');
  const now = options.clock ?? ((): number => Date.now() / 1000);

  let db: Database.Database;
  try {
    db = new Database(options.path);
    db.pragma(`busy_timeout = ${busyTimeout}`);
    db.pragma('journal_mode = WAL');
    // WAL with NORMAL: a power cut may lose the last transactions, never corrupt the file; a crash of the
    // process loses nothing.
    db.pragma('synchronous = NORMAL');
    db.exec(SCHEMA);
  } catch (error) {
    throw new AuditNotifyError('INVALID_OPTIONS', `openSqliteStores: cannot open ${options.path} as an SQLite database: ${(error as Error).message}`, { cause: error });
  }

  const claimNonce = db.prepare<[string, number, number]>(
    `INSERT INTO auditnotify_nonce (key, expires_at) VALUES (?, ?)
     ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at WHERE auditnotify_nonce.expires_at <= ?`,
  );
  const releaseNonce = db.prepare<[string]>('DELETE FROM auditnotify_nonce WHERE key = ?');
  const sweepNonces = db.prepare<[number]>('DELETE FROM auditnotify_nonce WHERE expires_at <= ?');
  const sweepInbox = db.prepare<[number]>("DELETE FROM auditnotify_inbox WHERE state = 'done' AND keep_until <= ?");
  const readBucket = db.prepare<[string], { tokens: number; at: number }>('SELECT tokens, at FROM auditnotify_rate WHERE key = ?');
  const writeBucket = db.prepare<[string, number, number]>(
    'INSERT INTO auditnotify_rate (key, tokens, at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET tokens = excluded.tokens, at = excluded.at',
  );
  const readInbox = db.prepare<[string, string], InboxRow>(
    'SELECT state, fields_hash, token, lease_until, answer FROM auditnotify_inbox WHERE mchid = ? AND out_request_no = ?',
  );
  const writeClaim = db.prepare<[string, string, string, string, number]>(
    `INSERT INTO auditnotify_inbox (mchid, out_request_no, state, fields_hash, token, lease_until) VALUES (?, ?, 'processing', ?, ?, ?)
     ON CONFLICT (mchid, out_request_no) DO UPDATE SET fields_hash = excluded.fields_hash, token = excluded.token, lease_until = excluded.lease_until
     WHERE auditnotify_inbox.state = 'processing'`,
  );
  const writeDone = db.prepare<[string, number, string, string, string]>(
    `UPDATE auditnotify_inbox SET state = 'done', answer = ?, keep_until = ?, token = NULL, lease_until = NULL
     WHERE mchid = ? AND out_request_no = ? AND state = 'processing' AND token = ?`,
  );
  const deleteClaim = db.prepare<[string, string, string]>(
    "DELETE FROM auditnotify_inbox WHERE mchid = ? AND out_request_no = ? AND state = 'processing' AND token = ?",
  );

  let claims = 0;
  const perSecond = perMinute / 60;

  const take = (key: string, at: number) => {
    const bucket = readBucket.get(key);
    let tokens = bucket === undefined ? perMinute : Math.min(perMinute, bucket.tokens + Math.max(0, at - bucket.at) * perSecond);
    const ok = tokens >= 1;
    if (ok) tokens -= 1;
    writeBucket.run(key, tokens, bucket === undefined ? at : Math.max(at, bucket.at));
    return ok ? { ok: true, retryAfterSeconds: 0 } : { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / perSecond)) };
  };

  const claimInbox = (mchid: string, outRequestNo: string, fieldsHash: string, leaseSeconds: number, at: number): InboxClaim => {
    const row = readInbox.get(mchid, outRequestNo);
    if (row?.state === 'done') {
      return row.fields_hash === fieldsHash ? { state: 'done', answer: JSON.parse(row.answer ?? '{}') as NotifyAnswer } : { state: 'conflict', fieldsHash: row.fields_hash };
    }
    if (row !== undefined && (row.lease_until ?? 0) > at) {
      if (row.fields_hash !== fieldsHash) return { state: 'conflict', fieldsHash: row.fields_hash };
      return { state: 'in_progress', retryAfterSeconds: Math.max(1, Math.ceil((row.lease_until ?? at) - at)) };
    }
    const token = randomUUID();
    writeClaim.run(mchid, outRequestNo, fieldsHash, token, at + leaseSeconds);
    return { state: 'claimed', token };
  };
  const batch = createWriteBatch(db);

  const claimFreshNonce = (key: string, ttlSeconds: number, at: number, sweep: boolean): boolean => {
    if (sweep) {
      sweepNonces.run(at);
      sweepInbox.run(at);
    }
    return claimNonce.run(key, at + ttlSeconds, at).changes === 1;
  };

  const nonceStore: NonceStore = {
    claim(key, ttlSeconds) {
      const at = now();
      const sweep = ++claims % SWEEP_EVERY === 0;
      return batch.run(() => claimFreshNonce(key, ttlSeconds, at, sweep));
    },
    async release(key) {
      await batch.run(() => releaseNonce.run(key));
    },
  };
  const rateLimiter: RateLimiter = {
    take(key) {
      const at = now();
      return batch.run(() => take(key, at));
    },
  };
  const inbox: Inbox = {
    claim(key, fieldsHash, leaseSeconds) {
      const at = now();
      return batch.run(() => claimInbox(key.mchid, key.outRequestNo, fieldsHash, leaseSeconds, at));
    },
    complete(key, token, answer) {
      const text = JSON.stringify(answer);
      const keepUntil = now() + retention;
      return batch.run(() => writeDone.run(text, keepUntil, key.mchid, key.outRequestNo, token).changes === 1);
    },
    async release(key, token) {
      await batch.run(() => deleteClaim.run(key.mchid, key.outRequestNo, token));
    },
  };

  // One request's whole admission in one operation of the batch: one transaction, shared with the other
  // requests of this turn, instead of three.
  const admit: Admit = (request) => {
    const at = now();
    const sweep = ++claims % SWEEP_EVERY === 0;
    return batch.run(() => {
      if (!claimFreshNonce(request.nonceKey, request.nonceTtlSeconds, at, sweep)) return { nonce: 'replayed' };
      const rate = request.rate === undefined ? undefined : take(request.rate.key, at);
      if (rate !== undefined && !rate.ok) {
        releaseNonce.run(request.nonceKey);
        return { nonce: 'fresh', rate };
      }
      const claim = request.inbox === undefined ? undefined : claimInbox(request.inbox.key.mchid, request.inbox.key.outRequestNo, request.inbox.fieldsHash, request.inbox.leaseSeconds, at);
      return { nonce: 'fresh', ...(rate === undefined ? {} : { rate }), ...(claim === undefined ? {} : { inbox: claim }) };
    });
  };

  return linkAdmission({
    nonceStore,
    rateLimiter,
    inbox,
    async close() {
      if (!db.open) return;
      // What is queued still lands: its callers are waiting for it.
      batch.flush();
      db.close();
    },
  }, admit);
}

function invalid(message: string): never {
  throw new AuditNotifyError('INVALID_OPTIONS', `openSqliteStores: ${message}`);
}
