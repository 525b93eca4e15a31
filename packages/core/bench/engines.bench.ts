// `npm run bench` in packages/core: sign and verify throughput of every engine beside raw `node:crypto`
// with a pre-loaded KeyObject (the baseline, measured in the same run), printed as Markdown.
// Goal (docs/benchmarks-core.md): Node engine ≥ 0.95× raw signing and ≥ 0.90× raw verifying.
//
// Method: after a warm-up, baseline and candidate run in alternating short slices (see `compare`), so
// drift of the machine (turbo, other load) hits both sides alike.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign as cryptoSign, verify as cryptoVerify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { createForgeEngine, createNodeEngine, createWebCryptoEngine } from '../src/engines/index.js';
import { buildRequestMessage } from '../src/protocol/index.js';
import type { PrivateKeyHandle, PublicKeyHandle } from '../src/types.js';

// 40 slices × 2 sides × 150 ms = 12 s per comparison by default (half that for the secondary rows).
const SLICE_MS = Number(process.env.BENCH_SLICE_MS ?? 150);
const SLICES = Number(process.env.BENCH_SLICES ?? 40);

// ---- keys and message -------------------------------------------------------------------------------

const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
const privatePem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const publicPem = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const fingerprint = (createHash('sha256').update(pair.publicKey.export({ type: 'spki', format: 'der' })).digest('hex').match(/../g) ?? []).join(':');
// node:crypto's own key objects, for the raw baseline.
const privateObject = createPrivateKey(privatePem);
const publicObject = createPublicKey(publicPem);
const privateKey: PrivateKeyHandle = {
  kind: 'private',
  pkcs8Der: new Uint8Array(pair.privateKey.export({ type: 'pkcs8', format: 'der' })),
  bits: 2048,
  source: 'generated',
  fingerprint,
};
const publicKey: PublicKeyHandle = {
  kind: 'public',
  spkiDer: new Uint8Array(pair.publicKey.export({ type: 'spki', format: 'der' })),
  bits: 2048,
  fingerprint,
};

// A realistic request message: the documentation's example notification (protocol.md §3).
const message = buildRequestMessage({
  method: 'POST',
  url: '/v3/aggracct-bc/wb-channel/control-orders/info/update/result/notify',
  timestamp: 1757900000,
  nonce: '593BEC0C930BF1AFEB40B4A08C8FB242',
  body: '{"out_request_no":"htozr8denqegbt6tk6u10iymo7yww5pn","mchid":"1900016681","audit_result":"PASS","audit_finish_time":"2015-05-20T13:29:35+08:00","attach_info":"updateidcard"}',
});
const rawSignature = cryptoSign('sha256', message, privateObject).toString('base64');

// ---- measurement ------------------------------------------------------------------------------------

type Sync = () => unknown;
type Async = () => Promise<unknown>;

/** One timed slice: operations done, wall-clock ms, and CPU ms of the whole process (thread pool included). */
interface Sample {
  ops: number;
  wallMs: number;
  cpuMs: number;
}

function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

function runSync(fn: Sync, ms: number): Sample {
  let ops = 0;
  const cpu = process.cpuUsage();
  const start = nowMs();
  let elapsed: number;
  do {
    for (let i = 0; i < 16; i++) fn();
    ops += 16;
    elapsed = nowMs() - start;
  } while (elapsed < ms);
  return { ops, wallMs: elapsed, cpuMs: cpuMsSince(cpu) };
}

async function runAsync(fn: Async, concurrency: number, ms: number): Promise<Sample> {
  let ops = 0;
  const cpu = process.cpuUsage();
  const start = nowMs();
  const end = start + ms;
  async function lane(): Promise<void> {
    while (nowMs() < end) {
      await fn();
      ops++;
    }
  }
  await Promise.all(Array.from({ length: concurrency }, lane));
  return { ops, wallMs: nowMs() - start, cpuMs: cpuMsSince(cpu) };
}

interface Subject {
  label: string;
  run: (ms: number) => Promise<Sample>;
}
const sync = (label: string, fn: Sync): Subject => ({ label, run: async (ms) => runSync(fn, ms) });
const parallel = (label: string, fn: Async, concurrency = 1): Subject => ({ label, run: (ms) => runAsync(fn, concurrency, ms) });

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

interface Row {
  operation: string;
  subject: string;
  /** Wall-clock throughput. */
  ops: number;
  /** Operations per CPU-second of the process: the cost of one operation, whatever else the machine runs. */
  opsPerCpu: number;
  baseline: number;
  baselinePerCpu: number;
  /** Median per-slice ratio of wall-clock throughput (what a caller sees; parallelism counts). */
  wallRatio: number;
  /** Median per-slice ratio of ops per CPU-second (overhead per operation; robust to a busy machine). */
  cpuRatio: number;
}

/**
 * Interleaves baseline and candidate in short slices (order swapped every slice) so that load from the
 * rest of the machine hits both alike. Throughputs are totals over all slices; ratios are medians of the
 * per-slice-pair ratios (robust to a slice that caught a burst of outside load).
 */
async function compare(operation: string, baseline: Subject, candidate: Subject, slices = SLICES): Promise<Row> {
  await baseline.run(200);
  await candidate.run(200);
  const base: Sample = { ops: 0, wallMs: 0, cpuMs: 0 };
  const cand: Sample = { ops: 0, wallMs: 0, cpuMs: 0 };
  const wallRatios: number[] = [];
  const cpuRatios: number[] = [];
  for (let i = 0; i < slices; i++) {
    let b: Sample;
    let c: Sample;
    if (i % 2 === 0) {
      b = await baseline.run(SLICE_MS);
      c = await candidate.run(SLICE_MS);
    } else {
      c = await candidate.run(SLICE_MS);
      b = await baseline.run(SLICE_MS);
    }
    for (const [total, sample] of [[base, b], [cand, c]] as const) {
      total.ops += sample.ops;
      total.wallMs += sample.wallMs;
      total.cpuMs += sample.cpuMs;
    }
    wallRatios.push(c.ops / c.wallMs / (b.ops / b.wallMs));
    cpuRatios.push(c.ops / c.cpuMs / (b.ops / b.cpuMs));
  }
  const row: Row = {
    operation,
    subject: candidate.label,
    ops: (cand.ops / cand.wallMs) * 1000,
    opsPerCpu: (cand.ops / cand.cpuMs) * 1000,
    baseline: (base.ops / base.wallMs) * 1000,
    baselinePerCpu: (base.ops / base.cpuMs) * 1000,
    wallRatio: median(wallRatios),
    cpuRatio: median(cpuRatios),
  };
  process.stderr.write(
    `${operation.padEnd(7)} ${candidate.label.padEnd(60)} ${row.ops.toFixed(0).padStart(7)}/s (raw ${row.baseline.toFixed(0).padStart(6)}) ` +
      `×${row.wallRatio.toFixed(2)} wall, ×${row.cpuRatio.toFixed(2)} per CPU-s\n`,
  );
  return row;
}

// ---- subjects ---------------------------------------------------------------------------------------

const node = createNodeEngine();
const webcrypto = createWebCryptoEngine();
const forge = createForgeEngine();

const rawSign = sync('raw node:crypto, pre-loaded KeyObject', () => cryptoSign('sha256', message, privateObject).toString('base64'));
const rawVerify = sync('raw node:crypto, pre-loaded KeyObject', () =>
  cryptoVerify('sha256', message, publicObject, Buffer.from(rawSignature, 'base64')),
);

function machine(): string {
  let model = cpus()[0]?.model ?? 'unknown';
  try {
    model = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? model;
  } catch {
    // Not Linux: os.cpus() already gave the model.
  }
  return [
    `- CPU: ${model}, ${availableParallelism()} logical cores (\`nproc\`)`,
    `- Node ${process.version}, ${process.platform}/${process.arch}, OpenSSL ${process.versions.openssl}, UV_THREADPOOL_SIZE=${process.env.UV_THREADPOOL_SIZE ?? '4 (default)'}`,
    `- Load average at the end of the run (1/5/15 min): ${loadavg().map((n) => n.toFixed(2)).join(' / ')}`,
    `- RSA-2048, ${message.byteLength}-byte request message; baseline and subject interleaved in ${SLICES} slice pairs of ${SLICE_MS} ms each (ops/s: mean; ratio: median of slice-pair ratios)`,
  ].join('\n');
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  process.stderr.write('measuring (sign/verify, each against raw node:crypto in the same run)…\n');

  // One call at a time.
  rows.push(await compare('sign', rawSign, sync('node engine, signSync', () => node.signSync(privateKey, message))));
  rows.push(await compare('verify', rawVerify, sync('node engine, verifySync', () => node.verifySync(publicKey, message, rawSignature))));
  rows.push(await compare('sign', rawSign, parallel('node engine, sign (thread pool), 1 in flight', () => node.sign(privateKey, message))));
  rows.push(await compare('verify', rawVerify, parallel('node engine, verify (async), 1 in flight', () => node.verify(publicKey, message, rawSignature))));
  rows.push(await compare('sign', rawSign, parallel('webcrypto engine, 1 in flight', () => webcrypto.sign(privateKey, message)), SLICES / 2));
  rows.push(await compare('verify', rawVerify, parallel('webcrypto engine, 1 in flight', () => webcrypto.verify(publicKey, message, rawSignature)), SLICES / 2));
  rows.push(await compare('sign', rawSign, parallel('forge engine', () => forge.sign(privateKey, message)), SLICES / 2));
  rows.push(await compare('verify', rawVerify, parallel('forge engine', () => forge.verify(publicKey, message, rawSignature)), SLICES / 2));

  // Under load: several signatures in flight use the thread pool's threads, i.e. more than one core.
  for (const inFlight of [2, 4]) {
    rows.push(await compare('sign', rawSign, parallel(`node engine, sign (thread pool), ${inFlight} in flight`, () => node.sign(privateKey, message), inFlight), SLICES / 2));
  }
  for (const inFlight of [2, 4]) {
    rows.push(await compare('sign', rawSign, parallel(`webcrypto engine, ${inFlight} in flight`, () => webcrypto.sign(privateKey, message), inFlight), SLICES / 2));
  }
  // Why the node engine verifies on the calling thread: a thread-pool verify with callbacks, for comparison.
  for (const inFlight of [1, 4]) {
    const pooled = (): Promise<boolean> =>
      new Promise((resolve, reject) =>
        cryptoVerify('sha256', message, publicObject, Buffer.from(rawSignature, 'base64'), (error, ok) => (error ? reject(error) : resolve(ok))),
      );
    rows.push(await compare('verify', rawVerify, parallel(`raw node:crypto verify on the thread pool, ${inFlight} in flight`, pooled, inFlight), SLICES / 2));
  }
  // For scale (docs/benchmarks-core.md): parsing the PEM on every call, as naive integrations do.
  rows.push(await compare('sign', rawSign, sync('raw node:crypto, PEM parsed per call', () => cryptoSign('sha256', message, privatePem).toString('base64')), SLICES / 2));

  const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
  const lines = [
    machine(),
    '',
    '| operation | subject | ops/s | raw ops/s (same run) | ratio (wall) | ops per CPU-s | raw ops per CPU-s | ratio (per CPU-s) |',
    '|---|---|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.operation} | ${r.subject} | ${fmt(r.ops)} | ${fmt(r.baseline)} | ${r.wallRatio.toFixed(2)}× | ` +
        `${fmt(r.opsPerCpu)} | ${fmt(r.baselinePerCpu)} | ${r.cpuRatio.toFixed(2)}× |`,
    ),
  ];
  const goal = (row: Row, target: number): string =>
    `${row.cpuRatio.toFixed(2)}× per CPU-s, ${row.wallRatio.toFixed(2)}× wall (≥ ${target.toFixed(2)}: ${Math.min(row.cpuRatio, row.wallRatio) >= target ? 'met' : row.cpuRatio >= target ? 'met per CPU-s' : 'NOT met'})`;
  lines.push('', `Goals: node engine signing ${goal(rows[0] as Row, 0.95)}; verifying ${goal(rows[1] as Row, 0.9)}.`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

await main();
