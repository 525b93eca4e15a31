// `npm run bench` in packages/core (after engines.bench.ts): the time one signature diagnosis takes, over the
// corpus of real integration mistakes (test-vectors/corpus), against one plain verification of the same
// request measured in the same run. The diagnosis opens the signature once per key (RSA public operation)
// and hashes each guess against the digest inside; for scale, the last row verifies every guess with every
// key instead, as the diagnosis did before.
//
// Method: rounds interleave every subject (each case's diagnosis, the plain verification, verify-each), so
// drift of the machine hits all alike; per-call times give median and p99.
import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseRawHttpRequest, type RawHttpRequest } from '../src/decode/index.js';
import { diagnoseSignature } from '../src/diagnose/index.js';
import { defaultEngine } from '../src/engines/default-engine.js';
import { loadCertificate, loadPublicKey } from '../src/keys/index.js';
import { buildRequestMessage, parseAuthorization } from '../src/protocol/index.js';
import type { PublicKeyHandle } from '../src/types.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);
const vectors = new URL('../../../test-vectors/', import.meta.url);
const read = (path: string) => readFileSync(fileURLToPath(new URL(path, vectors)));
const manifest = JSON.parse(read('corpus/manifest.json').toString('utf8')) as { answerKeyId: string; cases: { id: string; expect: string }[] };
const current = loadCertificate(read('sender/apiclient_cert.pem'));
const rotation = loadCertificate(read('corpus/rotation_cert.pem'));
// The answer key's public half, derived from its private key as a receiver holding only wxp_key.pem would.
const answerPublic = loadPublicKey(createPublicKey(read('receiver/wxp_key.pem')).export({ type: 'spki', format: 'pem' }));
const publicKeys = new Map<string, PublicKeyHandle>([[rotation.serialNo, rotation.publicKey], [current.serialNo, current.publicKey]]);
const answerKeys = new Map([[manifest.answerKeyId, answerPublic]]);
const engine = defaultEngine();
const clock = () => 1757900000;

interface Case {
  id: string;
  expect: string;
  request: RawHttpRequest;
}
const cases: Case[] = manifest.cases.map((c) => ({ ...c, request: parseRawHttpRequest(read(`corpus/cases/${c.id}.http`)) }));
// Worst case: a body nothing explains (the signature covers another notification), so every guess is tried.
const base = cases.find((c) => c.id === 'control-documentation-example');
if (!base) throw new Error('the corpus lacks its documentation control');
const unexplained: Case = { id: 'unexplained', expect: 'BODY_NOT_SIGNED_BYTES', request: { ...base.request, body: new TextEncoder().encode(new TextDecoder().decode(base.request.body).replace('PASS', 'REJECT')) } };

const diagnose = (c: Case) =>
  diagnoseSignature({ kind: 'request', method: c.request.method, url: c.request.url, headers: c.request.headers, body: c.request.body, publicKeys, answerKeys, clock });
const auth = parseAuthorization(base.request.headers.authorization);
const plainMessage = buildRequestMessage({ method: base.request.method, url: base.request.url, timestamp: auth.timestamp, nonce: auth.nonce, body: base.request.body });

function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
async function time(run: () => Promise<unknown>): Promise<number> {
  const start = nowMs();
  await run();
  return nowMs() - start;
}
function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

async function main(): Promise<void> {
  // Check the corpus still diagnoses as expected before timing it.
  for (const c of [...cases, unexplained]) {
    const d = await diagnose(c);
    const got = d.verified ? 'verified' : d.likelyCause?.code;
    if (got !== c.expect) throw new Error(`${c.id}: expected ${c.expect}, got ${got}`);
  }
  const worst = await diagnose(unexplained);
  const candidates = worst.variants.map((v) => v.message);
  const keys = [...publicKeys.values(), answerPublic];
  const verifyEach = async () => {
    for (const message of candidates) for (const key of keys) await engine.verify(key, message, auth.signature);
  };

  const samples = { mistakes: [] as number[], controls: [] as number[], unexplained: [] as number[], plain: [] as number[], verifyEach: [] as number[] };
  for (let i = 0; i < 20; i++) {
    for (const c of cases) await diagnose(c);
    await verifyEach();
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (const c of cases) (c.expect === 'verified' ? samples.controls : samples.mistakes).push(await time(() => diagnose(c)));
    samples.unexplained.push(await time(() => diagnose(unexplained)));
    samples.plain.push(await time(() => engine.verify(current.publicKey, plainMessage, auth.signature)));
    if (round % 4 === 0) samples.verifyEach.push(await time(verifyEach));
  }

  const plain = quantile(samples.plain, 0.5);
  const fmt = (ms: number) => (ms < 1 ? ms.toFixed(3) : ms.toFixed(2));
  const row = (subject: string, values: number[]) =>
    `| ${subject} | ${values.length} | ${fmt(quantile(values, 0.5))} | ${fmt(quantile(values, 0.99))} | ${(quantile(values, 0.5) / plain).toFixed(1)}× | ${(quantile(values, 0.99) / plain).toFixed(1)}× |`;
  const [load1, load5] = loadavg();
  const lines = [
    `- ${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores, Node.js ${process.version}, load average ${load1?.toFixed(2)} / ${load5?.toFixed(2)} (1 / 5 min)`,
    `- corpus: ${cases.length - samples.controls.length / ROUNDS} mistakes and ${samples.controls.length / ROUNDS} controls, ${ROUNDS} rounds; ${publicKeys.size} sender keys and 1 answer key known; the unexplained request tries ${candidates.length} distinct guesses`,
    '',
    '| subject | calls | median ms | p99 ms | median / plain verify | p99 / plain verify |',
    '|---|---:|---:|---:|---:|---:|',
    row('one plain verification (baseline)', samples.plain),
    row('diagnosis of a corpus mistake', samples.mistakes),
    row('diagnosis of a corpus control (verifies)', samples.controls),
    row('diagnosis when no usual mistake explains it (every guess tried)', samples.unexplained),
    row(`verify-each: the same ${candidates.length} guesses × ${keys.length} keys verified one by one`, samples.verifyEach),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

await main();
