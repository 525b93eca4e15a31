// Answer verification and the one signature check, verdict by verdict: which check fails, and every field
// of its detail (protocol.md §4, §7 item 4). The answer window stays |now − timestamp| < 300.
import { sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isAuditNotifyError } from '../src/errors.js';
import { createNodeEngine } from '../src/engines/index.js';
import { buildResponseMessage, checkSignedMessage, signatureProblem } from '../src/protocol/index.js';
import { verifyResponse } from '../src/signing/index.js';
import { readVectorFile, receiverPublic, senderPublic, vectors } from './vectors-fixtures.js';

const keyId = vectors.wechatpay_public_key_id;
const publicKeys = new Map([[keyId, receiverPublic]]);
const privatePem = readVectorFile('receiver/wxp_key.pem');
const NOW = 1_757_900_000;
const NONCE = '593BEC0C930BF1AFEB40B4A08C8FB242';
const BODY = '{"ret_msg":"SUCC"}';

/** Headers of an answer signed with node:crypto over TIMESTAMP\nNONCE\nBODY\n. */
function signed(timestamp: string | number, overrides: Record<string, string> = {}): Record<string, string> {
  const message = `${timestamp}\n${NONCE}\n${BODY}\n`;
  return {
    'Wechatpay-Timestamp': String(timestamp),
    'Wechatpay-Nonce': NONCE,
    'Wechatpay-Signature': sign('sha256', Buffer.from(message), privatePem).toString('base64'),
    'Wechatpay-Serial': keyId,
    ...overrides,
  };
}

async function failure(headers: Record<string, string>, extra: { windowSeconds?: number; keys?: typeof publicKeys } = {}): Promise<{ code: string; detail: unknown }> {
  try {
    await verifyResponse({ headers, body: BODY, publicKeys: extra.keys ?? publicKeys, clock: () => NOW, ...(extra.windowSeconds === undefined ? {} : { windowSeconds: extra.windowSeconds }) });
  } catch (error) {
    if (!isAuditNotifyError(error)) throw error;
    return { code: error.code, detail: error.detail };
  }
  throw new Error('verified');
}

const verifies = (headers: Record<string, string>, windowSeconds?: number) =>
  verifyResponse({ headers, body: BODY, publicKeys, clock: () => NOW, ...(windowSeconds === undefined ? {} : { windowSeconds }) });

describe('verifyResponse details', () => {
  it('refuses a windowSeconds that is not a positive number, naming the option', async () => {
    for (const windowSeconds of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(await failure(signed(NOW), { windowSeconds })).toEqual({ code: 'INVALID_OPTIONS', detail: { field: 'windowSeconds' } });
    }
  });

  it('uses a 300 s window by default: 299 s either way verifies, 300 s does not', async () => {
    await expect(verifies(signed(NOW - 299))).resolves.toEqual({ keyId, timestamp: NOW - 299, nonce: NONCE });
    await expect(verifies(signed(NOW + 299))).resolves.toMatchObject({ timestamp: NOW + 299 });
    expect(await failure(signed(NOW - 300))).toEqual({
      code: 'ANSWER_TIMESTAMP_OUT_OF_WINDOW',
      detail: { reason: 'skew', timestamp: NOW - 300, now: NOW, skewSeconds: 300, windowSeconds: 300 },
    });
    expect(await failure(signed(NOW + 301))).toMatchObject({ detail: { reason: 'skew', skewSeconds: -301 } });
  });

  it('honours a configured window', async () => {
    await expect(verifies(signed(NOW - 59), 60)).resolves.toMatchObject({ timestamp: NOW - 59 });
    expect(await failure(signed(NOW - 60), { windowSeconds: 60 })).toMatchObject({ detail: { reason: 'skew', windowSeconds: 60 } });
  });

  it('classifies a timestamp in milliseconds apart from skew', async () => {
    const millis = NOW * 1000 + 999;
    expect(await failure(signed(millis))).toEqual({
      code: 'ANSWER_TIMESTAMP_OUT_OF_WINDOW',
      detail: { reason: 'milliseconds', timestamp: millis, now: NOW, skewSeconds: NOW - millis, windowSeconds: 300 },
    });
    // Milliseconds of a time outside the window are plain skew.
    expect(await failure(signed((NOW - 600) * 1000))).toMatchObject({ detail: { reason: 'skew' } });
  });

  it('says not_digits for a timestamp that is not decimal digits, with no timestamp or skew in the detail', async () => {
    // Strict: a detail with `timestamp: undefined, skewSeconds: undefined` (the skew branch) must fail.
    expect(await failure(signed('1757900000.5'))).toStrictEqual({ code: 'ANSWER_TIMESTAMP_OUT_OF_WINDOW', detail: { reason: 'not_digits', now: NOW, windowSeconds: 300 } });
  });

  it('lists exactly the missing Wechatpay-* headers', async () => {
    const { 'Wechatpay-Nonce': _n, 'Wechatpay-Serial': _s, ...rest } = signed(NOW);
    expect(await failure(rest)).toEqual({ code: 'ANSWER_HEADERS_MISSING', detail: { missing: ['Wechatpay-Nonce', 'Wechatpay-Serial'] } });
  });

  it('names an unknown Wechatpay-Serial (first 80 characters) and the known ids', async () => {
    const serial = 'X'.repeat(100);
    expect(await failure(signed(NOW, { 'Wechatpay-Serial': serial }))).toEqual({ code: 'ANSWER_SERIAL_UNKNOWN', detail: { keyId: 'X'.repeat(80), known: [keyId] } });
    expect(await failure(signed(NOW), { keys: new Map() })).toEqual({ code: 'ANSWER_SERIAL_UNKNOWN', detail: { keyId, known: [] } });
  });

  it('says why a signature fails: probe, not Base64 of the key size, or mismatch, with the signed length', async () => {
    const messageLength = buildResponseMessage({ timestamp: String(NOW), nonce: NONCE, body: BODY }).byteLength;
    const cases: [string, string][] = [
      ['WECHATPAY/SIGNTEST/abc', 'probe_signature'],
      ['c2ln', 'not_base64'],
      [signed(NOW + 1)['Wechatpay-Signature']!, 'mismatch'],
    ];
    for (const [signature, reason] of cases) {
      expect(await failure(signed(NOW, { 'Wechatpay-Signature': signature }))).toEqual({ code: 'ANSWER_SIGNATURE_INVALID', detail: { reason, keyId, messageLength } });
    }
  });
});

describe('checkSignedMessage verdicts', () => {
  const engine = createNodeEngine();
  const message = buildResponseMessage({ timestamp: String(NOW), nonce: NONCE, body: BODY });
  const good = signed(NOW)['Wechatpay-Signature']!;
  const input = (over: { keyId?: string; timestamp?: string; signature?: string; checkSignatureAlways?: boolean } = {}) => ({
    fields: { keyId: over.keyId ?? keyId, timestamp: over.timestamp ?? String(NOW), nonce: NONCE, signature: over.signature ?? good },
    message,
    publicKeys: new Map([[keyId, receiverPublic], ['other', senderPublic]]),
    now: NOW,
    windowSeconds: 300,
    engine,
    ...(over.checkSignatureAlways === undefined ? {} : { checkSignatureAlways: over.checkSignatureAlways }),
  });

  it('accepts a good message with the key, and no failed check', async () => {
    const verdict = await checkSignedMessage(input());
    expect(verdict).toEqual({ ok: true, keyId, key: receiverPublic, knownKeyIds: [keyId, 'other'], timestamp: { ok: true, timestamp: NOW, skewSeconds: 0, windowSeconds: 300 }, signature: { ok: true } });
    expect('failed' in verdict).toBe(false);
  });

  it('fails key_known first, without a key and without checking the signature', async () => {
    const verdict = await checkSignedMessage(input({ keyId: 'nobody', timestamp: String(NOW - 1000) }));
    expect(verdict).toMatchObject({ ok: false, failed: 'key_known', knownKeyIds: [keyId, 'other'], signature: { ok: false, problem: 'not_checked' } });
    expect('key' in verdict).toBe(false);
  });

  it('fails timestamp_window before the signature, and checks the signature too only when asked', async () => {
    const stale = String(NOW - 300);
    expect(await checkSignedMessage(input({ timestamp: stale }))).toMatchObject({ ok: false, failed: 'timestamp_window', key: receiverPublic, signature: { ok: false, problem: 'not_checked' } });
    expect(await checkSignedMessage(input({ timestamp: stale, checkSignatureAlways: true }))).toMatchObject({ ok: false, failed: 'timestamp_window', signature: { ok: true } });
    expect(await checkSignedMessage(input({ timestamp: stale, signature: 'c2ln', checkSignatureAlways: true }))).toMatchObject({ ok: false, failed: 'timestamp_window', signature: { ok: false, problem: 'not_base64' } });
  });

  it('fails signature last, with the problem', async () => {
    expect(await checkSignedMessage(input({ signature: signed(NOW + 1)['Wechatpay-Signature']! }))).toMatchObject({ ok: false, failed: 'signature', signature: { ok: false, problem: 'mismatch' } });
    expect(await checkSignedMessage(input({ keyId: 'other' }))).toMatchObject({ ok: false, failed: 'signature', key: senderPublic });
  });

  it('signatureProblem: probe prefix, then Base64 of the key size, else mismatch', () => {
    expect(signatureProblem('WECHATPAY/SIGNTEST/x', 2048)).toBe('probe_signature');
    expect(signatureProblem('c2ln', 2048)).toBe('not_base64');
    expect(signatureProblem(good, 2048)).toBe('mismatch');
    expect(signatureProblem(good, 4096)).toBe('not_base64');
  });
});
