// Sender processes of the outbox as real child processes: three workers on one real redis-server sharing
// BullMQ's global limiter, a worker killed with SIGKILL in the middle of a delivery (on Redis, and the only
// process of an SQLite file restarted), all against a real Express receiver with an inbox.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateTestKeys, type TestKeys } from '@auditnotify/core/testing';
import { startRedisServer, type RedisServer } from '@auditnotify/conformance';
import { createOutbox, openOutboxStore, type Outbox } from '../src/index.js';
import { maxInWindow, notifications, startReceiver, type TestReceiver } from './helpers/receiver.js';
import { startWorker, stopWorker, type WorkerProcess } from './helpers/worker-process.js';

/**
 * 1 200 a minute, as 20 a second, so a run spans many windows of the limiter's duration; with a tolerance of
 * 250 ms for the time from a start to its arrival, which varies that much on a loaded machine.
 */
const RATE = { max: 20, durationMs: 1_000, toleranceMs: 250 };

let keys: TestKeys;
let redis: RedisServer;
let dir: string;
let receiver: TestReceiver | undefined;
let outbox: Outbox | undefined;
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  keys = generateTestKeys();
  redis = await startRedisServer();
  dir = mkdtempSync(join(tmpdir(), 'outbox-processes-'));
});
afterEach(async () => {
  await Promise.all(workers.splice(0).map(stopWorker));
  await outbox?.close();
  outbox = undefined;
  await receiver?.close();
  receiver = undefined;
});
afterAll(async () => {
  await redis.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** An outbox in the test process, to enqueue and to read the store the workers share. */
function localOutbox(store: string): Outbox {
  outbox = createOutbox({
    store: openOutboxStore(store),
    client: { mchid: keys.mchid, serialNo: keys.serialNo, privateKey: keys.handles.senderPrivateKey, wechatpayPublicKeys: keys.wechatpayPublicKeys },
  });
  return outbox;
}

function spawnWorker(name: string, store: string, leaseMs: number): WorkerProcess {
  const worker = startWorker(name, keys, { store, url: (receiver as TestReceiver).url, rate: RATE, leaseMs, concurrency: 2 });
  workers.push(worker);
  return worker;
}

const sortedIds = (batch: { out_request_no: string }[]): string[] => batch.map((n) => n.out_request_no).sort();
const deliveredBy = (worker: WorkerProcess): string[] => worker.lines.filter((l) => l.event === 'delivered').map((l) => l.out_request_no as string);

describe('three worker processes on one Redis', () => {
  it('deliver 300 notifications, each once, never more than the global limit in any window of its duration', async () => {
    receiver = await startReceiver(keys);
    const store = `${redis.url}/1`;
    const box = localOutbox(store);
    const batch = notifications(keys.mchid, 300, 'three');
    for (const n of batch) expect((await box.enqueue(n)).outcome).toBe('queued');

    const senders = ['sender-a', 'sender-b', 'sender-c'].map((name) => spawnWorker(name, store, 10_000));
    const codes = await Promise.all(senders.map((w) => w.exited));
    expect(codes, senders.map((w) => w.stderr()).join('\n')).toEqual([0, 0, 0]);

    expect(await box.counts()).toEqual({ queued: 0, delivering: 0, delivered: 300, dead: 0 });
    // Once on the wire (nobody crashed, so nothing was taken over) and once in the handler.
    expect(receiver.arrivals).toHaveLength(300);
    expect([...receiver.handled].sort()).toEqual(sortedIds(batch));
    // All three took part, and what each reported is what the receiver saw from it.
    for (const sender of senders) {
      expect(deliveredBy(sender).length).toBeGreaterThan(0);
      expect(deliveredBy(sender).sort()).toEqual(receiver.arrivals.filter((a) => a.userAgent === sender.name).map((a) => a.outRequestNo).sort());
    }
    expect(senders.flatMap(deliveredBy).sort()).toEqual(sortedIds(batch));
    // The pace is global: the receiver's own clock never sees more than max arrivals in any window of the limiter's duration.
    expect(maxInWindow(receiver.arrivals.map((a) => a.at), RATE.durationMs)).toBeLessThanOrEqual(RATE.max);
  });

  it('a worker killed with SIGKILL mid-delivery loses its lease: another worker delivers its entries, nothing is lost', async () => {
    receiver = await startReceiver(keys);
    const store = `${redis.url}/2`;
    const box = localOutbox(store);
    const batch = notifications(keys.mchid, 60, 'kill');
    for (const n of batch) await box.enqueue(n);
    const victimNo = batch[10]!.out_request_no;
    const held = receiver.hold(victimNo);

    const senders = ['sender-a', 'sender-b', 'sender-c'].map((name) => spawnWorker(name, store, 2_000));
    const arrival = await held.arrived;
    const victim = senders.find((w) => w.name === arrival.userAgent)!;
    victim.child.kill('SIGKILL');
    expect(await victim.exited).toBe('SIGKILL');
    // The receiver finishes the first copy now that its sender is gone (its answer goes nowhere): the inbox
    // remembers it, so the copy the outbox sends again is answered without running the handler twice.
    held.release();

    const survivors = senders.filter((w) => w !== victim);
    expect(await Promise.all(survivors.map((w) => w.exited))).toEqual([0, 0]);
    expect(await box.counts()).toEqual({ queued: 0, delivering: 0, delivered: 60, dead: 0 });
    expect([...receiver.handled].sort()).toEqual(sortedIds(batch));
    const copies = receiver.arrivals.filter((a) => a.outRequestNo === victimNo);
    expect(copies).toHaveLength(2);
    expect(copies[1]!.userAgent).not.toBe(victim.name);
    expect(survivors.flatMap(deliveredBy)).toContain(victimNo);
    const entry = await box.status(victimNo);
    expect(entry).toMatchObject({ state: 'delivered' });
    expect(entry?.attempts.at(-1)).toMatchObject({ status: 200, verified: true });
    // Whatever the victim had reported delivered plus what the survivors delivered is every entry.
    expect([...new Set([...deliveredBy(victim), ...survivors.flatMap(deliveredBy)])].sort()).toEqual(sortedIds(batch));
  });
});

describe('one worker process on an SQLite file', () => {
  it('killed with SIGKILL mid-delivery and started again: everything is delivered, each handled once', async () => {
    receiver = await startReceiver(keys);
    const store = `sqlite:${join(dir, 'restart.db')}`;
    const box = localOutbox(store);
    const batch = notifications(keys.mchid, 40, 'restart');
    for (const n of batch) await box.enqueue(n);
    const victimNo = batch[15]!.out_request_no;
    const held = receiver.hold(victimNo);

    const first = spawnWorker('sender-first', store, 1_500);
    await held.arrived;
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    held.release();
    const countsAtCrash = await box.counts();
    expect(countsAtCrash.delivering).toBeGreaterThan(0);
    expect(countsAtCrash.delivered).toBeLessThan(40);

    const second = spawnWorker('sender-second', store, 1_500);
    expect(await second.exited, second.stderr()).toBe(0);
    expect(await box.counts()).toEqual({ queued: 0, delivering: 0, delivered: 40, dead: 0 });
    expect([...receiver.handled].sort()).toEqual(sortedIds(batch));
    expect(receiver.arrivals.filter((a) => a.outRequestNo === victimNo).map((a) => a.userAgent)).toEqual(['sender-first', 'sender-second']);
    expect(deliveredBy(second)).toContain(victimNo);
    expect([...new Set([...deliveredBy(first), ...deliveredBy(second)])].sort()).toEqual(sortedIds(batch));
    expect(maxInWindow(receiver.arrivals.map((a) => a.at), RATE.durationMs)).toBeLessThanOrEqual(RATE.max);
  });
});
