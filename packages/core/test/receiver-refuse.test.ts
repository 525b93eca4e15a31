// receiver.refuse(): the answer to a request an adapter refused before reading its body (413 over the limit,
// 500 when a body parser consumed the stream). Shaped like every other answer (protocol.md §2), and unsigned:
// no signature was verified, and WeChat Pay signs only the answers to requests whose signature verified.
import { describe, expect, it, vi } from 'vitest';
import type { ReceiverOptions, RejectedEvent } from '../src/receiver/index.js';
import { createReceiver } from '../src/receiver/index.js';
import { isAuditNotifyError } from '../src/errors.js';
import { NOTIFY_PATH } from '../src/protocol/index.js';
import { ANSWER_KEY_ID, NOW, json, receiverOptions, signedRequest } from './receiver-fixtures.js';

function setup(overrides: Partial<ReceiverOptions> = {}) {
  const onRejected = vi.fn<(event: RejectedEvent) => void>();
  const onError = vi.fn<(error: unknown, event: RejectedEvent) => void>();
  const handler = vi.fn();
  const receiver = createReceiver(receiverOptions({ handler, onRejected, onError, clock: () => NOW, ...overrides }));
  return { receiver, onRejected, onError, handler };
}

/** The request as an adapter has it before reading the body: method, URL and headers only. */
function headOf(headers: Record<string, string> = {}) {
  const { method, url, headers: signed } = signedRequest();
  return { method, url, headers: { ...signed, ...headers } };
}

describe('receiver.refuse', () => {
  it('answers BODY_TOO_LARGE 413 INVALID_REQUEST naming the declared Content-Length, unsigned', async () => {
    const { receiver, onRejected, onError, handler } = setup();
    const response = await receiver.refuse(headOf({ 'content-length': String(2 ** 30) }), 'BODY_TOO_LARGE');
    expect(response.status).toBe(413);
    const body = json(response);
    expect(body.code).toBe('INVALID_REQUEST');
    expect(body.message).toBe('The body declares 1073741824 bytes (Content-Length), over the limit of 65536.');
    expect(body.detail).toEqual({ reason: 'BODY_TOO_LARGE', location: 'body', limit: 65_536, length: 2 ** 30 });
    expect(response.headers['Wechatpay-Serial']).toBeUndefined();
    expect(response.headers['Wechatpay-Signature']).toBeUndefined();
    expect(response.headers['Content-Length']).toBe(String(response.body.byteLength));
    expect(onRejected).toHaveBeenCalledOnce();
    expect(onRejected.mock.calls[0]?.[0]).toMatchObject({ code: 'BODY_TOO_LARGE', status: 413, requestId: response.headers['Request-ID'] });
    expect(onError).not.toHaveBeenCalled();
    expect(handler).not.toHaveBeenCalled();
  });

  it('says "longer than the limit" with the bytes read when a chunked body has no Content-Length', async () => {
    const { receiver } = setup({ bodyLimit: 100 });
    const response = await receiver.refuse(headOf({ 'transfer-encoding': 'chunked' }), 'BODY_TOO_LARGE', { receivedBytes: 164 });
    const body = json(response);
    expect(response.status).toBe(413);
    expect(body.message).toBe('The body is longer than the limit of 100 bytes (164 bytes arrived before reading stopped).');
    expect(body.detail).toEqual({ reason: 'BODY_TOO_LARGE', location: 'body', limit: 100, received_bytes: 164 });
    expect(body.message).not.toMatch(/101/);
  });

  it('answers RAW_BODY_UNAVAILABLE 500 SYSTEM_ERROR and reports it to onError with the adapter reason', async () => {
    const { receiver, onRejected, onError } = setup();
    const response = await receiver.refuse(headOf(), 'RAW_BODY_UNAVAILABLE', { reason: 'express.json() ran first' });
    expect(response.status).toBe(500);
    const body = json(response);
    expect(body.code).toBe('SYSTEM_ERROR');
    expect(body.detail).toEqual({ reason: 'RAW_BODY_UNAVAILABLE' });
    expect(JSON.stringify(body)).not.toContain('express.json');
    expect(response.headers['Wechatpay-Signature']).toBeUndefined();
    expect(onRejected).not.toHaveBeenCalled();
    expect(onError).toHaveBeenCalledOnce();
    const [error, event] = onError.mock.calls[0] ?? [];
    expect(isAuditNotifyError(error) && error.code).toBe('RAW_BODY_UNAVAILABLE');
    expect((error as Error).message).toBe('express.json() ran first');
    expect(event).toMatchObject({ code: 'RAW_BODY_UNAVAILABLE', status: 500 });
  });

  it('never signs, whichever answer key the request names', async () => {
    const sign = vi.fn(() => Promise.resolve('unused'));
    const { receiver } = setup({ engine: { name: 'node' as const, sign, verify: () => Promise.resolve(true) } });
    const named = await receiver.refuse(headOf({ 'wechatpay-serial': ANSWER_KEY_ID, 'content-length': '70000' }), 'BODY_TOO_LARGE');
    const none = await receiver.refuse({ method: 'POST', url: NOTIFY_PATH, headers: {} }, 'BODY_TOO_LARGE');
    expect([named.status, none.status]).toEqual([413, 413]);
    expect(sign).not.toHaveBeenCalled();
  });

  it('answers the same code and detail as handle() does for an oversized body', async () => {
    const { receiver } = setup({ bodyLimit: 10 });
    const viaHandle = json(await receiver.handle({ ...signedRequest(), body: new Uint8Array(11) }));
    const viaRefuse = json(await receiver.refuse(headOf({ 'content-length': '11' }), 'BODY_TOO_LARGE'));
    expect({ code: viaRefuse.code, detail: viaRefuse.detail }).toEqual({ code: viaHandle.code, detail: viaHandle.detail });
  });

  it('throws a TypeError for a code it does not answer', async () => {
    const { receiver } = setup();
    await expect(receiver.refuse(headOf(), 'SIGNATURE_MISMATCH' as never)).rejects.toThrow(TypeError);
  });
});
