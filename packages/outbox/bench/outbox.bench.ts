// Outbox benchmark: delivery throughput of the outbox (SQLite and BullMQ on Redis) against direct
// client.send to the same local receiver, no rate limit, the same number in flight, measured in the same run
// and interleaved round by round; then pacing accuracy at a configured limit (achieved starts a minute over
// configured). The receiver runs in its own process; redis-server is started here (--save '' --appendonly no).
//   npm run bench            (from packages/outbox; builds first)
//   BENCH_ROUNDS=5 BENCH_N=600 BENCH_PACE_N=100 BENCH_PACE_PER_MINUTE=1200 npm run bench
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Redis } from 'ioredis';
import { createClient, NOTIFY_PATH } from '@auditnotify/core';
import { generateTestKeys } from '@auditnotify/core/testing';
import { startRedisServer } from '@auditnotify/conformance';
import { median } from '@auditnotify/conformance/bench';
import { createOutbox, openRedisOutboxStore, openSqliteOutboxStore, type OutboxRate, type OutboxStore } from '../src/index.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const N = Number(process.env.BENCH_N ?? 300);
const PACE_N = Number(process.env.BENCH_PACE_N ?? 200);
const CONCURRENCY = 4;
const PACE_RATE = { perMinute: Number(process.env.BENCH_PACE_PER_MINUTE ?? 1_200) };

const keys = generateTestKeys();
const clientOptions = { mchid: keys.mchid, serialNo: keys.serialNo, privateKey: keys.handles.senderPrivateKey, wechatpayPublicKeys: keys.wechatpayPublicKeys };
const dir = mkdtempSync(join(tmpdir(), 'outbox-bench-'));
const load = loadavg().map((n) => n.toFixed(2)).join(' / ');

const receiverChild = spawn(process.execPath, ['--import', 'tsx', new URL('./receiver-process.ts', import.meta.url).pathname], {
  env: {
    ...process.env,
    RECEIVER_SETTINGS: JSON.stringify({ mchid: keys.mchid, serialNo: keys.serialNo, senderCertificatePem: keys.sender.certificatePem, answerKeyId: keys.wechatpayPublicKeyId, answerKeyPem: keys.receiver.privateKeyPem }),
  },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const port = await new Promise<string>((resolve, reject) => {
  receiverChild.once('exit', (code) => reject(new Error(`the receiver exited (${String(code)}) before listening`)));
  createInterface({ input: receiverChild.stdout }).on('line', (line) => {
    const match = /^listening (\d+)$/.exec(line);
    if (match) resolve(match[1] as string);
  });
});
const url = `http://127.0.0.1:${port}${NOTIFY_PATH}`;
const redis = await startRedisServer();
const redisInfo = new Redis(redis.url);

/** CPU µs of the three processes that share the machine: this sender, the receiver and redis-server. */
interface CpuPerDelivery {
  sender: number;
  receiver: number;
  redis: number;
}
/** CPU time of a child process in µs, from /proc (user + system clock ticks, 100 a second on Linux). */
const childCpuUs = (pid: number): number => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
};
const redisCpuUs = async (): Promise<number> => {
  const info = await redisInfo.info('cpu');
  const seconds = (name: string): number => Number(new RegExp(`${name}:([\\d.]+)`).exec(info)?.[1] ?? Number.NaN);
  return (seconds('used_cpu_user') + seconds('used_cpu_sys')) * 1e6;
};
/** Starts counting; the function it returns gives each process's CPU per delivery for `n` deliveries. */
async function meterCpu(): Promise<(n: number) => Promise<CpuPerDelivery>> {
  const sender = process.cpuUsage();
  const receiver = childCpuUs(receiverChild.pid as number);
  const redisAt = await redisCpuUs();
  return async (n) => {
    const used = process.cpuUsage(sender);
    return { sender: (used.user + used.system) / n, receiver: (childCpuUs(receiverChild.pid as number) - receiver) / n, redis: ((await redisCpuUs()) - redisAt) / n };
  };
}

let batchNumber = 0;
const batch = (n: number): { out_request_no: string; mchid: string; audit_result: 'PASS' }[] => {
  const prefix = `b${++batchNumber}`;
  return Array.from({ length: n }, (_, i) => ({ out_request_no: `${prefix}-${i}`, mchid: keys.mchid, audit_result: 'PASS' as const }));
};

/** Direct client.send, CONCURRENCY in flight: notifications a second, and a CPU-second of this process. */
async function direct(n: number): Promise<{ perSecond: number; perCpuSecond: number; cpuPerDelivery: CpuPerDelivery }> {
  const client = createClient({ ...clientOptions, retry: { attempts: 1 }, rateLimit: false });
  const items = batch(n);
  let next = 0;
  const meter = await meterCpu();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < items.length) await client.send(items[next++]!, { url });
    }),
  );
  const perSecond = n / ((performance.now() - started) / 1000);
  const cpuPerDelivery = await meter(n);
  return { perSecond, perCpuSecond: 1e6 / cpuPerDelivery.sender, cpuPerDelivery };
}

const stores: Record<'sqlite' | 'redis', () => OutboxStore> = {
  sqlite: () => openSqliteOutboxStore({ path: join(dir, `bench-${++batchNumber}.db`) }),
  redis: () => openRedisOutboxStore({ redis: redis.url, queueName: `bench-${++batchNumber}` }),
};

/** Enqueue n, then deliver them all: enqueues a second, deliveries a second, attempt start times. */
async function viaOutbox(kind: keyof typeof stores, n: number, rate: OutboxRate): Promise<{ enqueuePerSecond: number; deliverPerSecond: number; deliverPerCpuSecond: number; cpuPerDelivery: CpuPerDelivery; starts: number[] }> {
  const outbox = createOutbox({ store: stores[kind](), client: clientOptions, url, rate, concurrency: CONCURRENCY });
  const items = batch(n);
  const starts: number[] = [];
  outbox.on('delivered', ({ attempt }) => starts.push(Date.parse(attempt.at)));
  const t0 = performance.now();
  for (const item of items) await outbox.enqueue(item);
  const meter = await meterCpu();
  const t1 = performance.now();
  await outbox.run({ untilEmpty: true }).done;
  const t2 = performance.now();
  const cpuPerDelivery = await meter(n);
  const counts = await outbox.counts();
  await outbox.close();
  if (counts.delivered !== n) throw new Error(`${kind}: ${counts.delivered} of ${n} delivered (${JSON.stringify(counts)})`);
  return { enqueuePerSecond: n / ((t1 - t0) / 1000), deliverPerSecond: n / ((t2 - t1) / 1000), deliverPerCpuSecond: 1e6 / cpuPerDelivery.sender, cpuPerDelivery, starts: starts.sort((a, b) => a - b) };
}

const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

try {
  // Warm-up: connections, JIT, the receiver's first requests.
  await direct(40);
  await viaOutbox('sqlite', 40, false);
  await viaOutbox('redis', 40, false);

  const rows = {
    direct: [] as number[],
    sqlite: [] as number[],
    redis: [] as number[],
    sqliteEnqueue: [] as number[],
    redisEnqueue: [] as number[],
    sqliteRatio: [] as number[],
    redisRatio: [] as number[],
    directCpu: [] as number[],
    sqliteCpu: [] as number[],
    redisCpu: [] as number[],
    sqliteCpuRatio: [] as number[],
    redisCpuRatio: [] as number[],
    cpuPerDelivery: { direct: [] as CpuPerDelivery[], sqlite: [] as CpuPerDelivery[], redis: [] as CpuPerDelivery[] },
  };
  for (let round = 0; round < ROUNDS; round++) {
    // The order turns each round, so a change of the machine's load does not always fall on the same one.
    const order = [0, 1, 2].map((i) => (i + round) % 3);
    const none: CpuPerDelivery = { sender: 0, receiver: 0, redis: 0 };
    let baseRun = { perSecond: 0, perCpuSecond: 0, cpuPerDelivery: none };
    let sqlite = { enqueuePerSecond: 0, deliverPerSecond: 0, deliverPerCpuSecond: 0, cpuPerDelivery: none };
    let redisRun = { enqueuePerSecond: 0, deliverPerSecond: 0, deliverPerCpuSecond: 0, cpuPerDelivery: none };
    for (const which of order) {
      if (which === 0) baseRun = await direct(N);
      else if (which === 1) sqlite = await viaOutbox('sqlite', N, false);
      else redisRun = await viaOutbox('redis', N, false);
    }
    const base = baseRun.perSecond;
    rows.direct.push(base);
    rows.directCpu.push(baseRun.perCpuSecond);
    rows.sqliteCpu.push(sqlite.deliverPerCpuSecond);
    rows.redisCpu.push(redisRun.deliverPerCpuSecond);
    rows.sqliteCpuRatio.push(sqlite.deliverPerCpuSecond / baseRun.perCpuSecond);
    rows.redisCpuRatio.push(redisRun.deliverPerCpuSecond / baseRun.perCpuSecond);
    rows.sqlite.push(sqlite.deliverPerSecond);
    rows.redis.push(redisRun.deliverPerSecond);
    rows.sqliteEnqueue.push(sqlite.enqueuePerSecond);
    rows.redisEnqueue.push(redisRun.enqueuePerSecond);
    rows.sqliteRatio.push(sqlite.deliverPerSecond / base);
    rows.redisRatio.push(redisRun.deliverPerSecond / base);
    rows.cpuPerDelivery.direct.push(baseRun.cpuPerDelivery);
    rows.cpuPerDelivery.sqlite.push(sqlite.cpuPerDelivery);
    rows.cpuPerDelivery.redis.push(redisRun.cpuPerDelivery);
    console.error(`round ${round + 1} (cpu ratios ${fmt(sqlite.deliverPerCpuSecond / baseRun.perCpuSecond, 2)}, ${fmt(redisRun.deliverPerCpuSecond / baseRun.perCpuSecond, 2)}): direct ${fmt(base)}/s, sqlite ${fmt(sqlite.deliverPerSecond)}/s (${fmt(sqlite.deliverPerSecond / base, 2)}×), redis ${fmt(redisRun.deliverPerSecond)}/s (${fmt(redisRun.deliverPerSecond / base, 2)}×)`);
  }

  const pace: string[] = [];
  for (const kind of ['sqlite', 'redis'] as const) {
    const { starts } = await viaOutbox(kind, PACE_N, PACE_RATE);
    const perMinute = ((starts.length - 1) / (((starts.at(-1) as number) - (starts[0] as number)) / 60_000));
    pace.push(`| ${kind} | ${PACE_RATE.perMinute}/min | ${fmt(perMinute, 1)}/min | **${fmt(perMinute / PACE_RATE.perMinute, 3)}×** | ${fmt(((perMinute - PACE_RATE.perMinute) / PACE_RATE.perMinute) * 100, 2)}% |`);
  }

  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  console.log(`\`cd packages/outbox && BENCH_ROUNDS=${ROUNDS} BENCH_N=${N} BENCH_PACE_N=${PACE_N} BENCH_PACE_PER_MINUTE=${PACE_RATE.perMinute} npm run bench\` — ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} CPUs, ${cpu}; load average ${load} when it started.`);
  console.log(`${N} notifications per measurement, ${CONCURRENCY} in flight, no rate limit, ${ROUNDS} rounds interleaved in a turning order (medians shown); the receiver (@auditnotify/express, memory inbox) in its own process on 127.0.0.1; a local redis-server.`);
  console.log('');
  console.log('| sender | deliveries/s | vs direct client.send | rounds (ratio) | deliveries per CPU-second of the sender | vs direct | enqueues/s (before delivery) |');
  console.log('|---|---:|---:|---|---:|---:|---:|');
  console.log(`| direct \`client.send\` | ${fmt(median(rows.direct))} | 1.00× (baseline) | | ${fmt(median(rows.directCpu))} | 1.00× | |`);
  console.log(`| outbox, SQLite | ${fmt(median(rows.sqlite))} | **${fmt(median(rows.sqliteRatio), 2)}×** (goal ≥ 0.90×) | ${rows.sqliteRatio.map((r) => fmt(r, 2)).join(', ')} | ${fmt(median(rows.sqliteCpu))} | ${fmt(median(rows.sqliteCpuRatio), 2)}× | ${fmt(median(rows.sqliteEnqueue))} |`);
  console.log(`| outbox, Redis (BullMQ) | ${fmt(median(rows.redis))} | **${fmt(median(rows.redisRatio), 2)}×** (goal ≥ 0.90×) | ${rows.redisRatio.map((r) => fmt(r, 2)).join(', ')} | ${fmt(median(rows.redisCpu))} | ${fmt(median(rows.redisCpuRatio), 2)}× | ${fmt(median(rows.redisEnqueue))} |`);
  console.log('');
  console.log('Where the CPU goes: µs of CPU per delivery in each process on the machine (medians of the rounds; the receiver from /proc in clock ticks, redis-server from INFO cpu).');
  console.log('');
  console.log('| sender | sender process | receiver process | redis-server | all three |');
  console.log('|---|---:|---:|---:|---:|');
  for (const [label, runs] of [['direct `client.send`', rows.cpuPerDelivery.direct], ['outbox, SQLite', rows.cpuPerDelivery.sqlite], ['outbox, Redis (BullMQ)', rows.cpuPerDelivery.redis]] as const) {
    const part = (pick: (c: CpuPerDelivery) => number): string => fmt(median(runs.map(pick)));
    console.log(`| ${label} | ${part((c) => c.sender)} | ${part((c) => c.receiver)} | ${part((c) => c.redis)} | ${part((c) => c.sender + c.receiver + c.redis)} |`);
  }
  console.log('');
  console.log(`Pacing: ${PACE_N} deliveries at the configured limit; the achieved rate is (starts − 1) over the time from the first start to the last (attempt start times as recorded by the outbox). The pace keeps the default 1% tolerance in reserve (src/pace.ts), so 0.990× is the design.`);
  console.log('');
  console.log('| store | configured | achieved | achieved / configured (goal within 2%) | off by |');
  console.log('|---|---:|---:|---:|---:|');
  for (const row of pace) console.log(row);
} finally {
  redisInfo.disconnect();
  await redis.stop();
  receiverChild.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
