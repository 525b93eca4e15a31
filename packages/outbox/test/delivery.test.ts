// The outbox in one process on each backend (SQLite file, BullMQ on a real redis-server) against a real
// Express receiver: validation and idempotent enqueue, delivery with every attempt recorded, 400 PARAM_ERROR
// dead-lettered after one attempt and retried by hand, and a receiver that is down for a while, then back.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isAuditNotifyError } from '@auditnotify/core';
import { generateTestKeys, type TestKeys } from '@auditnotify/core/testing';
import { startRedisServer, type RedisServer } from '@auditnotify/conformance';
import { createOutbox, OutboxError, openRedisOutboxStore, openSqliteOutboxStore, type Outbox, type OutboxStore } from '../src/index.js';
import { notifications, startReceiver, type TestReceiver } from './helpers/receiver.js';

let keys: TestKeys;
let redis: RedisServer;
let dir: string;
let receiver: TestReceiver;
let outbox: Outbox | undefined;
let storeNumber = 0;

beforeAll(async () => {
  keys = generateTestKeys();
  redis = await startRedisServer();
  dir = mkdtempSync(join(tmpdir(), 'outbox-delivery-'));
});
afterEach(async () => {
  await outbox?.close();
  outbox = undefined;
  await receiver?.close();
});
afterAll(async () => {
  await redis.stop();
  rmSync(dir, { recursive: true, force: true });
});

const backends: [string, () => OutboxStore][] = [
  ['sqlite', () => openSqliteOutboxStore({ path: join(dir, `outbox-${++storeNumber}.db`), pollMs: 20 })],
  ['redis', () => openRedisOutboxStore({ redis: redis.url, queueName: `delivery-${++storeNumber}` })],
];

function makeOutbox(store: OutboxStore): Outbox {
  outbox = createOutbox({
    store,
    client: { mchid: keys.mchid, serialNo: keys.serialNo, privateKey: keys.handles.senderPrivateKey, wechatpayPublicKeys: keys.wechatpayPublicKeys, timeoutMs: 2_000 },
    url: receiver.url,
    rate: { max: 20, durationMs: 1_000 },
    leaseMs: 5_000,
    retry: { baseDelayMs: 50, maxDelayMs: 400 },
  });
  return outbox;
}

describe.each(backends)('outbox on %s', (_name, openStore) => {
  it('refuses an invalid notification without queueing it, and is idempotent on (mchid, out_request_no)', async () => {
    receiver = await startReceiver(keys);
    const box = makeOutbox(openStore());
    const error = await box.enqueue({ out_request_no: '', mchid: keys.mchid, audit_result: 'PASS' }).catch((e: unknown) => e);
    expect(isAuditNotifyError(error) && error.code).toBe('VALIDATION_FAILED');
    expect(await box.counts()).toEqual({ queued: 0, delivering: 0, delivered: 0, dead: 0 });

    const [first] = notifications(keys.mchid, 1, 'idem');
    const queued = await box.enqueue(first!);
    expect(queued.outcome).toBe('queued');
    const again = await box.enqueue({ ...first! });
    expect(again).toMatchObject({ outcome: 'exists', entry: { id: queued.entry.id } });
    const changed = { ...first!, audit_result: 'REJECT' as const, reject_reason: 'the licence photo is unreadable' };
    const conflict = await box.enqueue(changed).catch((e: unknown) => e);
    expect(conflict instanceof OutboxError && conflict.code).toBe('OUTBOX_CONFLICT');
    const replaced = await box.enqueue(changed, { replace: true });
    expect(replaced.outcome).toBe('replaced');
    expect((await box.status(first!.out_request_no))?.notification.audit_result).toBe('REJECT');
    expect(await box.counts()).toMatchObject({ queued: 1 });
  });

  it('delivers every entry once to the receiver and records each attempt', async () => {
    receiver = await startReceiver(keys);
    const box = makeOutbox(openStore());
    const batch = notifications(keys.mchid, 12, 'ok');
    for (const n of batch) await box.enqueue(n);
    const delivered: string[] = [];
    box.on('delivered', ({ entry }) => delivered.push(entry.out_request_no));
    await box.run({ untilEmpty: true }).done;
    expect(await box.counts()).toEqual({ queued: 0, delivering: 0, delivered: 12, dead: 0 });
    expect([...receiver.handled].sort()).toEqual(batch.map((n) => n.out_request_no));
    expect(delivered.sort()).toEqual(batch.map((n) => n.out_request_no));
    const entry = await box.status(batch[3]!.out_request_no);
    expect(entry).toMatchObject({ state: 'delivered', attempts: [{ host: receiver.url, status: 200, verified: true }] });
    expect(entry?.deliveredAt).toBeDefined();
  });

  it('dead-letters a 400 PARAM_ERROR after one attempt, and delivers it once retried by hand', async () => {
    receiver = await startReceiver(keys);
    receiver.refuseWithParamError();
    const box = makeOutbox(openStore());
    const [n] = notifications(keys.mchid, 1, 'param');
    await box.enqueue(n!);
    const dead: string[] = [];
    box.on('deadLettered', ({ entry, attempt }) => dead.push(`${entry.out_request_no} ${attempt.errorCode}`));
    await box.run({ untilEmpty: true }).done;
    const entry = await box.status(n!.out_request_no);
    expect(entry).toMatchObject({ state: 'dead', lastError: { status: 400, errorCode: 'PARAM_ERROR', verified: false } });
    expect(entry?.attempts).toHaveLength(1);
    expect(receiver.arrivals).toHaveLength(1);
    expect(dead).toEqual([`${n!.out_request_no} PARAM_ERROR`]);

    const notDead = await box.retryDeadLetter('no-such-request').catch((e: unknown) => e);
    expect(notDead instanceof OutboxError && notDead.code).toBe('OUTBOX_NOT_FOUND');
    const stillDead = await box.enqueue(n!);
    expect(stillDead).toMatchObject({ outcome: 'exists', entry: { state: 'dead' } });
    receiver.acceptAgain();
    expect((await box.retryDeadLetter(n!.out_request_no)).state).toBe('queued');
    const notDeadNow = await box.retryDeadLetter(n!.out_request_no).catch((e: unknown) => e);
    expect(notDeadNow instanceof OutboxError && notDeadNow.code).toBe('OUTBOX_NOT_DEAD');
    await box.run({ untilEmpty: true }).done;
    const retried = await box.status(n!.out_request_no);
    expect(retried?.state).toBe('delivered');
    expect(retried?.attempts.map((a) => a.status)).toEqual([400, 200]);
  });

  it('backs off while the receiver is down, then delivers everything once it is back', async () => {
    receiver = await startReceiver(keys);
    await receiver.down();
    const box = makeOutbox(openStore());
    const batch = notifications(keys.mchid, 5, 'down');
    for (const n of batch) await box.enqueue(n);
    const failedOnce = new Set<string>();
    let back: () => void = () => undefined;
    const everyOneFailed = new Promise<void>((resolve) => {
      back = resolve;
    });
    box.on('failed', ({ entry, attempt, delayMs }) => {
      expect(attempt.errorCode).toBe('NETWORK_ERROR');
      expect(delayMs).toBeGreaterThan(0);
      failedOnce.add(entry.out_request_no);
      if (failedOnce.size === batch.length) back();
    });
    const run = box.run({ untilEmpty: true });
    await everyOneFailed;
    await receiver.up();
    await run.done;
    expect(await box.counts()).toEqual({ queued: 0, delivering: 0, delivered: 5, dead: 0 });
    expect([...receiver.handled].sort()).toEqual(batch.map((n) => n.out_request_no));
    for (const n of batch) {
      const entry = await box.status(n.out_request_no);
      expect(entry?.attempts[0]).toMatchObject({ errorCode: 'NETWORK_ERROR', verified: false });
      expect(entry?.attempts.at(-1)).toMatchObject({ status: 200, verified: true });
    }
  });
});

describe('outbox on redis: how an attempt is recorded', () => {
  it('sends each attempt ahead of the job’s move, on the connection that moves it, so Redis records it first', async () => {
    // The attempt's RPUSH is not awaited before BullMQ moves the job: what keeps it first is that both go on one
    // connection, whose commands Redis runs in order. redis-cli's MONITOR prints each command with its client.
    receiver = await startReceiver(keys);
    const monitor = spawn('redis-cli', ['-u', redis.url, 'monitor'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const seen: { client: string; command: string; line: string }[] = [];
    const lines = createInterface({ input: monitor.stdout });
    await new Promise<void>((resolve) => lines.once('line', () => resolve())); // "OK": monitoring
    lines.on('line', (line) => {
      const match = /^[\d.]+ \[\d+ ([^\]]+)\] "([^"]+)"/.exec(line);
      if (match) seen.push({ client: match[1] as string, command: (match[2] as string).toLowerCase(), line });
    });
    const box = makeOutbox(openStore());
    const batch = notifications(keys.mchid, 5, 'order');
    try {
      for (const n of batch) await box.enqueue(n);
      await box.run({ untilEmpty: true }).done;
      for (const n of batch) expect((await box.status(n.out_request_no))?.attempts).toHaveLength(1);
    } finally {
      const exited = new Promise((resolve) => monitor.once('exit', resolve));
      monitor.kill();
      await exited;
    }
    for (const n of batch) {
      const jobId = `${keys.mchid}~${n.out_request_no}`;
      const push = seen.findIndex((c) => c.command === 'rpush' && c.line.includes(`:outbox-attempts:${jobId}"`));
      // Inside the script that completes the job, Redis logs its commands as client "lua"; the script itself is
      // the last command before them from a real client.
      const completed = seen.findIndex((c) => c.client === 'lua' && c.command === 'zadd' && c.line.includes(':completed"') && c.line.endsWith(`"${jobId}"`));
      const script = seen.slice(0, completed).findLast((c) => c.client !== 'lua');
      expect(push, `no RPUSH of ${jobId}`).toBeGreaterThanOrEqual(0);
      expect(completed, `${jobId} completed before its attempt was pushed`).toBeGreaterThan(push);
      expect(script?.command).toMatch(/^eval/);
      expect(script?.client).toBe(seen[push]?.client);
    }
  });

  function openStore(): OutboxStore {
    return openRedisOutboxStore({ redis: redis.url, queueName: `order-${++storeNumber}` });
  }
});
