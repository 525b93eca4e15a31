// The rate at the configured limit, on each backend against a real Express receiver: starts follow one schedule
// spaced paceIntervalMs apart, so the rate over a run is never above the limit. How close it comes (0.990× with
// the default 1% tolerance in reserve) depends on how busy the machine is, so it is measured by the benchmark
// (bench/outbox.bench.ts, docs/benchmarks.md), not asserted here.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTestKeys, type TestKeys } from '@auditnotify/core/testing';
import { startRedisServer, type RedisServer } from '@auditnotify/conformance';
import { createOutbox, openRedisOutboxStore, openSqliteOutboxStore, type OutboxStore } from '../src/index.js';
import { notifications, startReceiver } from './helpers/receiver.js';

let keys: TestKeys;
let redis: RedisServer;
let dir: string;

beforeAll(async () => {
  keys = generateTestKeys();
  redis = await startRedisServer();
  dir = mkdtempSync(join(tmpdir(), 'outbox-pace-'));
});
afterAll(async () => {
  await redis.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** 1 200 a minute: one start every 50.5 ms with the default tolerance of 600 ms a minute. */
const PER_MINUTE = 1_200;

const backends: [string, () => OutboxStore][] = [
  ['sqlite', () => openSqliteOutboxStore({ path: join(dir, 'pace.db') })],
  ['redis', () => openRedisOutboxStore({ redis: redis.url, queueName: 'pace' })],
];

describe.each(backends)('pacing on %s', (_name, openStore) => {
  it('delivers every entry and never starts faster than the configured rate', async () => {
    const receiver = await startReceiver(keys);
    const outbox = createOutbox({
      store: openStore(),
      client: { mchid: keys.mchid, serialNo: keys.serialNo, privateKey: keys.handles.senderPrivateKey, wechatpayPublicKeys: keys.wechatpayPublicKeys },
      url: receiver.url,
      rate: { perMinute: PER_MINUTE },
    });
    try {
      const batch = notifications(keys.mchid, 80, 'pace');
      for (const n of batch) await outbox.enqueue(n);
      const starts: number[] = [];
      outbox.on('delivered', ({ attempt }) => starts.push(Date.parse(attempt.at)));
      await outbox.run({ untilEmpty: true }).done;
      expect(starts).toHaveLength(batch.length);
      starts.sort((a, b) => a - b);
      const perMinute = (starts.length - 1) / (((starts.at(-1) as number) - (starts[0] as number)) / 60_000);
      expect(perMinute / PER_MINUTE).toBeLessThanOrEqual(1);
    } finally {
      await outbox.close();
      await receiver.close();
    }
  });
});
