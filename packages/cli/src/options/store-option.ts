/**
 * `--store`: where `auditnotify listen` keeps the receiver's state (replayed nonces, the rate limit, the
 * inbox of processed notifications). The default is an SQLite file in the working directory, so a restarted
 * `listen` still refuses replays and does not process a notification twice.
 */
import { resolve } from 'node:path';
import { createMemoryStores } from '@auditnotify/core';
import type { Clock, ReceiverStores } from '@auditnotify/core';
import { usageError } from '../usage-error.js';

/**
 * The file `listen` keeps its state in when `--store` is absent, in the working directory.
 *
 * @example
 * ```ts
 * parseStoreFlag(undefined, '/srv'); // { kind: 'sqlite', path: '/srv/auditnotify-state.db' }
 * ```
 */
export const DEFAULT_STATE_FILE = 'auditnotify-state.db';

/**
 * A parsed `--store` value.
 *
 * @example
 * ```ts
 * const spec: StoreSpec = { kind: 'redis', url: 'redis://127.0.0.1:6379/0' };
 * ```
 */
export type StoreSpec = { kind: 'sqlite'; path: string } | { kind: 'redis'; url: string } | { kind: 'memory' };

const FORMS = 'sqlite:PATH, redis://HOST:PORT[/DB] or memory';

/**
 * Parses `--store` (`sqlite:PATH`, `redis://HOST:PORT[/DB]`, `memory`); absent means an SQLite file named
 * {@link DEFAULT_STATE_FILE} in `cwd`. Anything else is a `USAGE_ERROR` naming the accepted forms.
 *
 * @example
 * ```ts
 * parseStoreFlag('sqlite:state/receiver.db', '/srv'); // { kind: 'sqlite', path: '/srv/state/receiver.db' }
 * parseStoreFlag('redis://10.0.0.5:6379/2', '/srv'); // { kind: 'redis', url: 'redis://10.0.0.5:6379/2' }
 * ```
 */
export function parseStoreFlag(value: string | undefined, cwd: string): StoreSpec {
  if (value === undefined) return { kind: 'sqlite', path: resolve(cwd, DEFAULT_STATE_FILE) };
  if (value === 'memory') return { kind: 'memory' };
  if (value.startsWith('sqlite:')) {
    const path = value.slice('sqlite:'.length);
    if (path.trim() === '' || path.includes('\0')) throw usageError(`--store sqlite:PATH needs a file path after "sqlite:", got ${JSON.stringify(value)}`, { flag: '--store' });
    return { kind: 'sqlite', path: resolve(cwd, path) };
  }
  if (value.startsWith('redis://')) {
    const match = /^redis:\/\/([^/:@\s]+):(\d{1,5})(?:\/(\d{1,2}))?$/.exec(value);
    const port = Number(match?.[2] ?? Number.NaN);
    if (match === null || port < 1 || port > 65535) {
      throw usageError(`--store redis:// must be redis://HOST:PORT or redis://HOST:PORT/DB (DB a number), got ${JSON.stringify(value)}`, { flag: '--store' });
    }
    return { kind: 'redis', url: value };
  }
  throw usageError(`--store must be ${FORMS}, got ${JSON.stringify(value)}`, { flag: '--store' });
}

/**
 * How a store is named in `listen`'s first lines.
 *
 * @example
 * ```ts
 * describeStore({ kind: 'memory' }); // 'memory (lost when listen stops)'
 * ```
 */
export function describeStore(spec: StoreSpec): string {
  switch (spec.kind) {
    case 'sqlite':
      return `sqlite ${spec.path}`;
    case 'redis':
      return `redis ${spec.url}`;
    case 'memory':
      return 'memory (lost when listen stops)';
  }
}

/**
 * Opens the stores a `--store` value names; a Redis that cannot be reached, or a file that cannot be opened,
 * is a `USAGE_ERROR` saying which, before `listen` accepts a request.
 *
 * @example
 * ```ts
 * const stores = await openStores({ kind: 'sqlite', path: 'auditnotify-state.db' }, systemClock);
 * ```
 */
export async function openStores(spec: StoreSpec, clock: Clock): Promise<ReceiverStores> {
  switch (spec.kind) {
    case 'memory':
      return createMemoryStores({ clock });
    case 'sqlite': {
      const { openSqliteStores } = await import('@auditnotify/sqlite');
      try {
        return openSqliteStores({ path: spec.path, clock });
      } catch (error) {
        throw usageError(`--store: ${(error as Error).message}`, { flag: '--store' });
      }
    }
    case 'redis': {
      const { connectRedisStores } = await import('@auditnotify/redis');
      try {
        return await connectRedisStores({ redis: spec.url, clock });
      } catch (error) {
        throw usageError(`--store: ${(error as Error).message}`, { flag: '--store' });
      }
    }
  }
}
