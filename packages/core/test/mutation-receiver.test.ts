// The receiver's decisions that a weaker test let vary: which Content-Type values are JSON in UTF-8, the
// body limit at its exact byte, the method, and every diagnostic field of a refusal (skew_seconds,
// window_seconds, retry_after_seconds, Retry-After, Request-ID). Asserts the answer's status, code and
// detail fields, not how refusals are signed.
import { describe, expect, it, vi } from 'vitest';
import { AuditNotifyError } from '../src/errors.js';
import type { Inbox, InboxClaim, ReceiverOptions } from '../src/receiver/index.js';
import { createMemoryRateLimiter, createReceiver } from '../src/receiver/index.js';
import { MCHID, NOW, SAMPLE, SERIAL_NO, json, nonce, receiverOptions, senderKeys, signedRequest } from './receiver-fixtures.js';

function receiver(overrides: Partial<ReceiverOptions> = {}) {
  const hooks = { onAccepted: vi.fn(), onRejected: vi.fn(), onError: vi.fn() };
  return { receiver: createReceiver(receiverOptions({ clock: () => NOW, ...hooks, ...overrides })), ...hooks };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('receiver: Content-Type', () => {
  it.each([
    'application/json',
    'application/json; charset=utf-8',
    'application/json;charset=UTF-8',
    'Application/JSON ; Charset="utf-8"',
    '  application/json  ',
    'application/json; profile=notify',
  ])('accepts %j', async (contentType) => {
    const response = await receiver().receiver.handle(signedRequest({ headers: { 'content-type': contentType } }));
    expect(response.status).toBe(200);
  });

  it.each(['application/json; charset=gbk', 'application/json; charset=', 'application/json; charset', 'text/plain', 'application/json-patch+json', 'application/jsonx'])(
    'refuses %j as 400 naming the header and its value',
    async (contentType) => {
      const response = await receiver().receiver.handle(signedRequest({ headers: { 'content-type': contentType } }));
      expect(response.status).toBe(400);
      expect(json(response).detail).toEqual({ reason: 'UNSUPPORTED_CONTENT_TYPE', location: 'header', field: 'Content-Type', value: contentType });
    },
  );

  it('refuses a request with no Content-Type, without a value in detail', async () => {
    const request = signedRequest();
    delete request.headers['content-type'];
    const response = await receiver().receiver.handle(request);
    expect(response.status).toBe(400);
    expect(json(response).detail).toEqual({ reason: 'UNSUPPORTED_CONTENT_TYPE', location: 'header', field: 'Content-Type' });
  });
});

describe('receiver: method and body limit', () => {
  it('answers 405 with Allow: POST and the method in detail', async () => {
    const response = await receiver().receiver.handle(signedRequest({ method: 'PUT' }));
    expect(response.status).toBe(405);
    expect(response.headers.Allow).toBe('POST');
    expect(json(response).detail).toEqual({ reason: 'METHOD_NOT_ALLOWED', location: 'method', value: 'PUT' });
  });

  it('accepts a body of exactly bodyLimit bytes and refuses one byte more with limit and length', async () => {
    const length = new TextEncoder().encode(JSON.stringify(SAMPLE)).byteLength;
    expect((await receiver({ bodyLimit: length }).receiver.handle(signedRequest())).status).toBe(200);
    const response = await receiver({ bodyLimit: length - 1 }).receiver.handle(signedRequest());
    expect(response.status).toBe(413);
    expect(json(response).detail).toEqual({ reason: 'BODY_TOO_LARGE', location: 'body', limit: length - 1, length });
  });

  it('refuse(BODY_TOO_LARGE) reports the bytes that arrived, and a declared length only when it is over the limit', async () => {
    const { receiver: r } = receiver({ bodyLimit: 100 });
    const { method, url, headers } = signedRequest();
    const chunked = json(await r.refuse({ method, url, headers }, 'BODY_TOO_LARGE', { receivedBytes: 150 }));
    expect(chunked.detail).toEqual({ reason: 'BODY_TOO_LARGE', location: 'body', limit: 100, received_bytes: 150 });
    const under = json(await r.refuse({ method, url, headers: { ...headers, 'content-length': '100' } }, 'BODY_TOO_LARGE'));
    expect(under.detail).toEqual({ reason: 'BODY_TOO_LARGE', location: 'body', limit: 100 });
    const over = json(await r.refuse({ method, url, headers: { ...headers, 'content-length': '101' } }, 'BODY_TOO_LARGE'));
    expect(over.detail).toEqual({ reason: 'BODY_TOO_LARGE', location: 'body', limit: 100, length: 101 });
  });
});

describe('receiver: refusal details', () => {
  it('gives skew_seconds and window_seconds of a stale or future timestamp', async () => {
    const { receiver: r } = receiver({ windowSeconds: 120 });
    const stale = json(await r.handle(signedRequest({ timestamp: NOW - 1000 })));
    expect(stale.code).toBe('SIGN_ERROR');
    expect(stale.detail).toMatchObject({ reason: 'TIMESTAMP_OUT_OF_WINDOW', location: 'authorization', field: 'timestamp', value: NOW - 1000, skew_seconds: 1000, window_seconds: 120 });
    const future = json(await r.handle(signedRequest({ timestamp: NOW + 1000 })));
    expect(future.detail).toMatchObject({ skew_seconds: -1000, window_seconds: 120 });
    const millis = json(await r.handle(signedRequest({ timestamp: NOW * 1000 })));
    expect(millis.detail).toMatchObject({ reason: 'TIMESTAMP_OUT_OF_WINDOW', skew_seconds: NOW - NOW * 1000 });
    expect(millis.message).toMatch(/milliseconds/);
  });

  it('rate-limits with Retry-After and retry_after_seconds rounded up to whole seconds, at least 1', async () => {
    const limited = (retryAfterSeconds: number) => receiver({ rateLimiter: { take: async () => ({ ok: false, retryAfterSeconds }) } }).receiver;
    for (const [given, expected] of [[2.2, 3], [0.2, 1], [60, 60]] as const) {
      const response = await limited(given).handle(signedRequest());
      expect(response.status).toBe(429);
      expect(response.headers['Retry-After']).toBe(String(expected));
      expect(json(response).detail).toMatchObject({ reason: 'RATE_LIMITED', retry_after_seconds: expected });
    }
  });

  it('takes one token per accepted request from the default-sized limiter', async () => {
    const { receiver: r } = receiver({ rateLimiter: createMemoryRateLimiter({ perMinute: 1, clock: () => NOW }) });
    expect((await r.handle(signedRequest())).status).toBe(200);
    const response = await r.handle(signedRequest({ mchid: MCHID }));
    expect(response.status).toBe(429);
    expect(response.headers['Retry-After']).toBe('60');
  });

  it('answers a full nonce store 503 with Retry-After from its detail (rounded up, at least 1)', async () => {
    const full = (detail?: Record<string, unknown>) =>
      receiver({ nonceStore: { claim: () => Promise.reject(new AuditNotifyError('NONCE_STORE_FULL', 'full', detail ? { detail } : {})), release: async () => undefined } }).receiver;
    for (const [detail, expected] of [[{ retry_after_seconds: 7.5 }, 8], [undefined, 1], [{ retry_after_seconds: 0 }, 1]] as const) {
      const response = await full(detail).handle(signedRequest());
      expect(response.status).toBe(503);
      expect(response.headers['Retry-After']).toBe(String(expected));
      expect(json(response).detail).toEqual({ reason: 'NONCE_STORE_FULL', location: 'authorization', field: 'nonce_str', retry_after_seconds: expected });
    }
  });

  it('names the replayed nonce', async () => {
    const { receiver: r } = receiver();
    const value = nonce();
    expect((await r.handle(signedRequest({ nonce: value }))).status).toBe(200);
    const replay = json(await r.handle(signedRequest({ nonce: value })));
    expect(replay.detail).toMatchObject({ reason: 'NONCE_REPLAYED', location: 'authorization', field: 'nonce_str', value });
  });

  it('refuses bytes that are not UTF-8 and text that is not JSON, in the body', async () => {
    const { receiver: r } = receiver();
    const bad = json(await r.handle(signedRequest({ body: new Uint8Array([0x7b, 0xff, 0x7d]) })));
    expect(bad.detail).toEqual({ reason: 'INVALID_ENCODING', location: 'body' });
    const notJson = json(await r.handle(signedRequest({ body: '{"mchid":' })));
    expect(notJson.detail).toEqual({ reason: 'INVALID_JSON', location: 'body' });
  });
});

describe('receiver: Request-ID', () => {
  it('is a fresh UUID per exchange, the same in the answer and in the hook event', async () => {
    const { receiver: r, onAccepted, onRejected } = receiver();
    const accepted = await r.handle(signedRequest());
    const refused = await r.handle(signedRequest({ method: 'GET' }));
    const ids = [accepted.headers['Request-ID'], refused.headers['Request-ID']];
    for (const id of ids) expect(id).toMatch(UUID);
    expect(ids[0]).not.toBe(ids[1]);
    expect(onAccepted.mock.calls[0]?.[0]).toMatchObject({ requestId: ids[0] });
    expect(onRejected.mock.calls[0]?.[0]).toMatchObject({ requestId: ids[1], code: 'METHOD_NOT_ALLOWED', status: 405 });
    expect(accepted.headers['Content-Length']).toBe(String(accepted.body.byteLength));
    expect(accepted.headers['Content-Type']).toBe('application/json');
  });
});

const authorizationOf = (request: { headers: Record<string, string> }): string => request.headers['authorization'] ?? '';

describe('receiver: repeated headers and Content-Type parameters', () => {
  it('refuses an Authorization header sent twice as multiple_headers, even when the second is not a full header', async () => {
    const request = signedRequest();
    const headers: Record<string, string | string[]> = { ...(request.headers as Record<string, string>), authorization: [authorizationOf(request), 'x="1"'] };
    const answer = json(await receiver().receiver.handle({ ...request, headers }));
    expect(answer.detail).toMatchObject({ reason: 'AUTH_MALFORMED', location: 'authorization', problem: 'multiple_headers' });
  });

  it('accepts a request whose other headers were repeated, and a one-line Authorization list', async () => {
    const request = signedRequest();
    // The repeated header comes first, so a receiver that took any list for the Authorization header would see it.
    const repeated: Record<string, string | string[]> = { 'x-forwarded-for': ['10.0.0.1', '10.0.0.2'], ...(request.headers as Record<string, string>) };
    expect((await receiver().receiver.handle({ ...request, headers: repeated })).status).toBe(200);
    const once = signedRequest();
    const listed: Record<string, string | string[]> = { ...(once.headers as Record<string, string>), authorization: [authorizationOf(once)] };
    expect((await receiver().receiver.handle({ ...once, headers: listed })).status).toBe(200);
  });

  it('trims the charset value but keeps a quote inside it', async () => {
    expect((await receiver().receiver.handle(signedRequest({ headers: { 'content-type': 'application/json; charset=utf-8 ;profile=notify' } }))).status).toBe(200);
    expect((await receiver().receiver.handle(signedRequest({ headers: { 'content-type': 'application/json; charset=utf"-8' } }))).status).toBe(400);
  });
});

describe('receiver: details of key, mchid and inbox refusals', () => {
  it('names the unknown serial_no', async () => {
    const serialNo = '1'.repeat(40);
    const answer = json(await receiver().receiver.handle(signedRequest({ serialNo })));
    expect(answer.detail).toMatchObject({ reason: 'UNKNOWN_SERIAL', location: 'authorization', field: 'serial_no', value: serialNo });
  });

  it('names the mchid that the certificate may not send for', async () => {
    const { receiver: r } = receiver({ senders: [{ serialNo: SERIAL_NO, publicKey: senderKeys.publicKey, mchids: [MCHID] }] });
    const answer = json(await r.handle(signedRequest({ mchid: '1900000109' })));
    expect(answer.detail).toEqual({ reason: 'MCHID_NOT_ALLOWED', location: 'authorization', field: 'mchid', value: '1900000109' });
  });

  it('claims the inbox record under (mchid, out_request_no)', async () => {
    const keys: unknown[] = [];
    const inbox: Inbox = {
      claim: async (key) => {
        keys.push(key);
        return { state: 'claimed', token: 't' };
      },
      complete: async () => true,
      release: async () => undefined,
    };
    expect((await receiver({ inbox }).receiver.handle(signedRequest())).status).toBe(200);
    expect(keys).toEqual([{ mchid: MCHID, outRequestNo: SAMPLE.out_request_no }]);
  });

  it('answers an in-progress record 503 with Retry-After, and a conflicting one 409, naming out_request_no', async () => {
    const claimed = (claim: InboxClaim): Inbox => ({ claim: async () => claim, complete: async () => true, release: async () => undefined });
    const busy = await receiver({ inbox: claimed({ state: 'in_progress', retryAfterSeconds: 30 }) }).receiver.handle(signedRequest());
    expect(busy.status).toBe(503);
    expect(busy.headers['Retry-After']).toBe('30');
    expect(json(busy).detail).toEqual({ reason: 'NOTIFICATION_IN_PROGRESS', location: 'body', field: '/out_request_no', value: SAMPLE.out_request_no, retry_after_seconds: 30 });
    const conflict = json(await receiver({ inbox: claimed({ state: 'conflict', fieldsHash: 'other' }) }).receiver.handle(signedRequest()));
    expect(conflict.detail).toEqual({ reason: 'OUT_REQUEST_NO_CONFLICT', location: 'body', field: '/out_request_no', value: SAMPLE.out_request_no });
  });

  it('does not call onUnknownAnswerKey for a request that names no answer key', async () => {
    const onUnknownAnswerKey = vi.fn();
    expect((await receiver({ onUnknownAnswerKey }).receiver.handle(signedRequest({ answerKeyId: null }))).status).toBe(200);
    expect(onUnknownAnswerKey).not.toHaveBeenCalled();
  });
});

describe('receiver: infrastructure faults', () => {
  it('wraps a nonce store error other than NONCE_STORE_FULL as INTERNAL_ERROR, and passes an INTERNAL_ERROR through as it is', async () => {
    const failing = (error: Error) => receiver({ nonceStore: { claim: () => Promise.reject(error), release: async () => undefined } });
    const other = new AuditNotifyError('INVALID_OPTIONS', 'not a store answer');
    const wrapped = failing(other);
    await expect(wrapped.receiver.handle(signedRequest())).rejects.toMatchObject({ code: 'INTERNAL_ERROR', cause: other });
    expect(wrapped.onError.mock.calls[0]?.[0]).toMatchObject({ code: 'INTERNAL_ERROR' });
    const internal = new AuditNotifyError('INTERNAL_ERROR', 'store down');
    await expect(failing(internal).receiver.handle(signedRequest())).rejects.toBe(internal);
  });
});
