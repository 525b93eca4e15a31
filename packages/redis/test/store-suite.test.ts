// The store suite on a real redis-server started for this file: each space is a new key prefix; two stores
// on one prefix are two receivers (two connections) sharing one Redis.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { defineStoreSuite, startRedisServer, type RedisServer } from '@auditnotify/conformance';
import { openRedisStores } from '../src/index.js';

let server: RedisServer;
beforeAll(async () => {
  server = await startRedisServer();
});
afterAll(() => server.stop());

defineStoreSuite({
  name: 'redis',
  newSpace: () => `test-${randomUUID()}`,
  open: (prefix, { clock, perMinute }) => openRedisStores({ redis: server.url, prefix, clock, perMinute }),
  ownAdmission: true,
});
