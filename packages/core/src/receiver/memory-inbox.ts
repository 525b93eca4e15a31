/**
 * An in-memory {@link Inbox}: the idempotency records of one process, for tests and demos. They are lost on
 * restart; `@auditnotify/sqlite` keeps them in a file, `@auditnotify/redis` shares them between instances.
 */
import type { Clock } from '../types.js';
import type { NotifyAnswer } from '../schema/index.js';
import type { Inbox, InboxClaim, InboxKey } from './stores.js';
import { AuditNotifyError } from '../errors.js';

/**
 * Options of {@link createMemoryInbox}.
 *
 * @example
 * ```ts
 * const options: MemoryInboxOptions = { retentionSeconds: 86_400 };
 * ```
 */
export interface MemoryInboxOptions {
  /** How long a `done` record is kept, in seconds. Default 30 days (WeChat Pay's retries end long before). */
  retentionSeconds?: number;
  /** Time source (Unix seconds, fractions allowed). Default `Date.now() / 1000`. */
  clock?: Clock;
}

type InboxRecord =
  | { state: 'processing'; fieldsHash: string; token: string; leaseUntil: number }
  | { state: 'done'; fieldsHash: string; answer: NotifyAnswer; keepUntil: number };

/**
 * The default retention of `done` records in every inbox backend: 30 days.
 *
 * @example
 * ```ts
 * createMemoryInbox({ retentionSeconds: DEFAULT_INBOX_RETENTION_SECONDS / 2 });
 * ```
 */
export const DEFAULT_INBOX_RETENTION_SECONDS = 30 * 24 * 3600;

/**
 * Creates an in-memory {@link Inbox}. Records live until their retention ends (pruned as new claims come).
 *
 * @example
 * ```ts
 * const inbox = createMemoryInbox();
 * const claim = await inbox.claim({ mchid: '1900016681', outRequestNo: 'R1' }, hash, 60); // { state: 'claimed', token }
 * ```
 */
export function createMemoryInbox(options: MemoryInboxOptions = {}): Inbox {
  const retention = options.retentionSeconds ?? DEFAULT_INBOX_RETENTION_SECONDS;
  if (!(Number.isFinite(retention) && retention > 0)) {
    throw new AuditNotifyError('INVALID_OPTIONS', 'createMemoryInbox: `retentionSeconds` must be a positive number.');
  }
  const now = options.clock ?? ((): number => Date.now() / 1000);
  const records = new Map<string, InboxRecord>();
  const id = (key: InboxKey): string => JSON.stringify([key.mchid, key.outRequestNo]);

  function prune(at: number): void {
    // Insertion order is completion order for done records; stop at the first one still kept.
    for (const [key, record] of records) {
      if (record.state === 'done' && record.keepUntil > at) return;
      if (record.state === 'done') records.delete(key);
    }
  }

  return {
    async claim(key, fieldsHash, leaseSeconds): Promise<InboxClaim> {
      const at = now();
      prune(at);
      const record = records.get(id(key));
      if (record?.state === 'done') {
        return record.fieldsHash === fieldsHash ? { state: 'done', answer: record.answer } : { state: 'conflict', fieldsHash: record.fieldsHash };
      }
      if (record !== undefined && record.leaseUntil > at) {
        if (record.fieldsHash !== fieldsHash) return { state: 'conflict', fieldsHash: record.fieldsHash };
        return { state: 'in_progress', retryAfterSeconds: Math.max(1, Math.ceil(record.leaseUntil - at)) };
      }
      const token = globalThis.crypto.randomUUID();
      records.set(id(key), { state: 'processing', fieldsHash, token, leaseUntil: at + leaseSeconds });
      return { state: 'claimed', token };
    },
    async complete(key, token, answer) {
      const record = records.get(id(key));
      if (record?.state !== 'processing' || record.token !== token) return false;
      records.delete(id(key));
      records.set(id(key), { state: 'done', fieldsHash: record.fieldsHash, answer, keepUntil: now() + retention });
      return true;
    },
    async release(key, token) {
      const record = records.get(id(key));
      if (record?.state === 'processing' && record.token === token) records.delete(id(key));
    },
  };
}
