// Every rejection of protocol.md §2 and §3, in the order of §3: status, wire code, detail.reason, and the
// handler never called.
import { describe, expect, it, vi } from 'vitest';
import type { ReceiverRequest, ReceiverResponse } from '../src/types.js';
import type { NotifyContext, ReceiverOptions } from '../src/receiver/index.js';
import { createMemoryRateLimiter, createReceiver } from '../src/receiver/index.js';
import { NOTIFY_PATH } from '../src/protocol/index.js';
import { ANSWER_KEY_ID, MCHID, NOW, SAMPLE, SERIAL_NO, answerKeys, answerVerifies, editAuthorization, json, senderKeys, signedRequest, receiverOptions } from './receiver-fixtures.js';

function setup(overrides: Partial<ReceiverOptions> = {}) {
  const handler = vi.fn<(context: NotifyContext) => void>();
  const receiver = createReceiver(receiverOptions({ handler, clock: () => NOW, ...overrides }));
  return { receiver, handler };
}

function expectRejected(response: ReceiverResponse, status: number, wire: string, reason: string): Record<string, unknown> {
  expect(response.status).toBe(status);
  const body = json(response);
  expect(body.code).toBe(wire);
  expect(body.detail?.reason).toBe(reason);
  expect(typeof body.message).toBe('string');
  return body.detail as Record<string, unknown>;
}

const encoder = new TextEncoder();
/** Refusals that come after the signature check passed: their answers are signed. */
const SIGNED_REFUSALS = new Set(['RATE_LIMITED', 'INVALID_JSON', 'INVALID_ENCODING', 'PARAM_ERROR']);

describe('receiver: accepting', () => {
  it('answers a valid notification 200 {"ret_msg":"SUCC"}, signed with the key Wechatpay-Serial named', async () => {
    const { receiver, handler } = setup();
    const request = signedRequest();
    const response = await receiver.handle(request);
    expect(response.status).toBe(200);
    expect(new TextDecoder().decode(response.body)).toBe('{"ret_msg":"SUCC"}');
    expect(response.headers['Content-Type']).toBe('application/json');
    expect(response.headers['Content-Length']).toBe(String(response.body.byteLength));
    expect(response.headers['Request-ID']).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers['Wechatpay-Serial']).toBe(ANSWER_KEY_ID);
    expect(response.headers['Wechatpay-Signature-Type']).toBe('WECHATPAY2-SHA256-RSA2048');
    expect(response.headers['Wechatpay-Timestamp']).toBe(String(NOW));
    expect(answerVerifies(response)).toBe(true);
    expect(handler).toHaveBeenCalledTimes(1);
    const context = handler.mock.calls[0]?.[0] as NotifyContext;
    expect(context.notification).toMatchObject(SAMPLE);
    expect(context.raw).toEqual(request.body);
    expect(context.mchid).toBe(MCHID);
    expect(context.serialNo).toBe(SERIAL_NO);
    expect(context.requestId).toBe(response.headers['Request-ID']);
  });

  it('gives the handler unknown fields and warnings, and accepts fail fields with PASS as the documentation’s example sends them', async () => {
    const { receiver, handler } = setup();
    const body = JSON.stringify({ ...SAMPLE, fail_code: '1001', fail_msg: 'IDCARD_ILLEGAL', future_field: 1 });
    const response = await receiver.handle(signedRequest({ body }));
    expect(response.status).toBe(200);
    const context = handler.mock.calls[0]?.[0] as NotifyContext;
    expect(context.unknownFields).toEqual({ future_field: 1 });
    expect(context.warnings.map((warning) => warning.code)).toContain('FAIL_FIELDS_WITH_PASS');
    expect(Object.keys(context.notification)).not.toContain('future_field');
  });

  it('verifies over the raw bytes: a pretty-printed Chinese body signed as sent is accepted', async () => {
    const { receiver, handler } = setup();
    const body = '{\n  "out_request_no": "请求单号-0001",\n  "mchid": "1900016681",\n  "audit_result": "REJECT",\n  "fail_code": "1001",\n  "fail_msg": "身份证件不合法"\n}';
    const response = await receiver.handle(signedRequest({ body }));
    expect(response.status).toBe(200);
    expect((handler.mock.calls[0]?.[0] as NotifyContext).notification.out_request_no).toBe('请求单号-0001');
  });

  it('verifies the url with its query exactly as received', async () => {
    const { receiver } = setup();
    const response = await receiver.handle(signedRequest({ url: `${NOTIFY_PATH}?trace=a%20b` }));
    expect(response.status).toBe(200);
  });

  it('answers with the ret_msg the handler chose with answer()', async () => {
    const { receiver } = setup({ handler: ({ answer }) => answer('成功') });
    const response = await receiver.handle(signedRequest());
    expect(json(response)).toEqual({ ret_msg: '成功' });
    expect(response.headers['Content-Length']).toBe(String(response.body.byteLength));
    expect(answerVerifies(response)).toBe(true);
  });

  it('takes a Fetch Headers object as well as a record', async () => {
    const { receiver } = setup();
    const request = signedRequest();
    const response = await receiver.handle({ ...request, headers: new Headers(request.headers) });
    expect(response.status).toBe(200);
  });

  it('signs with the first answer key when the request names none', async () => {
    const { receiver } = setup();
    const response = await receiver.handle(signedRequest({ answerKeyId: null }));
    expect(response.status).toBe(200);
    expect(response.headers['Wechatpay-Serial']).toBe(ANSWER_KEY_ID);
    expect(answerVerifies(response)).toBe(true);
  });

  it('signs the answer with a whole-second Wechatpay-Timestamp when the clock has fractions of a second', async () => {
    const { receiver } = setup({ clock: () => NOW + 0.25 });
    const response = await receiver.handle(signedRequest());
    expect(response.status).toBe(200);
    expect(response.headers['Wechatpay-Timestamp']).toBe(String(NOW));
    expect(answerVerifies(response)).toBe(true);
  });
});

describe('receiver: rejections (protocol.md §2, §3), the handler never called', () => {
  interface Case {
    name: string;
    request: () => ReceiverRequest;
    status: number;
    wire: string;
    reason: string;
    options?: Partial<ReceiverOptions>;
    /** Send the request once before (a replay). */
    before?: boolean;
  }
  const replayed = signedRequest();
  const limited = { rateLimiter: createMemoryRateLimiter({ perMinute: 1, clock: () => NOW }) };
  const cases: Case[] = [
    { name: 'GET instead of POST', request: () => signedRequest({ method: 'GET' }), status: 405, wire: 'INVALID_REQUEST', reason: 'METHOD_NOT_ALLOWED' },
    { name: 'a lower-case method', request: () => ({ ...signedRequest(), method: 'post' }), status: 405, wire: 'INVALID_REQUEST', reason: 'METHOD_NOT_ALLOWED' },
    {
      name: 'a body over the limit',
      request: () => signedRequest({ body: JSON.stringify({ ...SAMPLE, attach_info: 'x'.repeat(2000) }) }),
      options: { bodyLimit: 1024 },
      status: 413,
      wire: 'INVALID_REQUEST',
      reason: 'BODY_TOO_LARGE',
    },
    { name: 'Content-Type text/plain', request: () => signedRequest({ headers: { 'content-type': 'text/plain' } }), status: 400, wire: 'INVALID_REQUEST', reason: 'UNSUPPORTED_CONTENT_TYPE' },
    { name: 'no Content-Type', request: () => { const r = signedRequest(); delete r.headers['content-type']; return r; }, status: 400, wire: 'INVALID_REQUEST', reason: 'UNSUPPORTED_CONTENT_TYPE' },
    { name: 'a charset other than UTF-8', request: () => signedRequest({ headers: { 'content-type': 'application/json; charset=GBK' } }), status: 400, wire: 'INVALID_REQUEST', reason: 'UNSUPPORTED_CONTENT_TYPE' },
    { name: 'no Authorization', request: () => { const r = signedRequest(); delete r.headers.authorization; return r; }, status: 401, wire: 'SIGN_ERROR', reason: 'AUTH_MISSING' },
    { name: 'an Authorization with single quotes', request: () => editAuthorization(signedRequest(), (value) => value.replace(/"/g, "'")), status: 401, wire: 'SIGN_ERROR', reason: 'AUTH_MALFORMED' },
    { name: 'an Authorization of another scheme', request: () => signedRequest({ headers: { authorization: 'Bearer abc' } }), status: 401, wire: 'SIGN_ERROR', reason: 'AUTH_MALFORMED' },
    { name: 'an unknown serial_no', request: () => signedRequest({ serialNo: '0000000000000000000000000000000000000000' }), status: 401, wire: 'SIGN_ERROR', reason: 'UNKNOWN_SERIAL' },
    {
      name: 'an mchid not allowed for the serial',
      request: () => signedRequest({ mchid: '1900000001' }),
      options: { senders: [{ serialNo: SERIAL_NO, publicKey: senderKeys.publicKey, mchids: [MCHID] }] },
      status: 403,
      wire: 'NO_AUTH',
      reason: 'MCHID_NOT_ALLOWED',
    },
    { name: 'a timestamp 301 s old', request: () => signedRequest({ timestamp: NOW - 301 }), status: 401, wire: 'SIGN_ERROR', reason: 'TIMESTAMP_OUT_OF_WINDOW' },
    { name: 'a timestamp 301 s ahead', request: () => signedRequest({ timestamp: NOW + 301 }), status: 401, wire: 'SIGN_ERROR', reason: 'TIMESTAMP_OUT_OF_WINDOW' },
    { name: 'a timestamp in milliseconds', request: () => signedRequest({ timestamp: NOW * 1000 }), status: 401, wire: 'SIGN_ERROR', reason: 'TIMESTAMP_OUT_OF_WINDOW' },
    { name: 'a body changed after signing', request: () => { const r = signedRequest(); r.body = encoder.encode(JSON.stringify({ ...SAMPLE, audit_result: 'REJECT' })); return r; }, status: 401, wire: 'SIGN_ERROR', reason: 'SIGNATURE_MISMATCH' },
    { name: 'a re-serialised body', request: () => { const r = signedRequest(); r.body = encoder.encode(JSON.stringify(SAMPLE, null, 2)); return r; }, status: 401, wire: 'SIGN_ERROR', reason: 'SIGNATURE_MISMATCH' },
    { name: 'a url changed after signing', request: () => ({ ...signedRequest(), url: `${NOTIFY_PATH}?x=1` }), status: 401, wire: 'SIGN_ERROR', reason: 'SIGNATURE_MISMATCH' },
    { name: 'a signature by another key', request: () => signedRequest({ key: answerKeys.privatePem }), status: 401, wire: 'SIGN_ERROR', reason: 'SIGNATURE_MISMATCH' },
    { name: 'a WECHATPAY/SIGNTEST/ probe signature', request: () => editAuthorization(signedRequest(), (value) => value.replace(/signature="[^"]*"/, 'signature="WECHATPAY/SIGNTEST/abc"')), status: 401, wire: 'SIGN_ERROR', reason: 'SIGNATURE_MISMATCH' },
    { name: 'a replayed nonce', request: () => replayed, before: true, status: 401, wire: 'SIGN_ERROR', reason: 'NONCE_REPLAYED' },
    { name: 'more requests than the rate limit', request: () => signedRequest(), options: limited, before: true, status: 429, wire: 'FREQUENCY_LIMITED', reason: 'RATE_LIMITED' },
    { name: 'a body that is not UTF-8', request: () => signedRequest({ body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]) }), status: 400, wire: 'INVALID_REQUEST', reason: 'INVALID_ENCODING' },
    { name: 'a body that is not JSON', request: () => signedRequest({ body: 'out_request_no=1' }), status: 400, wire: 'INVALID_REQUEST', reason: 'INVALID_JSON' },
    { name: 'an empty body', request: () => signedRequest({ body: '' }), status: 400, wire: 'INVALID_REQUEST', reason: 'INVALID_JSON' },
    { name: 'a body without out_request_no', request: () => signedRequest({ body: JSON.stringify({ mchid: MCHID, audit_result: 'PASS' }) }), status: 400, wire: 'PARAM_ERROR', reason: 'PARAM_ERROR' },
    { name: 'an audit_result outside PASS/REJECT', request: () => signedRequest({ body: JSON.stringify({ ...SAMPLE, audit_result: 'MAYBE' }) }), status: 400, wire: 'PARAM_ERROR', reason: 'PARAM_ERROR' },
    { name: 'a JSON array body', request: () => signedRequest({ body: '[]' }), status: 400, wire: 'PARAM_ERROR', reason: 'PARAM_ERROR' },
  ];

  for (const c of cases) {
    it(`rejects ${c.name} with ${c.status} ${c.wire} (${c.reason})`, async () => {
      const { receiver, handler } = setup(c.options);
      if (c.before) {
        const first = await receiver.handle(c.request());
        expect(first.status).toBe(200);
        handler.mockClear();
      }
      const response = await receiver.handle(c.request());
      expectRejected(response, c.status, c.wire, c.reason);
      expect(handler).not.toHaveBeenCalled();
      expect(response.headers['Content-Length']).toBe(String(response.body.byteLength));
      expect(response.headers['Request-ID']).toBeTruthy();
      // Only answers to requests that passed the signature check are signed (protocol.md §4, "Fidelity").
      if (SIGNED_REFUSALS.has(c.reason)) expect(answerVerifies(response)).toBe(true);
      else expect(response.headers['Wechatpay-Signature']).toBeUndefined();
    });
  }

  it('accepts a body of exactly bodyLimit bytes', async () => {
    const { receiver } = setup({ bodyLimit: 1024 });
    const base = JSON.stringify({ ...SAMPLE, attach_info: '' });
    const body = JSON.stringify({ ...SAMPLE, attach_info: 'x'.repeat(1024 - base.length) });
    expect(body.length).toBe(1024);
    expect((await receiver.handle(signedRequest({ body }))).status).toBe(200);
  });

  it('accepts a timestamp 299 s old or ahead (the window is |now − ts| ≤ 300 for requests)', async () => {
    const { receiver } = setup();
    expect((await receiver.handle(signedRequest({ timestamp: NOW - 299 }))).status).toBe(200);
    expect((await receiver.handle(signedRequest({ timestamp: NOW + 299 }))).status).toBe(200);
  });

  it('shows in SIGN_ERROR answers what it computed, as WeChat Pay does (detail.sign_information)', async () => {
    const { receiver } = setup();
    const request = signedRequest({ nonce: '593BEC0C930BF1AFEB40B4A08C8FB242' });
    request.body = encoder.encode(JSON.stringify(SAMPLE, null, 2));
    const detail = expectRejected(await receiver.handle(request), 401, 'SIGN_ERROR', 'SIGNATURE_MISMATCH');
    expect(detail.sign_information).toEqual({
      method: 'POST',
      url: NOTIFY_PATH,
      sign_message_length: `POST\n${NOTIFY_PATH}\n${NOW}\n593BEC0C930BF1AFEB40B4A08C8FB242\n`.length + request.body.byteLength + 1,
      truncated_sign_message: `POST\n${NOTIFY_PATH}\n${NOW}\n593BEC0C930BF1AFEB40B4A08C8FB242\n{\n  "out\n`,
    });
    expect(detail.location).toBe('authorization');
  });

  it('names the Authorization problem in detail.problem', async () => {
    const { receiver } = setup();
    const request = editAuthorization(signedRequest(), (value) => value.replace(',', ', '));
    const detail = expectRejected(await receiver.handle(request), 401, 'SIGN_ERROR', 'AUTH_MALFORMED');
    expect(detail.problem).toBe('space_between_pairs');
  });

  it('says which field is wrong in a PARAM_ERROR', async () => {
    const { receiver } = setup();
    const response = await receiver.handle(signedRequest({ body: JSON.stringify({ ...SAMPLE, out_request_no: 'x'.repeat(65) }) }));
    const detail = expectRejected(response, 400, 'PARAM_ERROR', 'PARAM_ERROR');
    expect(detail.field).toBe('/out_request_no');
    expect(detail.location).toBe('body');
  });

  it('hints at milliseconds for a 13-digit timestamp', async () => {
    const { receiver } = setup();
    const response = await receiver.handle(signedRequest({ timestamp: NOW * 1000 }));
    expect(json(response).message).toMatch(/milliseconds/);
  });

  it('sends Retry-After with 429 and Allow with 405', async () => {
    const { receiver } = setup({ rateLimiter: createMemoryRateLimiter({ perMinute: 1, clock: () => NOW }) });
    await receiver.handle(signedRequest());
    const limited = await receiver.handle(signedRequest());
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['Retry-After'])).toBeGreaterThanOrEqual(1);
    const get = await receiver.handle(signedRequest({ method: 'GET' }));
    expect(get.headers.Allow).toBe('POST');
  });

  it('answers 500 SYSTEM_ERROR (HANDLER_FAILED) when the handler throws, and does not leak its message', async () => {
    const { receiver } = setup({ handler: () => { throw new Error('database password is hunter2'); } });
    const response = await receiver.handle(signedRequest());
    expectRejected(response, 500, 'SYSTEM_ERROR', 'HANDLER_FAILED');
    expect(new TextDecoder().decode(response.body)).not.toContain('hunter2');
    expect(answerVerifies(response)).toBe(true);
  });

  it('answers 500 SYSTEM_ERROR when the handler rejects', async () => {
    const { receiver } = setup({ handler: async () => Promise.reject(new Error('down')) });
    expectRejected(await receiver.handle(signedRequest()), 500, 'SYSTEM_ERROR', 'HANDLER_FAILED');
  });

  it('answers exactly {"ret_msg":"SUCC"} whatever else the handler returns, a ret_msg-shaped object included', async () => {
    for (const returned of [{ id: 5, saved: true }, 42, 'ok', null, { ret_msg: 'leaked' }, [1]]) {
      const { receiver } = setup({ handler: () => returned });
      const response = await receiver.handle(signedRequest());
      expect({ status: response.status, body: new TextDecoder().decode(response.body) }).toEqual({ status: 200, body: '{"ret_msg":"SUCC"}' });
    }
  });

  it('answers 500 HANDLER_FAILED, with ANSWER_INVALID for onError, when answer() gets a ret_msg that is not an APIv3 string', async () => {
    const errors: unknown[] = [];
    const { receiver } = setup({ handler: ({ answer }) => answer('🙂'), onError: (error) => void errors.push(error) });
    expectRejected(await receiver.handle(signedRequest()), 500, 'SYSTEM_ERROR', 'HANDLER_FAILED');
    expect(errors).toEqual([expect.objectContaining({ code: 'ANSWER_INVALID', message: expect.stringContaining('retMsg must be a string') })]);
  });

  it('answers 500 SYSTEM_ERROR (RAW_BODY_UNAVAILABLE) when an adapter hands over a parsed body', async () => {
    const { receiver, handler } = setup();
    const request = signedRequest();
    const response = await receiver.handle({ ...request, body: JSON.parse(JSON.stringify(SAMPLE)) as never });
    expectRejected(response, 500, 'SYSTEM_ERROR', 'RAW_BODY_UNAVAILABLE');
    expect(handler).not.toHaveBeenCalled();
  });
});

describe('receiver: check order (cheapest first, protocol.md §3)', () => {
  it('refuses the method before looking at the body size or headers', async () => {
    const { receiver } = setup({ bodyLimit: 10 });
    const response = await receiver.handle({ method: 'PUT', url: NOTIFY_PATH, headers: {}, body: new Uint8Array(100) });
    expectRejected(response, 405, 'INVALID_REQUEST', 'METHOD_NOT_ALLOWED');
  });

  it('refuses an oversized body before the content type', async () => {
    const { receiver } = setup({ bodyLimit: 10 });
    const response = await receiver.handle({ method: 'POST', url: NOTIFY_PATH, headers: { 'content-type': 'text/plain' }, body: new Uint8Array(11) });
    expectRejected(response, 413, 'INVALID_REQUEST', 'BODY_TOO_LARGE');
  });

  it('refuses the content type before the Authorization', async () => {
    const { receiver } = setup();
    const response = await receiver.handle({ method: 'POST', url: NOTIFY_PATH, headers: { 'content-type': 'text/plain' }, body: new Uint8Array(1) });
    expectRejected(response, 400, 'INVALID_REQUEST', 'UNSUPPORTED_CONTENT_TYPE');
  });

  it('refuses an unknown serial before the timestamp, whatever Wechatpay-Serial names', async () => {
    const { receiver } = setup();
    const both = signedRequest({ serialNo: 'FFFF', answerKeyId: 'PUB_KEY_ID_OTHER', timestamp: NOW - 1000 });
    expectRejected(await receiver.handle(both), 401, 'SIGN_ERROR', 'UNKNOWN_SERIAL');
    const answerKeyAndTime = signedRequest({ answerKeyId: 'PUB_KEY_ID_OTHER', timestamp: NOW - 1000 });
    expectRejected(await receiver.handle(answerKeyAndTime), 401, 'SIGN_ERROR', 'TIMESTAMP_OUT_OF_WINDOW');
  });

  it('refuses a stale timestamp before checking the signature', async () => {
    const { receiver } = setup();
    const request = signedRequest({ timestamp: NOW - 1000 });
    request.body = encoder.encode('{}');
    expectRejected(await receiver.handle(request), 401, 'SIGN_ERROR', 'TIMESTAMP_OUT_OF_WINDOW');
  });

  it('checks the signature before JSON and schema, so forged garbage is a SIGN_ERROR', async () => {
    const { receiver } = setup();
    const request = signedRequest();
    request.body = encoder.encode('not json');
    expectRejected(await receiver.handle(request), 401, 'SIGN_ERROR', 'SIGNATURE_MISMATCH');
  });

  it('does not let a forged request burn a nonce: the genuine request with that nonce is accepted after', async () => {
    const { receiver } = setup();
    const genuine = signedRequest({ nonce: 'AAAABBBBCCCCDDDDEEEEFFFFGGGGHHHH' });
    const forged = { ...genuine, body: encoder.encode(JSON.stringify({ ...SAMPLE, audit_result: 'REJECT' })) };
    expectRejected(await receiver.handle(forged), 401, 'SIGN_ERROR', 'SIGNATURE_MISMATCH');
    expect((await receiver.handle(genuine)).status).toBe(200);
  });
});
