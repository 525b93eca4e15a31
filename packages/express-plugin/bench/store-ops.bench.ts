// Store operations in-process: the CPU one request's state costs the receiving process, with no HTTP and no
// crypto, for the memory stores (the baseline, measured in the same run), SQLite and Redis. It shows where the
// store benchmark's (stores.bench.ts) gap comes from: a request is one admission (nonce, token, inbox claim)
// and one completion, each one SQLite commit or one Redis round trip when requests do not overlap.
//   npm run bench:store-ops     (from packages/express-plugin; prints only)
//
// Method: CPU time of this process (process.cpuUsage, user + system) per request over BENCH_N requests, each a
// new notification, with 1 and with 4 requests in flight (4: their operations share SQLite commits); the stores
// are measured in a turning order for BENCH_ROUNDS rounds and the medians shown. redis-server's own CPU is not
// counted: it runs in its own process. Each round also measures the floor under any Redis client: one PING
// written to a bare socket and its reply awaited, the least CPU a round trip over loopback costs this process.
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { admissionOf, type ReceiverStores } from '@auditnotify/core';
import { median, storeAddress, type StoreKind } from '@auditnotify/conformance/bench';
import { startRedisServer } from '@auditnotify/conformance';
import { storesFor } from './store-servers.js';

const N = Number(process.env.BENCH_N ?? 4_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WARMUP = 300;
const IN_FLIGHT = [1, 4];
const KINDS: StoreKind[] = ['memory', 'sqlite', 'redis'];

/** CPU microseconds of this process (user + system) that `work` costs, divided over its `count` operations. */
async function cpuPer(count: number, work: () => Promise<unknown>): Promise<number> {
  const started = process.cpuUsage();
  await work();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / count;
}

/** CPU microseconds per request of `stores`, `inFlight` requests at a time. */
async function cpuPerRequest(stores: ReceiverStores, inFlight: number, tag: string): Promise<number> {
  const admit = admissionOf(stores.nonceStore, stores.rateLimiter, stores.inbox);
  let next = 0;
  const one = async (): Promise<void> => {
    const index = next++;
    const key = { mchid: '1900000109', outRequestNo: `${tag}-${index}` };
    const outcome = await admit({ nonceKey: `${tag}-${index}`, nonceTtlSeconds: 300, rate: { key: '1900000109' }, inbox: { key, fieldsHash: 'f'.repeat(64), leaseSeconds: 30 } });
    const claim = outcome.nonce === 'fresh' ? outcome.inbox : undefined;
    if (claim?.state !== 'claimed') throw new Error(`request ${index} was not claimed: ${JSON.stringify(outcome)}`);
    if (!(await stores.inbox?.complete(key, claim.token, { ret_msg: 'SUCC' }))) throw new Error(`request ${index} was not completed`);
  };
  while (next < WARMUP) await one();
  const end = WARMUP + N;
  return cpuPer(N, () => Promise.all(Array.from({ length: inFlight }, async () => {
    while (next < end) await one();
  })));
}

/** CPU microseconds of one bare round trip to redis-server (PING, +PONG), no client library in between. */
async function socketRoundTrip(redisUrl: string): Promise<number> {
  const { hostname, port } = new URL(redisUrl);
  const socket = connect(Number(port), hostname);
  socket.setNoDelay(true);
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let replied: (() => void) | undefined;
  socket.on('data', () => replied?.());
  const ping = (): Promise<void> => new Promise((resolve) => {
    replied = resolve;
    socket.write('*1\r\n$4\r\nPING\r\n');
  });
  try {
    for (let i = 0; i < WARMUP; i += 1) await ping();
    return await cpuPer(N, async () => {
      for (let i = 0; i < N; i += 1) await ping();
    });
  } finally {
    socket.destroy();
  }
}

const directory = mkdtempSync(join(tmpdir(), 'auditnotify-store-ops-'));
const redis = await startRedisServer();
const results = new Map<string, number[]>();
/** Adds one round's figure to those of `label`. */
const record = (label: string, micros: number): void => void results.set(label, [...(results.get(label) ?? []), micros]);
try {
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const kind of KINDS.map((_, i) => KINDS[(i + round) % KINDS.length] as StoreKind)) {
      for (const inFlight of IN_FLIGHT) {
        const tag = `r${round}-${inFlight}`;
        const stores = storesFor(kind, storeAddress(kind, { directory, redisUrl: redis.url, tag }));
        try {
          const micros = await cpuPerRequest(stores, inFlight, tag);
          record(`${kind}@${inFlight}`, micros);
          console.log(`round ${round + 1} ${kind}, ${inFlight} in flight: ${micros.toFixed(1)} µs CPU per request`);
        } finally {
          await stores.close();
        }
      }
    }
    const floor = await socketRoundTrip(redis.url);
    record('socket', floor);
    console.log(`round ${round + 1} bare socket round trip to redis-server: ${floor.toFixed(1)} µs CPU`);
  }
} finally {
  await redis.stop();
  rmSync(directory, { recursive: true, force: true });
}

const at = (label: string): number => median(results.get(label) ?? []);
console.log(`\n\`cd packages/express-plugin && npm run bench:store-ops\` — ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} CPUs, ${cpus()[0]?.model ?? 'unknown CPU'}; ${N} requests per measurement, medians of ${ROUNDS} rounds.\n`);
console.log('| store | in flight | CPU per request (µs) | more than memory (µs) |');
console.log('|---|---:|---:|---:|');
for (const kind of KINDS) {
  for (const inFlight of IN_FLIGHT) {
    const own = at(`${kind}@${inFlight}`);
    const extra = kind === 'memory' ? 'baseline' : `+${(own - at(`memory@${inFlight}`)).toFixed(1)}`;
    console.log(`| ${kind} | ${inFlight} | ${own.toFixed(1)} | ${extra} |`);
  }
}
console.log(`\nFloor: one bare loopback round trip to redis-server (PING on a socket, no client library) costs ${at('socket').toFixed(1)} µs of CPU in this process; a request with Redis stores makes two.`);
