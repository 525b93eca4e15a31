/**
 * `--store` of `auditnotify outbox`: where the outbox lives, `sqlite:PATH` (one sender process) or
 * `redis://HOST:PORT[/DB]` (several). The forms are those `listen --store` accepts, read by the same parser;
 * `memory` is refused, since an outbox that forgets is no outbox.
 */
import type { OutboxStore } from '@auditnotify/outbox';
import { usageError } from '../usage-error.js';
import { parseStoreFlag } from './store-option.js';

/**
 * The outbox address a `--store` value names, with an SQLite path made absolute against `cwd`.
 *
 * @example
 * ```ts
 * outboxStoreAddress('sqlite:outbox.db', '/srv'); // 'sqlite:/srv/outbox.db'
 * outboxStoreAddress('redis://127.0.0.1:6379/0', '/srv'); // 'redis://127.0.0.1:6379/0'
 * ```
 */
export function outboxStoreAddress(value: string | undefined, cwd: string): string {
  if (value === undefined || value === '') throw usageError('missing --store: sqlite:PATH or redis://HOST:PORT[/DB]', { flag: '--store' });
  if (value === 'memory') throw usageError('--store memory cannot hold an outbox (it would forget what is still to send): use sqlite:PATH or redis://HOST:PORT[/DB]', { flag: '--store' });
  const spec = parseStoreFlag(value, cwd);
  return spec.kind === 'sqlite' ? `sqlite:${spec.path}` : value;
}

/**
 * Opens the outbox at an address from {@link outboxStoreAddress}, once it answers (`OUTBOX_STORE_UNAVAILABLE`
 * when it does not).
 *
 * @example
 * ```ts
 * const store = await openOutboxStoreAt(outboxStoreAddress(flags.store, io.cwd));
 * ```
 */
export async function openOutboxStoreAt(address: string): Promise<OutboxStore> {
  // Loaded on use: the other commands never pay for better-sqlite3 and BullMQ.
  const { connectOutboxStore } = await import('@auditnotify/outbox');
  return connectOutboxStore(address);
}
