// WeChat Pay signs the answers to requests whose signature verified (docs/protocol.md, "Fidelity"): the
// receiver does the same, so a forged or replayed request never costs an RSA signature, and a sender still
// naming an old answer key during a rotation is answered with the default key instead of refused.
import { describe, expect, it, vi } from 'vitest';
import type { ReceiverResponse } from '../src/types.js';
import type { ReceiverOptions, UnknownAnswerKeyEvent } from '../src/receiver/index.js';
import { createMemoryRateLimiter, createReceiver } from '../src/receiver/index.js';
import { ANSWER_KEY_ID, NOW, SERIAL_NO, answerVerifies, editAuthorization, freshKeys, json, receiverOptions, senderKeys, signedRequest } from './receiver-fixtures.js';

function setup(overrides: Partial<ReceiverOptions> = {}) {
  return createReceiver(receiverOptions({ clock: () => NOW, ...overrides }));
}

function expectUnsigned(response: ReceiverResponse, reason: string): void {
  expect(json(response).detail?.reason).toBe(reason);
  const names = Object.keys(response.headers).map((name) => name.toLowerCase());
  expect(names.filter((name) => name.startsWith('wechatpay-'))).toEqual([]);
  // Still traceable: every answer has its Request-ID.
  expect(response.headers['Request-ID']).toMatch(/^[0-9a-f-]{36}$/);
}

function expectSigned(response: ReceiverResponse): void {
  expect(response.headers['Wechatpay-Serial']).toBe(ANSWER_KEY_ID);
  expect(answerVerifies(response)).toBe(true);
}

describe('receiver: answers are signed only for requests whose signature verified', () => {
  const unverified: { reason: string; request: () => ReturnType<typeof signedRequest> }[] = [
    { reason: 'METHOD_NOT_ALLOWED', request: () => signedRequest({ method: 'GET' }) },
    { reason: 'UNSUPPORTED_CONTENT_TYPE', request: () => signedRequest({ headers: { 'content-type': 'text/plain' } }) },
    { reason: 'AUTH_MISSING', request: () => { const r = signedRequest(); delete r.headers.authorization; return r; } },
    { reason: 'AUTH_MALFORMED', request: () => editAuthorization(signedRequest(), (v) => v.replace(',', ', ')) },
    { reason: 'UNKNOWN_SERIAL', request: () => signedRequest({ serialNo: '1'.repeat(40) }) },
    { reason: 'TIMESTAMP_OUT_OF_WINDOW', request: () => signedRequest({ timestamp: NOW - 301 }) },
    { reason: 'SIGNATURE_MISMATCH', request: () => signedRequest({ key: freshKeys().privatePem }) },
  ];
  for (const c of unverified) {
    it(`leaves the ${c.reason} answer unsigned`, async () => {
      expectUnsigned(await setup().handle(c.request()), c.reason);
    });
  }

  it('leaves a replay unsigned: a captured request sent again costs no signature', async () => {
    const receiver = setup();
    const request = signedRequest();
    expectSigned(await receiver.handle(request));
    expectUnsigned(await receiver.handle(request), 'NONCE_REPLAYED');
  });

  it('leaves answers refused before the body was read unsigned', async () => {
    const receiver = setup();
    const { body: _body, ...head } = signedRequest();
    expectUnsigned(await receiver.refuse(head, 'BODY_TOO_LARGE', { receivedBytes: 70_000 }), 'BODY_TOO_LARGE');
    expectUnsigned(await receiver.refuse(head, 'RAW_BODY_UNAVAILABLE'), 'RAW_BODY_UNAVAILABLE');
  });

  it('signs the answers to verified requests: accepted, schema refusal, rate limit and handler failure', async () => {
    expectSigned(await setup().handle(signedRequest()));
    const param = await setup().handle(signedRequest({ body: JSON.stringify({ out_request_no: 'x' }) }));
    expect(json(param).code).toBe('PARAM_ERROR');
    expectSigned(param);
    const limited = setup({ rateLimiter: createMemoryRateLimiter({ perMinute: 1, clock: () => NOW }) });
    await limited.handle(signedRequest());
    const tooMany = await limited.handle(signedRequest());
    expect(tooMany.status).toBe(429);
    expectSigned(tooMany);
    const failing = await setup({ handler: () => { throw new Error('database down'); } }).handle(signedRequest());
    expect(failing.status).toBe(500);
    expectSigned(failing);
  });
});

describe('receiver: an unknown Wechatpay-Serial during a key rotation', () => {
  it('accepts the request, signs the answer with the default key and reports the unknown id', async () => {
    const events: UnknownAnswerKeyEvent[] = [];
    const handler = vi.fn();
    const receiver = setup({ handler, onUnknownAnswerKey: (event) => void events.push(event) });
    const response = await receiver.handle(signedRequest({ answerKeyId: 'PUB_KEY_ID_0119000166812024010100000000000009' }));
    expect(response.status).toBe(200);
    expectSigned(response);
    expect(handler).toHaveBeenCalledTimes(1);
    expect(events).toEqual([
      { requestId: response.headers['Request-ID'], answerKeyId: 'PUB_KEY_ID_0119000166812024010100000000000009', answeredWith: ANSWER_KEY_ID, mchid: '1900016681', serialNo: SERIAL_NO },
    ]);
  });

  it('answers with the key a serial names in another notation, without reporting it', async () => {
    const hexId = 'ABCDEF0123456789ABCDEF0123456789ABCDEF01';
    const other = freshKeys();
    const onUnknownAnswerKey = vi.fn();
    const receiver = setup({
      answerKeys: [
        { id: ANSWER_KEY_ID, privateKey: other.privateKey },
        { id: hexId, privateKey: senderKeys.privateKey },
      ],
      onUnknownAnswerKey,
    });
    const response = await receiver.handle(signedRequest({ answerKeyId: `00${hexId.toLowerCase()}` }));
    expect(response.headers['Wechatpay-Serial']).toBe(hexId);
    expect(answerVerifies(response, senderKeys.publicPem)).toBe(true);
    expect(onUnknownAnswerKey).not.toHaveBeenCalled();
  });

  it('does not report an unknown id of a request whose signature fails, and survives a failing hook', async () => {
    const onUnknownAnswerKey = vi.fn(() => {
      throw new Error('hook failed');
    });
    const receiver = setup({ onUnknownAnswerKey });
    expectUnsigned(await receiver.handle(signedRequest({ answerKeyId: 'PUB_KEY_ID_X', key: freshKeys().privatePem })), 'SIGNATURE_MISMATCH');
    expect(onUnknownAnswerKey).not.toHaveBeenCalled();
    expect((await receiver.handle(signedRequest({ answerKeyId: 'PUB_KEY_ID_X' }))).status).toBe(200);
    expect(onUnknownAnswerKey).toHaveBeenCalledTimes(1);
  });
});
