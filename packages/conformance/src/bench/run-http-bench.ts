// The HTTP benchmark harness shared by the adapters: the adapter's servers (bare app, hand-written route,
// plugin) each run in their own child process (its peak RSS is that process's maxRSS); autocannon drives them
// over loopback. Requests are valid and distinct: a pool of pre-signed requests, each sent once, so the
// plugin's real nonce store sees no replay.
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import ts from 'typescript';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon, { type Result } from 'autocannon';
import { NOTIFY_PATH, generateTestKeySet, loadPrivateKey, signRequest } from '@auditnotify/core';
import { median } from './median.js';
import type { BenchKeys, ServerKind, ServerStart } from './types.js';

/**
 * What one adapter's benchmark declares; the servers themselves come from `bench/servers.ts` next to the
 * benchmark, which exports a {@link BenchServerFactory} named `createBenchServer`.
 *
 * @example
 * ```ts
 * const options: HttpBenchOptions = {
 *   framework: 'Koa 3', pluginName: '@auditnotify/koa', section: 'koa', packageDir: 'koa-plugin',
 *   benchDir: dirname(fileURLToPath(import.meta.url)),
 * };
 * ```
 */
export interface HttpBenchOptions {
  /** Framework name and major version, as shown in the table (`'Express 5'`). */
  framework: string;
  /** The adapter's package name, the label of its row. */
  pluginName: string;
  /** The marker of the adapter's section in docs/benchmarks-http.md (`'express'`). */
  section: string;
  /** The adapter's folder under packages/, for the command line shown above the table. */
  packageDir: string;
  /** The adapter's bench/ folder, holding servers.ts; its package's dist/ holds the built adapter. */
  benchDir: string;
  /**
   * Row labels for servers that are not what the kind's default label says (the fetch handler's benchmark
   * puts the Express plugin in the baseline's place). The summary line names the baseline by its label.
   */
  labels?: Partial<Record<ServerKind, string>>;
}

export type Signed = { headers: Record<string, string>; body: string };

export interface Measured {
  rps: number;
  p99: number;
  rssKiB: number;
  bad: number;
}

export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
export const WARMUP_SECONDS = 1;
export const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
export const CONNECTIONS = 10;
export const POOL = Number(process.env.BENCH_POOL ?? 25_000);

const serverProcess = join(dirname(fileURLToPath(import.meta.url)), 'server-process.js');

/** Valid requests with fresh nonces; with `distinct`, each a different notification (its own out_request_no). */
export async function presign(keySet: ReturnType<typeof generateTestKeySet>, count: number, distinct = false): Promise<Signed[]> {
  const privateKey = loadPrivateKey(keySet.sender.privateKeyPem);
  const bodyOf = (index: number): string =>
    JSON.stringify({
      out_request_no: distinct ? `bench-${index}-${count}` : 'htozr8denqegbt6tk6u10iymo7yww5pn',
      mchid: keySet.mchid,
      audit_result: 'PASS',
      audit_finish_time: '2015-05-20T13:29:35+08:00',
      attach_info: 'updateidcard',
    });
  const pool: Signed[] = [];
  for (let start = 0; start < count; start += 500) {
    const bodies = Array.from({ length: Math.min(500, count - start) }, (_, i) => bodyOf(start + i));
    const batch = bodies.map((body) =>
      signRequest({ method: 'POST', url: NOTIFY_PATH, body, mchid: keySet.mchid, serialNo: keySet.serialNo, privateKey }),
    );
    for (const [index, { authorization }] of (await Promise.all(batch)).entries()) {
      const body = bodies[index] as string;
      pool.push({
        body,
        headers: {
          authorization,
          'content-type': 'application/json',
          accept: 'application/json',
          'wechatpay-serial': keySet.wechatpayPublicKeyId,
        },
      });
    }
  }
  return pool;
}

// The servers run as plain JavaScript on the built plugin, so no TypeScript loader sits in their memory:
// bench/servers.ts is transpiled next to dist/index.js and its import of ../src/index.js pointed there.
export function buildServerModule(benchDir: string, name = 'servers'): string {
  const source = readFileSync(join(benchDir, `${name}.ts`), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
  });
  const script = join(benchDir, '..', 'dist', 'bench', `${name}.mjs`);
  mkdirSync(dirname(script), { recursive: true });
  writeFileSync(script, outputText.replace("'../src/index.js'", "'../index.js'"));
  return script;
}

/**
 * What every benchmark run starts from: a fresh key set, the keys the servers get, the adapter's servers
 * transpiled, and the load average at the start (on a shared 2-core machine the load decides how far
 * figures can be trusted, so it is recorded with them).
 *
 * @example
 * ```ts
 * const { keySet, keys, serverModule, loadAtStart } = prepareBench(benchDir);
 * ```
 */
export function prepareBench(benchDir: string): { keySet: ReturnType<typeof generateTestKeySet>; keys: BenchKeys; serverModule: string; loadAtStart: string } {
  const keySet = generateTestKeySet();
  const keys: BenchKeys = {
    serialNo: keySet.serialNo,
    senderCertificatePem: keySet.sender.certificatePem,
    answerKeyId: keySet.wechatpayPublicKeyId,
    answerPrivateKeyPem: keySet.receiver.privateKeyPem,
  };
  const loadAtStart = loadavg()
    .map((load) => load.toFixed(2))
    .join(' / ');
  return { keySet, keys, serverModule: buildServerModule(benchDir), loadAtStart };
}

/** Starts one server of the benchmark in its own child process; resolves with its URL once it listens. */
export function startServer(start: ServerStart): Promise<{ child: ChildProcess; url: string }> {
  // No execArgv: the parent's TypeScript loader must not be inherited.
  const child = fork(serverProcess, [], { execArgv: [], stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('message', (message: { port: number }) => resolve({ child, url: `http://127.0.0.1:${message.port}` }));
    child.send(start);
  });
}

function peakRssKiB(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    child.once('message', (message: { maxRssKiB: number }) => resolve(message.maxRssKiB));
    child.send('rss');
  });
}

export async function measure(start: ServerStart, pool: Signed[]): Promise<Measured> {
  const { child, url } = await startServer(start);
  let next = 0;
  // Each server process gets each pre-signed request once (its nonce store is fresh).
  const requests = [
    {
      method: 'POST',
      path: NOTIFY_PATH,
      setupRequest: (request: object) => ({ ...request, ...pool[next++ % pool.length] }),
    },
  ];
  try {
    await autocannon({ url, connections: CONNECTIONS, duration: WARMUP_SECONDS, requests });
    const result: Result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, requests });
    // Only the plugin keeps nonces; a wrapped pool would show up there as non-2xx answers.
    if (start.kind !== 'bare' && start.kind !== 'handwritten' && start.kind !== 'handwritten-sync' && next > pool.length) console.warn(`plugin: the pool of ${pool.length} requests wrapped around`);
    return {
      rps: result.requests.average,
      p99: result.latency.p99,
      rssKiB: await peakRssKiB(child),
      bad: result.non2xx + result.errors + result.timeouts,
    };
  } finally {
    child.kill();
  }
}

/**
 * Runs an adapter's HTTP benchmark (`BENCH_ROUNDS`, `BENCH_SECONDS`, `BENCH_POOL` override the defaults of
 * 2 rounds, 4 s, 25 000 requests), prints each round and the Markdown table, and writes the table into the
 * adapter's section of docs/benchmarks-http.md.
 *
 * @example
 * ```ts
 * // packages/koa-plugin/bench/http.bench.ts
 * await runHttpBench({
 *   framework: 'Koa 3', pluginName: '@auditnotify/koa', section: 'koa', packageDir: 'koa-plugin',
 *   benchDir: dirname(fileURLToPath(import.meta.url)),
 * });
 * ```
 */
export async function runHttpBench({ framework, pluginName, section: marker, packageDir, benchDir, labels = {} }: HttpBenchOptions): Promise<void> {
  const kinds: { kind: ServerKind; label: string }[] = [
    { kind: 'bare', label: labels.bare ?? `bare ${framework} app (no verification)` },
    { kind: 'handwritten-sync', label: labels['handwritten-sync'] ?? 'hand-written route, node:crypto, sync sign' },
    { kind: 'handwritten', label: labels.handwritten ?? 'hand-written route, node:crypto, async sign (baseline)' },
    { kind: 'plugin', label: labels.plugin ?? pluginName },
  ];
  const root = join(benchDir, '..', '..', '..');
  const { keySet, keys, serverModule, loadAtStart } = prepareBench(benchDir);

  const started = Date.now();
  const pool = await presign(keySet, POOL);
  console.log(`${framework}: ${pool.length} pre-signed requests in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const results = new Map<ServerKind, Measured[]>(kinds.map(({ kind }) => [kind, []]));
  for (let round = 0; round < ROUNDS; round += 1) {
    // The order turns each round, so a change of the machine's load does not always fall on the same server.
    for (const { kind } of kinds.map((_, i) => kinds[(i + round) % kinds.length] as (typeof kinds)[number])) {
      const measured = await measure({ serverModule, kind, keys }, pool);
      results.get(kind)?.push(measured);
      console.log(`round ${round + 1} ${kind}: ${measured.rps.toFixed(0)} req/s, p99 ${measured.p99} ms, peak RSS ${(measured.rssKiB / 1024).toFixed(1)} MiB, non-2xx/errors ${measured.bad}`);
    }
  }

  const of = (kind: ServerKind, key: keyof Measured): number[] => (results.get(kind) ?? []).map((item) => item[key]);
  const rows = kinds.map(
    ({ kind, label }) =>
      `| ${label} | ${median(of(kind, 'rps')).toFixed(0)} | ${median(of(kind, 'p99')).toFixed(1)} | ${(median(of(kind, 'rssKiB')) / 1024).toFixed(1)} | ${Math.max(...of(kind, 'bad'))} |`,
  );
  // The plugin against each baseline in the same round, then the median of the rounds: a round the machine
  // slowed down weighs no more than any other.
  const ratios = (baseline: ServerKind, key: 'rps' | 'rssKiB'): number[] => of('plugin', key).map((value, round) => value / (of(baseline, key)[round] as number));
  const rpsRounds = ratios('handwritten', 'rps');
  const rpsRatio = median(rpsRounds);
  const rpsRatioSync = median(ratios('handwritten-sync', 'rps'));
  const rssRatio = median(ratios('handwritten', 'rssKiB'));
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const section = [
    `<!-- ${marker} -->`,
    `## ${framework}`,
    '',
    `\`cd packages/${packageDir} && ${process.env.BENCH_ROUNDS === undefined ? '' : `BENCH_ROUNDS=${ROUNDS} `}npm run bench\` — ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} CPUs (\`nproc\`), ${cpu}; load average ${loadAtStart} when it started.`,
    `autocannon, ${CONNECTIONS} connections, ${WARMUP_SECONDS} s warm-up + ${SECONDS} s per server, ${ROUNDS} rounds in a turning order (medians shown; each ratio is the median of the rounds' ratios), loopback; each server in its own child process.`,
    '',
    '| server | req/s | p99 latency (ms) | peak RSS (MiB) | non-2xx / errors |',
    '|---|---:|---:|---:|---:|',
    ...rows,
    '',
    `Plugin / ${labels.handwritten ?? 'hand-written baseline (async sign)'}: **${rpsRatio.toFixed(2)}×** req/s, **${rssRatio.toFixed(2)}×** peak RSS` +
      ` (against ${labels['handwritten-sync'] ?? 'the sync-sign route'}: ${rpsRatioSync.toFixed(2)}× req/s). Rounds (req/s ratio): ${rpsRounds.map((r) => r.toFixed(2)).join(', ')}.`,
    `<!-- /${marker} -->`,
  ].join('\n');
  console.log(`\n${section}\n`);

  const file = join(root, 'docs', 'benchmarks-http.md');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    text = [
      '# HTTP benchmarks of the adapters',
      '',
      'Each adapter against, in the same run: a bare app of its framework (no verification), and a hand-written',
      'route that parses the Authorization header, checks serial and window, verifies the request and signs the',
      'answer with `node:crypto` — once with the synchronous `crypto.sign()` most hand-written code uses, once with',
      'its callback form on the libuv thread pool as core\'s node engine does (the baseline). Requests are valid and distinct',
      '(pre-signed with fresh nonces, each sent once to each server process), so every plugin check runs,',
      'the in-memory nonce store included; only the rate limiter is off (every request comes from one mchid).',
      'Goal: ≥ 0.95× the baseline\'s req/s with peak RSS within 10%.',
      '',
    ].join('\n');
  }
  const pattern = new RegExp(`<!-- ${marker} -->[\\s\\S]*<!-- /${marker} -->`);
  text = pattern.test(text) ? text.replace(pattern, section) : `${text.trimEnd()}\n\n${section}\n`;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  console.log(`written to docs/benchmarks-http.md`);
}
