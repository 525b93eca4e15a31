// Three receiver processes on one real redis-server: a replay sent to another instance is refused, the
// 200/min limit holds across all three, and a notification whose instance was killed (SIGKILL) inside its
// handler is processed exactly once by the sender's retry on another instance.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NOTIFY_PATH } from '@auditnotify/core';
import { createTestRequest, generateTestKeys, type TestKeys } from '@auditnotify/core/testing';
import { startRedisServer, type RedisServer } from '@auditnotify/conformance';

const FIXTURE = new URL('./fixtures/receiver-process.ts', import.meta.url).pathname;

interface Instance {
  child: ChildProcessWithoutNullStreams;
  origin: string;
  lines: Record<string, unknown>[];
  /** Resolves with the first stdout line matching `event`. */
  waitFor(event: string): Promise<Record<string, unknown>>;
  exited: Promise<void>;
}

let redis: RedisServer;
let keys: TestKeys;
const running: Instance[] = [];

beforeAll(async () => {
  redis = await startRedisServer();
  keys = generateTestKeys();
});
afterEach(async () => {
  for (const instance of running.splice(0)) {
    if (instance.child.exitCode === null && instance.child.signalCode === null) instance.child.kill('SIGTERM');
    await instance.exited;
  }
});
afterAll(() => redis.stop());

async function startInstance(prefix: string, extra: { frozenNow?: number; leaseSeconds?: number; hang?: boolean } = {}): Promise<Instance> {
  const settings = {
    redisUrl: redis.url,
    prefix,
    senderSerial: keys.serialNo,
    senderCertificatePem: keys.sender.certificatePem,
    answerKeyId: keys.wechatpayPublicKeyId,
    answerKeyPem: keys.receiver.privateKeyPem,
    ...extra,
  };
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE], { env: { ...process.env, RECEIVER_SETTINGS: JSON.stringify(settings) } });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => void (stderr += chunk));
  const lines: Record<string, unknown>[] = [];
  const waiters: { event: string; resolve: (line: Record<string, unknown>) => void }[] = [];
  const reader = createInterface({ input: child.stdout });
  const origin = await new Promise<string>((resolve, reject) => {
    child.once('exit', () => reject(new Error(`receiver process exited before listening:\n${stderr}`)));
    reader.on('line', (line) => {
      const port = /^listening (\d+)$/.exec(line);
      if (port) return resolve(`http://127.0.0.1:${port[1]}`);
      const parsed = JSON.parse(line) as Record<string, unknown>;
      lines.push(parsed);
      for (const waiter of waiters.filter((w) => w.event === parsed.event)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(parsed);
      }
    });
  });
  const instance: Instance = {
    child,
    origin,
    lines,
    exited,
    waitFor: (event) => {
      const seen = lines.find((line) => line.event === event);
      return seen ? Promise.resolve(seen) : new Promise((resolve) => waiters.push({ event, resolve }));
    },
  };
  running.push(instance);
  return instance;
}

const body = (outRequestNo: string): string => JSON.stringify({ out_request_no: outRequestNo, mchid: keys.mchid, audit_result: 'PASS' });

async function signed(text: string, timestamp: number, nonce?: string) {
  return createTestRequest({ keys, body: text, url: NOTIFY_PATH, timestamp, ...(nonce === undefined ? {} : { nonce }) });
}

async function deliver(origin: string, request: Awaited<ReturnType<typeof signed>>): Promise<{ status: number; reason: unknown; retryAfter: string | null }> {
  const response = await fetch(origin + request.url, { method: request.method, headers: request.headers as Record<string, string>, body: request.body });
  const answer = (await response.json()) as { detail?: { reason?: unknown } };
  return { status: response.status, reason: answer.detail?.reason, retryAfter: response.headers.get('retry-after') };
}

describe('three receiver processes on one Redis', () => {
  it('refuses on another instance a replay of a request one instance accepted; the 201st request answers 429 on every instance', async () => {
    const now = Math.floor(Date.now() / 1000);
    const prefix = `t-${randomUUID()}`;
    // A frozen clock: the bucket does not refill while the 200 requests are sent, whatever the machine's speed.
    const instances = await Promise.all([0, 1, 2].map(() => startInstance(prefix, { frozenNow: now })));
    const first = await signed(body('R-replay'), now);
    expect((await deliver(instances[0]!.origin, first)).status).toBe(200);
    expect(await deliver(instances[1]!.origin, first)).toMatchObject({ status: 401, reason: 'NONCE_REPLAYED' });
    expect(await deliver(instances[2]!.origin, first)).toMatchObject({ status: 401, reason: 'NONCE_REPLAYED' });

    for (let i = 1; i < 200; i++) {
      expect((await deliver(instances[i % 3]!.origin, await signed(body(`R-rate-${i}`), now))).status).toBe(200);
    }
    for (const instance of instances) {
      expect(await deliver(instance.origin, await signed(body('R-rate-over'), now))).toMatchObject({ status: 429, reason: 'RATE_LIMITED', retryAfter: '1' });
    }
    const handled = instances.flatMap((instance) => instance.lines.filter((line) => line.event === 'handled'));
    expect(handled).toHaveLength(200);
    expect(instances.every((instance) => instance.lines.some((line) => line.event === 'handled'))).toBe(true);
  }, 300_000);

  it('runs the handler once for twenty concurrent deliveries of one notification spread over the three', async () => {
    const prefix = `t-${randomUUID()}`;
    const instances = await Promise.all([0, 1, 2].map(() => startInstance(prefix)));
    const now = Math.floor(Date.now() / 1000);
    const requests = await Promise.all(Array.from({ length: 20 }, () => signed(body('R-concurrent'), now)));
    const answers = await Promise.all(requests.map((request, i) => deliver(instances[i % 3]!.origin, request)));
    for (const answer of answers) {
      expect(answer.status === 200 || (answer.status === 503 && answer.reason === 'NOTIFICATION_IN_PROGRESS'), JSON.stringify(answer)).toBe(true);
    }
    expect(answers.some((answer) => answer.status === 200)).toBe(true);
    const handled = instances.flatMap((instance) => instance.lines.filter((line) => line.event === 'handled'));
    expect(handled).toHaveLength(1);
  }, 120_000);

  it('processes exactly once a notification whose instance was killed inside its handler, on the retry to another instance', async () => {
    const prefix = `t-${randomUUID()}`;
    const lease = { leaseSeconds: 2 };
    const doomed = await startInstance(prefix, { ...lease, hang: true });
    const others = await Promise.all([startInstance(prefix, lease), startInstance(prefix, lease)]);
    const text = body('R-killed');

    const lost = deliver(doomed.origin, await signed(text, Math.floor(Date.now() / 1000))).catch((error: unknown) => error);
    await doomed.waitFor('hanging');
    doomed.child.kill('SIGKILL');
    await doomed.exited;
    expect(await lost).toBeInstanceOf(Error); // the sender saw no answer, so it retries

    // The sender's retries, each signed afresh and honouring Retry-After, to the other instances in turn.
    const answers: { status: number; reason: unknown }[] = [];
    for (let attempt = 0; attempt < 20; attempt++) {
      const answer = await deliver(others[attempt % 2]!.origin, await signed(text, Math.floor(Date.now() / 1000)));
      answers.push(answer);
      if (answer.status === 200) break;
      expect(answer).toMatchObject({ status: 503, reason: 'NOTIFICATION_IN_PROGRESS' });
      await delay(Number(answer.retryAfter) * 1000);
    }
    expect(answers.at(-1)?.status).toBe(200);
    // Later deliveries, to either instance, answer from the record.
    for (const instance of others) expect((await deliver(instance.origin, await signed(text, Math.floor(Date.now() / 1000)))).status).toBe(200);
    const handled = others.flatMap((instance) => instance.lines.filter((line) => line.event === 'handled' && line.outRequestNo === 'R-killed'));
    expect(handled).toHaveLength(1);
  }, 120_000);
});
