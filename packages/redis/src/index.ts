/**
 * `@auditnotify/redis`: the receiver's state (nonce store, rate limiter, inbox) in Redis, for several
 * instances of a receiver: a replay is refused by every instance, the 200/min limit is one bucket for all of
 * them, and a notification is processed once whichever instance it reaches. Key names work on Redis Cluster.
 *
 * @example
 * ```ts
 * import { openRedisStores } from '@auditnotify/redis';
 * const { nonceStore, rateLimiter, inbox } = openRedisStores({ redis: 'redis://127.0.0.1:6379' });
 * ```
 */
export { connectRedisStores, openRedisStores } from './open-redis-stores.js';
export type { RedisStoresOptions } from './open-redis-stores.js';
export { keyNames } from './key-names.js';
