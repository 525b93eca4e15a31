/**
 * `@auditnotify/sqlite`: the receiver's state (nonce store, rate limiter, inbox) in one SQLite file, the
 * embedded default for a single instance: replays and processed notifications are remembered across restarts.
 *
 * @example
 * ```ts
 * import { openSqliteStores } from '@auditnotify/sqlite';
 * const { nonceStore, rateLimiter, inbox } = openSqliteStores({ path: 'auditnotify-state.db' });
 * ```
 */
export { openSqliteStores } from './open-sqlite-stores.js';
export type { SqliteStoresOptions } from './open-sqlite-stores.js';
