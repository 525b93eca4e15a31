/**
 * A store from its address, as the CLI's `--store` takes it: `sqlite:PATH` or `redis://HOST:PORT[/DB]`.
 */
import type { OutboxStore } from './store.js';
import { OutboxError } from './outbox-error.js';
import { openSqliteOutboxStore } from './sqlite-store.js';
import { openRedisOutboxStore } from './redis-store.js';

/**
 * Opens the store an address names.
 *
 * @example
 * ```ts
 * const store = openOutboxStore('sqlite:outbox.db'); // or 'redis://127.0.0.1:6379/0'
 * ```
 */
export function openOutboxStore(address: string): OutboxStore {
  if (typeof address === 'string' && address.startsWith('sqlite:') && address.length > 'sqlite:'.length) {
    return openSqliteOutboxStore({ path: address.slice('sqlite:'.length) });
  }
  if (typeof address === 'string' && /^redis:\/\/[^/:]+(:\d+)?(\/\d+)?$/.test(address)) return openRedisOutboxStore({ redis: address });
  throw new OutboxError('OUTBOX_STORE_INVALID', `The store ${JSON.stringify(address)} is neither sqlite:PATH nor redis://HOST:PORT[/DB].`, { detail: { store: address } });
}
