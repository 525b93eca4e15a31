// The junk-flood benchmark: valid notifications at a steady rate while ten times as many forged requests
// arrive, against the same plugin with valid traffic alone, in the same run. Forged requests are answered
// unsigned (only requests whose signature verified get a signed answer), so they cost HTTP parsing and at
// most one RSA verification each, never an RSA signature.
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import autocannon, { type RequestSpec, type Result } from 'autocannon';
import { NOTIFY_PATH } from '@auditnotify/core';
import { prepareBench, presign, startServer, type Signed } from './run-http-bench.js';

/**
 * What the junk-flood benchmark of an adapter declares.
 *
 * @example
 * ```ts
 * await runJunkFloodBench({ pluginName: '@auditnotify/express', packageDir: 'express-plugin', benchDir });
 * ```
 */
export interface JunkFloodBenchOptions {
  pluginName: string;
  /** The adapter's folder under packages/, for the command line shown above the table. */
  packageDir: string;
  /** The adapter's bench/ folder, holding servers.ts. */
  benchDir: string;
}

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
/**
 * Valid traffic is offered at this share of the plugin's measured capacity (closed loop, 10 connections):
 * a tenth, so valid and forged requests together ask for about the capacity itself (the endpoint's own limit,
 * 200 a minute, is far below either). The load generator shares the machine, so it must not be the bottleneck.
 */
const VALID_SHARE = Number(process.env.BENCH_VALID_SHARE ?? 0.1);
const JUNK_PER_VALID = 10;
const MARKER = 'junk-flood';

interface Phase {
  validRps: number;
  validP99: number;
  validBad: number;
  junkRps: number;
}

/** Forged requests, alternating: no Authorization at all, and a real Authorization over another body (one RSA verification). */
function junkRequests(pool: Signed[]): RequestSpec[] {
  let next = 0;
  return [
    {
      method: 'POST',
      path: NOTIFY_PATH,
      setupRequest: (request: RequestSpec): RequestSpec => {
        next += 1;
        const signed = pool[next % pool.length] as Signed;
        const headers = next % 2 === 0 ? { 'content-type': 'application/json' } : signed.headers;
        return { ...request, headers, body: '{"out_request_no":"forged","mchid":"1900000000","audit_result":"PASS"}' };
      },
    },
  ];
}

async function phase(url: string, valid: RequestSpec[], rate: number, junk: RequestSpec[] | undefined): Promise<Phase> {
  const validRun = autocannon({ url, connections: 10, overallRate: rate, duration: SECONDS, requests: valid });
  const junkRun: Promise<Result | undefined> =
    junk === undefined ? Promise.resolve(undefined) : autocannon({ url, connections: 50, overallRate: rate * JUNK_PER_VALID, duration: SECONDS, requests: junk });
  const [validResult, junkResult] = await Promise.all([validRun, junkRun]);
  return {
    validRps: validResult.requests.average,
    validP99: validResult.latency.p99,
    validBad: validResult.non2xx + validResult.errors + validResult.timeouts,
    junkRps: junkResult?.requests.average ?? 0,
  };
}

/**
 * Runs the junk-flood benchmark of an adapter's plugin (`BENCH_ROUNDS`, `BENCH_SECONDS`, `BENCH_VALID_SHARE`
 * override 2 rounds, 4 s per phase and 0.1 of capacity), prints each round and writes the table into
 * docs/benchmarks-http.md.
 *
 * @example
 * ```ts
 * await runJunkFloodBench({ pluginName: '@auditnotify/express', packageDir: 'express-plugin', benchDir: dirname(fileURLToPath(import.meta.url)) });
 * ```
 */
export async function runJunkFloodBench({ pluginName, packageDir, benchDir }: JunkFloodBenchOptions): Promise<void> {
  const { keySet, keys, serverModule, loadAtStart } = prepareBench(benchDir);
  const pool = await presign(keySet, 40_000);
  const rounds: { capacity: number; rate: number; alone: Phase; flooded: Phase }[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const { child, url } = await startServer({ serverModule, kind: 'plugin', keys });
    try {
      let next = 0;
      // Each valid request is sent once: the plugin's nonce store would refuse a second sending.
      const valid: RequestSpec[] = [{ method: 'POST', path: NOTIFY_PATH, setupRequest: (request: RequestSpec): RequestSpec => ({ ...request, ...pool[next++ % pool.length] }) }];
      await autocannon({ url, connections: 10, duration: 1, requests: valid });
      const capacity = (await autocannon({ url, connections: 10, duration: SECONDS, requests: valid })).requests.average;
      const rate = Math.max(1, Math.round(capacity * VALID_SHARE));
      const alone = await phase(url, valid, rate, undefined);
      const flooded = await phase(url, valid, rate, junkRequests(pool));
      if (next > pool.length) console.warn(`junk flood: the pool of ${pool.length} requests wrapped around`);
      rounds.push({ capacity, rate, alone, flooded });
      console.log(
        `round ${round + 1}: capacity ${capacity.toFixed(0)} req/s; valid offered ${rate}/s: alone ${alone.validRps.toFixed(0)} req/s (p99 ${alone.validP99} ms), ` +
          `with ${flooded.junkRps.toFixed(0)} junk req/s ${flooded.validRps.toFixed(0)} req/s (p99 ${flooded.validP99} ms, non-2xx ${flooded.validBad})`,
      );
    } finally {
      child.kill();
    }
  }
  const mean = (pick: (r: (typeof rounds)[number]) => number): number => rounds.reduce((sum, r) => sum + pick(r), 0) / rounds.length;
  const ratio = mean((r) => r.flooded.validRps) / mean((r) => r.alone.validRps);
  const section = [
    `<!-- ${MARKER} -->`,
    '## Junk flood',
    '',
    `\`cd packages/${packageDir} && ${process.env.BENCH_ROUNDS === undefined ? '' : `BENCH_ROUNDS=${ROUNDS} `}npm run bench:junk\` — ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} CPUs, ${cpus()[0]?.model ?? 'unknown CPU'}; load average ${loadAtStart} when it started.`,
    `${pluginName}: its capacity measured first (closed loop, 10 connections, ${SECONDS} s); then valid notifications offered at ${VALID_SHARE} of it for ${SECONDS} s alone (the baseline), and again while ${JUNK_PER_VALID}× as many forged requests arrive (half with no Authorization, half with a real Authorization over another body); ${ROUNDS} rounds, means shown.`,
    '',
    '| | req/s |',
    '|---|---:|',
    `| capacity, valid only, closed loop | ${mean((r) => r.capacity).toFixed(0)} |`,
    `| valid offered | ${mean((r) => r.rate).toFixed(0)} |`,
    `| valid achieved, alone (baseline) | ${mean((r) => r.alone.validRps).toFixed(0)} (p99 ${mean((r) => r.alone.validP99).toFixed(1)} ms) |`,
    `| valid achieved, during the flood | ${mean((r) => r.flooded.validRps).toFixed(0)} (p99 ${mean((r) => r.flooded.validP99).toFixed(1)} ms) |`,
    `| forged requests answered during the flood | ${mean((r) => r.flooded.junkRps).toFixed(0)} |`,
    '',
    `Valid throughput during the flood / alone: **${ratio.toFixed(2)}×** (goal ≥ 0.8×).`,
    `<!-- /${MARKER} -->`,
  ].join('\n');
  console.log(`\n${section}\n`);
  const file = join(benchDir, '..', '..', '..', 'docs', 'benchmarks-http.md');
  const text = readFileSync(file, 'utf8');
  const pattern = new RegExp(`<!-- ${MARKER} -->[\\s\\S]*<!-- /${MARKER} -->`);
  writeFileSync(file, pattern.test(text) ? text.replace(pattern, section) : `${text.trimEnd()}\n\n${section}\n`);
  console.log('written to docs/benchmarks-http.md');
}
