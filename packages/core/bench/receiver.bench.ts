// `npx tsx bench/receiver.bench.ts` in packages/core (the third part of `npm run bench`): the receiver's own per-request CPU beside a hand-written
// route over the same pre-signed requests (the baseline, measured in the same run), printed as Markdown.
// Both verify the request's signature and sign the answer on the thread pool, so the difference is the
// receiver's own work: its checks, encoding, schema and async steps.
//
// Method: CPU time (process.cpuUsage, every thread of the process, so the thread pool's signing counts) per
// request, 10 requests in flight as the HTTP benchmark's 10 connections; baseline and receiver run in
// alternating slices so machine drift hits both alike. CPU time is far less sensitive to other load than
// requests per second.
import { constants, createPrivateKey, createPublicKey, randomBytes, sign, verify } from 'node:crypto';
import { loadavg } from 'node:os';
import { NOTIFY_PATH, createReceiver, generateTestKeySet, loadPrivateKey, signRequest } from '../src/index.js';
import type { SignatureEngine } from '../src/types.js';

const POOL = Number(process.env.BENCH_POOL ?? 2_000);
const SLICES = Number(process.env.BENCH_SLICES ?? 10);
const IN_FLIGHT = 10;

interface Signed {
  headers: Record<string, string>;
  body: Buffer;
}

const keySet = generateTestKeySet();

async function presign(count: number): Promise<Signed[]> {
  const privateKey = loadPrivateKey(keySet.sender.privateKeyPem);
  const body = JSON.stringify({
    out_request_no: 'htozr8denqegbt6tk6u10iymo7yww5pn',
    mchid: keySet.mchid,
    audit_result: 'PASS',
    audit_finish_time: '2015-05-20T13:29:35+08:00',
    attach_info: 'updateidcard',
  });
  const signed = await Promise.all(
    Array.from({ length: count }, () => signRequest({ method: 'POST', url: NOTIFY_PATH, body, mchid: keySet.mchid, serialNo: keySet.serialNo, privateKey })),
  );
  return signed.map(({ authorization }) => ({
    body: Buffer.from(body),
    headers: { authorization, 'content-type': 'application/json', accept: 'application/json', 'wechatpay-serial': keySet.wechatpayPublicKeyId },
  }));
}

// The hand-written route of the HTTP benchmarks (packages/conformance/src/bench/handwritten-notify.ts), async sign.
function handwritten(): (request: Signed) => Promise<unknown> {
  const publicKey = createPublicKey(keySet.sender.certificatePem);
  const privateKey = createPrivateKey(keySet.receiver.privateKeyPem);
  return async ({ headers, body }) => {
    const match = /^WECHATPAY2-SHA256-RSA2048 (.+)$/.exec(headers.authorization ?? '');
    const fields: Record<string, string> = {};
    for (const pair of match?.[1]?.split(',') ?? []) {
      const at = pair.indexOf('=');
      fields[pair.slice(0, at)] = pair.slice(at + 2, -1);
    }
    const timestamp = Number(fields.timestamp);
    if (fields.serial_no !== keySet.serialNo || !(Math.abs(Date.now() / 1000 - timestamp) < 300)) throw new Error('refused');
    const message = Buffer.concat([Buffer.from(`POST\n${NOTIFY_PATH}\n${fields.timestamp}\n${fields.nonce_str}\n`), body, Buffer.from('\n')]);
    const signature = Buffer.from(fields.signature ?? '', 'base64');
    if (!verify('sha256', message, { key: publicKey, padding: constants.RSA_PKCS1_PADDING }, signature)) throw new Error('refused');
    JSON.parse(body.toString('utf8'));
    const answer = '{"ret_msg":"SUCC"}';
    const answerTimestamp = String(Math.floor(Date.now() / 1000));
    const nonce = randomBytes(16).toString('hex');
    const answerSignature = await new Promise<Buffer>((resolve, reject) =>
      sign('sha256', Buffer.from(`${answerTimestamp}\n${nonce}\n${answer}\n`), privateKey, (error, signed) => (error ? reject(error) : resolve(signed))),
    );
    return { status: 200, headers: { 'Wechatpay-Signature': answerSignature.toString('base64') }, body: answer };
  };
}

// An engine that signs and verifies nothing (named like the node engine, whose place it takes): what is left is
// the receiver's own pipeline.
const SIGNATURE = `${'A'.repeat(342)}==`;
const noCrypto: SignatureEngine = { name: 'node', sign: () => Promise.resolve(SIGNATURE), verify: () => Promise.resolve(true) };

// The receiver as the HTTP benchmark's plugin configures it; a fresh one per slice, so no nonce is a replay.
function receiver(engine?: SignatureEngine): (request: Signed) => Promise<unknown> {
  const made = createReceiver({
    senders: [{ serialNo: keySet.serialNo, publicKey: keySet.sender.certificatePem }],
    answerKeys: [{ id: keySet.wechatpayPublicKeyId, privateKey: keySet.receiver.privateKeyPem }],
    handler: () => undefined,
    rateLimiter: false,
    ...(engine === undefined ? {} : { engine }),
  });
  return async ({ headers, body }) => {
    const response = await made.handle({ method: 'POST', url: NOTIFY_PATH, headers, body });
    if (response.status !== 200) throw new Error(`receiver answered ${response.status}`);
    return response;
  };
}

/** CPU µs per request of running `pool` through `run` with IN_FLIGHT requests at a time. */
async function cpuPerRequest(run: (request: Signed) => Promise<unknown>, pool: Signed[]): Promise<number> {
  let next = 0;
  const start = process.cpuUsage();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < pool.length) await run(pool[next++] as Signed);
    }),
  );
  const used = process.cpuUsage(start);
  return (used.user + used.system) / pool.length;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

const pool = await presign(POOL);
// Warm-up of both sides (JIT, thread pool).
await cpuPerRequest(handwritten(), pool);
await cpuPerRequest(receiver(), pool);
await cpuPerRequest(receiver(noCrypto), pool);
const baseline: number[] = [];
const candidate: number[] = [];
const pipeline: number[] = [];
for (let slice = 0; slice < SLICES; slice++) {
  baseline.push(await cpuPerRequest(handwritten(), pool));
  candidate.push(await cpuPerRequest(receiver(), pool));
  pipeline.push(await cpuPerRequest(receiver(noCrypto), pool));
}
const base = median(baseline);
const cand = median(candidate);
console.log(`Load average at the end: ${loadavg().map((load) => load.toFixed(2)).join(' / ')}; ${SLICES} slices of ${POOL} requests, ${IN_FLIGHT} in flight.\n`);
console.log('| per request (CPU, median of slices) | µs |');
console.log('| --- | ---: |');
console.log(`| hand-written route (baseline) | ${base.toFixed(0)} |`);
console.log(`| receiver.handle() | ${cand.toFixed(0)} |`);
console.log(`| receiver's own overhead | ${(cand - base).toFixed(0)} |`);
console.log(`| ratio receiver / baseline | ${(cand / base).toFixed(2)}× |`);
console.log(`| receiver.handle() with an engine that signs and verifies nothing (the pipeline alone) | ${median(pipeline).toFixed(0)} |`);
