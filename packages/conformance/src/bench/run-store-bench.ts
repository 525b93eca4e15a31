// The store benchmark: one adapter's plugin with the same receiver state (nonce store, rate limiter, inbox)
// kept in memory (the baseline), in an SQLite file and in Redis, in the same run, through the HTTP harness
// (each server in its own child process, autocannon over loopback). Every request is a different
// notification with a fresh nonce, so each one claims a nonce, takes a token, claims and completes an inbox
// record: the stores' whole write path.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateTestKeySet } from '@auditnotify/core';
import { startRedisServer } from '../start-redis-server.js';
import { CONNECTIONS, POOL, ROUNDS, SECONDS, WARMUP_SECONDS, buildServerModule, measure, presign, type Measured } from './run-http-bench.js';
import type { BenchKeys, StoreKind } from './types.js';
import { median } from './median.js';

/**
 * What the store benchmark of an adapter declares; its servers come from `bench/store-servers.ts`, which
 * exports a {@link StoreServerFactory} named `createBenchServer`.
 *
 * @example
 * ```ts
 * const options: StoreBenchOptions = { framework: 'Express 5', packageDir: 'express-plugin', benchDir };
 * ```
 */
export interface StoreBenchOptions {
  framework: string;
  packageDir: string;
  benchDir: string;
}

const GOALS: Record<Exclude<StoreKind, 'memory'>, number> = { sqlite: 0.95, redis: 0.9 };

/**
 * Where a store benchmark keeps one measurement's state, as {@link BenchKeys}' `store` names it: an SQLite
 * file `TAG.db` in `directory`, `REDIS_URL#TAG` (a key prefix of its own) on Redis, nothing for memory.
 *
 * @example
 * ```ts
 * const store = storeAddress('redis', { directory, redisUrl: redis.url, tag: 'r0' }); // 'redis://127.0.0.1:6380#r0'
 * ```
 */
export function storeAddress(kind: StoreKind, { directory, redisUrl, tag }: { directory: string; redisUrl: string; tag: string }): string | undefined {
  if (kind === 'sqlite') return join(directory, `${tag}.db`);
  if (kind === 'redis') return `${redisUrl}#${tag}`;
  return undefined;
}

/**
 * Runs the store benchmark, prints each round and the table with the ratios to the memory baseline, and
 * writes it into the `stores` section of docs/benchmarks.md. Starts its own `redis-server`.
 *
 * @example
 * ```ts
 * await runStoreBench({ framework: 'Express 5', packageDir: 'express-plugin', benchDir: dirname(fileURLToPath(import.meta.url)) });
 * ```
 */
export async function runStoreBench({ framework, packageDir, benchDir }: StoreBenchOptions): Promise<void> {
  const kinds: StoreKind[] = ['memory', 'sqlite', 'redis'];
  const keySet = generateTestKeySet();
  const serverModule = buildServerModule(benchDir, 'store-servers');
  const loadAtStart = loadavg()
    .map((load) => load.toFixed(2))
    .join(' / ');
  const pool = await presign(keySet, POOL, true);
  const directory = mkdtempSync(join(tmpdir(), 'auditnotify-store-bench-'));
  const redis = await startRedisServer();
  const results = new Map<StoreKind, Measured[]>(kinds.map((kind) => [kind, []]));
  try {
    for (let round = 0; round < ROUNDS; round += 1) {
      // The order turns each round, so a change of the machine's load does not always fall on the same store.
      for (const kind of kinds.map((_, i) => kinds[(i + round) % kinds.length] as StoreKind)) {
        // A fresh file or key prefix per measurement: every pre-signed request is new to the store.
        const store = storeAddress(kind, { directory, redisUrl: redis.url, tag: `r${round}` });
        const keys: BenchKeys = {
          ...(store === undefined ? {} : { store }),
          serialNo: keySet.serialNo,
          senderCertificatePem: keySet.sender.certificatePem,
          answerKeyId: keySet.wechatpayPublicKeyId,
          answerPrivateKeyPem: keySet.receiver.privateKeyPem,
        };
        const measured = await measure({ serverModule, kind, keys }, pool);
        results.get(kind)?.push(measured);
        console.log(`round ${round + 1} ${kind}: ${measured.rps.toFixed(0)} req/s, p99 ${measured.p99} ms, peak RSS ${(measured.rssKiB / 1024).toFixed(1)} MiB, non-2xx/errors ${measured.bad}`);
      }
    }
  } finally {
    await redis.stop();
    rmSync(directory, { recursive: true, force: true });
  }

  const of = (kind: StoreKind, key: keyof Measured): number[] => (results.get(kind) ?? []).map((item) => item[key]);
  // Each store against memory in the same round, then the median of the rounds: a round the machine slowed
  // down weighs no more than any other.
  const ratios = (kind: StoreKind): number[] => of(kind, 'rps').map((rps, round) => rps / (of('memory', 'rps')[round] as number));
  const rows = kinds.map((kind) => {
    const ratio =
      kind === 'memory'
        ? '1.00× (baseline) |'
        : `**${median(ratios(kind)).toFixed(2)}×** (goal ≥ ${GOALS[kind].toFixed(2)}×) | ${ratios(kind)
            .map((r) => r.toFixed(2))
            .join(', ')}`;
    return `| ${kind} | ${median(of(kind, 'rps')).toFixed(0)} | ${ratio} | ${median(of(kind, 'p99')).toFixed(1)} | ${(median(of(kind, 'rssKiB')) / 1024).toFixed(1)} | ${Math.max(...of(kind, 'bad'))} |`;
  });
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const overrides = ['BENCH_ROUNDS', 'BENCH_SECONDS', 'BENCH_POOL']
    .filter((name) => process.env[name] !== undefined)
    .map((name) => `${name}=${process.env[name]} `)
    .join('');
  const section = [
    '<!-- stores -->',
    `## Receiver state: memory, SQLite and Redis stores (${framework} plugin)`,
    '',
    `\`cd packages/${packageDir} && ${overrides}npm run bench:stores\` — ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} CPUs (\`nproc\`), ${cpu}; load average ${loadAtStart} when it started.`,
    `autocannon, ${CONNECTIONS} connections, ${WARMUP_SECONDS} s warm-up + ${SECONDS} s per server, ${ROUNDS} rounds in a turning order (medians shown; the ratio is the median of each round's ratio to memory), loopback; each server in its own child process; Redis is a local \`redis-server\` started by the benchmark. Every request is a different notification with a fresh nonce: a nonce claim, a rate-limit token, an inbox claim and its completion per request.`,
    '',
    '| store | req/s | vs memory | rounds (ratio) | p99 latency (ms) | peak RSS (MiB) | non-2xx / errors (most in a round) |',
    '|---|---:|---:|---|---:|---:|---:|',
    ...rows,
    '<!-- /stores -->',
  ].join('\n');
  console.log(`\n${section}\n`);
  const file = join(benchDir, '..', '..', '..', 'docs', 'benchmarks.md');
  let text = readFileSync(file, 'utf8');
  const pattern = /<!-- stores -->[\s\S]*<!-- \/stores -->/;
  text = pattern.test(text) ? text.replace(pattern, section) : `${text.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, text);
  console.log('written to docs/benchmarks.md');
}
