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

/**
 * Opens the store an address names and makes sure it answers: a Redis that cannot be reached within
 * `timeoutMs` (default 5 000) is `OUTBOX_STORE_UNAVAILABLE` instead of a wait without end (BullMQ waits for
 * Redis to come back, which is right for a worker but not for a command that should say what is wrong).
 *
 * @example
 * ```ts
 * const store = await connectOutboxStore('redis://127.0.0.1:6379/0');
 * console.log(await store.counts());
 * ```
 */
export async function connectOutboxStore(address: string, options: { timeoutMs?: number } = {}): Promise<OutboxStore> {
  const store = openOutboxStore(address);
  const timeoutMs = options.timeoutMs ?? 5_000;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new OutboxError('OUTBOX_STORE_UNAVAILABLE', `The store ${address} did not answer within ${timeoutMs} ms: is it running and reachable?`, { detail: { store: address, timeoutMs } })),
      timeoutMs,
    );
  });
  try {
    await Promise.race([store.counts(), timedOut]);
    return store;
  } catch (error) {
    await store.close().catch(() => undefined);
    if (error instanceof OutboxError) throw error;
    throw new OutboxError('OUTBOX_STORE_UNAVAILABLE', `The store ${address} cannot be read: ${(error as Error).message}`, { detail: { store: address }, cause: error });
  } finally {
    clearTimeout(timer);
  }
}
