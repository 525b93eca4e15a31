// Idle SQLite workers in one process are woken by what happens in it (an entry settled, an entry enqueued,
// stop()) instead of waiting for their next poll: the poll here is a minute, so each step below would stall
// for that minute (past the test's timeout) if a worker only looked again on its timer.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { generateTestKeys, type TestKeys } from '@auditnotify/core/testing';
import { createOutbox, openSqliteOutboxStore, type Outbox } from '../src/index.js';
import { notifications, startReceiver, type TestReceiver } from './helpers/receiver.js';

let keys: TestKeys;
let dir: string;
let receiver: TestReceiver;
let outbox: Outbox;

beforeAll(async () => {
  keys = generateTestKeys();
  dir = mkdtempSync(join(tmpdir(), 'outbox-wake-'));
  receiver = await startReceiver(keys);
});
afterEach(() => outbox.close());
afterAll(async () => {
  await receiver.close();
  rmSync(dir, { recursive: true, force: true });
});

function makeOutbox(name: string): Outbox {
  outbox = createOutbox({
    store: openSqliteOutboxStore({ path: join(dir, `${name}.db`), pollMs: 60_000 }),
    client: { mchid: keys.mchid, serialNo: keys.serialNo, privateKey: keys.handles.senderPrivateKey, wechatpayPublicKeys: keys.wechatpayPublicKeys },
    url: receiver.url,
    rate: false,
    concurrency: 4,
  });
  return outbox;
}

it('ends an untilEmpty run when the last entry settles, though three workers had nothing to do', { timeout: 10_000 }, async () => {
  const box = makeOutbox('until-empty');
  await box.enqueue(notifications(keys.mchid, 1, 'wake-last')[0]!);
  await box.run({ untilEmpty: true }).done;
  expect(await box.counts()).toMatchObject({ delivered: 1, queued: 0, delivering: 0 });
});

it('delivers an entry enqueued in the same process while the workers are idle, and stops at once', { timeout: 10_000 }, async () => {
  const box = makeOutbox('enqueue');
  const consumer = box.run();
  const delivered = once(box, 'delivered');
  await box.enqueue(notifications(keys.mchid, 1, 'wake-new')[0]!);
  const [{ entry }] = (await delivered) as [{ entry: { out_request_no: string } }];
  expect(entry.out_request_no).toBe('wake-new-0000');
  await consumer.stop();
  expect(await box.counts()).toMatchObject({ delivered: 1 });
});
