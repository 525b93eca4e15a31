// The servers of the store benchmark: the plugin with its nonce store, rate limiter and inbox in memory (the
// baseline), in an SQLite file, or in Redis. The harness of @auditnotify/conformance runs each in its own
// child process (transpiled to plain JavaScript on the built plugin).
import express from 'express';
import { createMemoryStores, type ReceiverStores } from '@auditnotify/core';
import type { StoreKind, StoreServerFactory } from '@auditnotify/conformance/bench';
import { openRedisStores } from '@auditnotify/redis';
import { openSqliteStores } from '@auditnotify/sqlite';
import { createExpressMiddleware } from '../src/index.js';

// Every benchmark request comes from one mchid: the limiter does its work on every request but never refuses.
const PER_MINUTE = 1e9;

/**
 * The stores of one kind for a benchmark: `store` is the SQLite file's path, or `REDIS_URL#PREFIX` for Redis.
 *
 * @example
 * ```ts
 * const stores = storesFor('redis', 'redis://127.0.0.1:6380#round1');
 * ```
 */
export function storesFor(kind: StoreKind, store = ''): ReceiverStores {
  if (kind === 'sqlite') return openSqliteStores({ path: store, perMinute: PER_MINUTE });
  if (kind === 'redis') {
    const [redis = '', prefix = 'bench'] = store.split('#');
    return openRedisStores({ redis, prefix, perMinute: PER_MINUTE });
  }
  return createMemoryStores({ perMinute: PER_MINUTE });
}

export const createBenchServer: StoreServerFactory = (kind, keys) => {
  const stores = storesFor(kind, keys.store);
  const app = express();
  app.use(
    createExpressMiddleware({
      senders: [{ serialNo: keys.serialNo, publicKey: keys.senderCertificatePem }],
      answerKeys: [{ id: keys.answerKeyId, privateKey: keys.answerPrivateKeyPem }],
      nonceStore: stores.nonceStore,
      rateLimiter: stores.rateLimiter,
      inbox: stores.inbox,
      handler: () => undefined,
    }),
  );
  return app;
};
