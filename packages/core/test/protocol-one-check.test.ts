// The receiver, answer verification and diagnosis run one check of a signed message
// (src/protocol/check-signed-message.ts): fed the same broken messages, they must name the same failing check.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createReceiver } from '../src/receiver/index.js';
import { diagnoseSignature, type DiagnosisFailedCheck } from '../src/diagnose/index.js';
import { signResponse, verifyResponse } from '../src/signing/index.js';
import { isAuditNotifyError, type ErrorCode } from '../src/errors.js';
import { checkTimestamp, isMillisecondTimestamp, PROBE_SIGNATURE_PREFIX } from '../src/protocol/index.js';
import { ANSWER_KEY_ID, answerKeys, editAuthorization, freshKeys, json, NOW, receiverOptions, SAMPLE, senderKeys, SERIAL_NO, signedRequest, type SignedRequestInput } from './receiver-fixtures.js';

// The receiver's refusal code for each check a request can fail; the answer's for each check of verifyResponse.
const REQUEST_CODE: Record<DiagnosisFailedCheck, ErrorCode[]> = {
  authorization: ['AUTH_MISSING', 'AUTH_MALFORMED'],
  headers: [],
  key_known: ['UNKNOWN_SERIAL'],
  timestamp_window: ['TIMESTAMP_OUT_OF_WINDOW'],
  signature: ['SIGNATURE_MISMATCH'],
};
const ANSWER_CODE: Record<DiagnosisFailedCheck, ErrorCode[]> = {
  authorization: [],
  headers: ['ANSWER_HEADERS_MISSING'],
  key_known: ['ANSWER_SERIAL_UNKNOWN'],
  timestamp_window: ['ANSWER_TIMESTAMP_OUT_OF_WINDOW'],
  signature: ['ANSWER_SIGNATURE_INVALID'],
};

const other = freshKeys();
const body = JSON.stringify(SAMPLE);

interface Broken {
  name: string;
  input: SignedRequestInput;
  edit?: (authorization: string) => string;
}

const BROKEN: Broken[] = [
  { name: 'unknown serial_no', input: { serialNo: 'ABCDEF0123456789ABCDEF0123456789ABCDEF01' } },
  { name: 'valid signature, timestamp 600 s old', input: { timestamp: NOW - 600 } },
  { name: 'valid signature, timestamp 400 s ahead', input: { timestamp: NOW + 400 } },
  { name: 'timestamp in milliseconds', input: { timestamp: NOW * 1000 + 123 } },
  { name: 'timestamp 2e11: neither seconds near now nor milliseconds', input: { timestamp: 200_000_000_000 } },
  { name: 'signed with another key', input: { key: other.privatePem } },
  { name: 'stale and signed with another key', input: { key: other.privatePem, timestamp: NOW - 301 } },
  { name: 'probe signature', input: {}, edit: (a) => a.replace(/signature="[^"]*"/, `signature="${PROBE_SIGNATURE_PREFIX}NONCE"`) },
  { name: 'signature re-encoded URL-safe', input: {}, edit: (a) => a.replace(/signature="([^"]*)"/, (_m, s: string) => `signature="${s.replace(/\+/g, '-').replace(/\//g, '_')}"`) },
  { name: 'no Authorization', input: {}, edit: () => '' },
  { name: 'Authorization with another scheme', input: {}, edit: (a) => a.replace('WECHATPAY2-SHA256-RSA2048', 'WECHATPAY2-SHA256-RSA4096') },
];

async function bothVerdicts(input: SignedRequestInput, edit?: (authorization: string) => string, mutateBody?: (bytes: Uint8Array) => Uint8Array) {
  let request = signedRequest(input);
  if (edit) request = editAuthorization(request, edit);
  if (request.headers.authorization === '') delete request.headers.authorization;
  if (mutateBody) request = { ...request, body: mutateBody(request.body) };
  const receiver = createReceiver(receiverOptions({ clock: () => NOW }));
  const answer = await receiver.handle(request);
  const code = json(answer).detail?.reason as ErrorCode;
  const diagnosis = await diagnoseSignature({
    kind: 'request',
    method: request.method,
    url: request.url,
    headers: request.headers,
    body: request.body,
    publicKeys: new Map([[SERIAL_NO, senderKeys.publicKey]]),
    clock: () => NOW,
  });
  return { status: answer.status, code, message: json(answer).message ?? '', diagnosis };
}

describe('one check of a signed request', () => {
  it.each(BROKEN)('the receiver and diagnosis name the same failing check: $name', async ({ input, edit }) => {
    const { status, code, diagnosis } = await bothVerdicts(input, edit);
    expect(status).toBeGreaterThanOrEqual(400);
    expect(diagnosis.verified).toBe(false);
    expect(diagnosis.failedCheck).toBeDefined();
    expect(REQUEST_CODE[diagnosis.failedCheck!]).toContain(code);
  });

  it('agrees on random mutations of timestamp, key and body (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.integer({ min: -900, max: 900 }), fc.constant(NOW * 999), fc.integer({ min: 0, max: 2 ** 40 }).map((n) => n - NOW)),
        fc.boolean(),
        fc.option(fc.integer({ min: 0, max: body.length - 1 }), { nil: undefined }),
        async (offset, otherKey, flip) => {
          const { code, diagnosis } = await bothVerdicts(
            { timestamp: NOW + offset, ...(otherKey ? { key: other.privatePem } : {}) },
            undefined,
            flip === undefined ? undefined : (bytes) => bytes.map((b, i) => (i === flip ? b ^ 0x01 : b)),
          );
          const accepted = code === undefined;
          expect(diagnosis.verified).toBe(accepted);
          if (!accepted) expect(REQUEST_CODE[diagnosis.failedCheck!]).toContain(code);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('say "milliseconds" for the same timestamps', async () => {
    for (const timestamp of [NOW * 1000, NOW * 1000 + 999, 200_000_000_000, 99_999_999_999_999]) {
      const { message, diagnosis } = await bothVerdicts({ timestamp });
      const receiverSaysMillis = /milliseconds/.test(message);
      expect(receiverSaysMillis, `timestamp ${timestamp}`).toBe(diagnosis.likelyCause?.code === 'TIMESTAMP_IN_MILLISECONDS');
    }
  });
});

describe('one check of a signed answer', () => {
  async function answer(timestamp: number, keyId = ANSWER_KEY_ID, privateKey = answerKeys.privateKey) {
    const bytes = new TextEncoder().encode('{"ret_msg":"SUCC"}');
    const headers = await signResponse({ body: bytes, privateKey, keyId, timestamp });
    return { headers, bytes };
  }

  it.each([
    ['unknown Wechatpay-Serial', () => answer(NOW, 'PUB_KEY_ID_UNKNOWN')],
    ['600 s old', () => answer(NOW - 600)],
    ['milliseconds', () => answer(NOW * 1000)],
    ['signed with another key', () => answer(NOW, ANSWER_KEY_ID, other.privateKey)],
    ['probe', async () => {
      const a = await answer(NOW);
      return { ...a, headers: { ...a.headers, 'Wechatpay-Signature': `${PROBE_SIGNATURE_PREFIX}X` } };
    }],
  ] as const)('verifyResponse and diagnosis name the same failing check: %s', async (_name, make) => {
    const { headers, bytes } = await make();
    const publicKeys = new Map([[ANSWER_KEY_ID, answerKeys.publicKey]]);
    const code = await verifyResponse({ headers, body: bytes, publicKeys, clock: () => NOW }).then(
      () => undefined,
      (error: unknown) => (isAuditNotifyError(error) ? error.code : 'NOT_AN_AUDITNOTIFY_ERROR'),
    );
    const diagnosis = await diagnoseSignature({ kind: 'response', headers, body: bytes, publicKeys, clock: () => NOW });
    expect(code).toBeDefined();
    expect(ANSWER_CODE[diagnosis.failedCheck!]).toContain(code);
  });
});

describe('the timestamp rules', () => {
  it('reads a timestamp in the past as "ago" and one in the future as "from now"', async () => {
    const past = await diagnoseSignature({ kind: 'request', ...signedRequestFor(NOW - 100), publicKeys: new Map([[SERIAL_NO, senderKeys.publicKey]]), clock: () => NOW });
    expect(past.checks.find((c) => c.name === 'timestamp_window')?.detail).toMatch(/^100 s ago/);
    const future = await diagnoseSignature({ kind: 'request', ...signedRequestFor(NOW + 100), publicKeys: new Map([[SERIAL_NO, senderKeys.publicKey]]), clock: () => NOW });
    expect(future.checks.find((c) => c.name === 'timestamp_window')?.detail).toMatch(/^100 s from now/);
  });

  it('accepts |now − timestamp| below the window only, and calls milliseconds only what divides into the window', () => {
    expect(checkTimestamp(String(NOW - 299), NOW, 300).ok).toBe(true);
    expect(checkTimestamp(String(NOW - 300), NOW, 300)).toMatchObject({ ok: false, problem: 'skew', skewSeconds: 300 });
    expect(checkTimestamp(String(NOW + 300), NOW, 300)).toMatchObject({ ok: false, problem: 'skew', skewSeconds: -300 });
    expect(checkTimestamp(`${NOW}123`, NOW, 300)).toMatchObject({ ok: false, problem: 'milliseconds' });
    expect(checkTimestamp('17579e5', NOW, 300)).toMatchObject({ ok: false, problem: 'not_digits' });
    expect(isMillisecondTimestamp(200_000_000_000, NOW, 300)).toBe(false);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 50 }), fc.integer({ min: 1, max: 3600 }), (timestamp, window) => {
        const verdict = checkTimestamp(String(timestamp), NOW, window);
        expect(verdict.ok).toBe(Math.abs(NOW - timestamp) < window);
        if (!verdict.ok && verdict.problem === 'milliseconds') expect(Math.abs(Math.floor(timestamp / 1000) - NOW)).toBeLessThan(window);
      }),
    );
  });
});

function signedRequestFor(timestamp: number) {
  const request = signedRequest({ timestamp });
  return { method: request.method, url: request.url, headers: request.headers, body: request.body };
}
