// What the receiver trusts about who sent a request: only what the signature proves. The Authorization
// mchid is not signed (protocol.md §3), so the rate limit and the mchid allow-list rest on the verified
// sender's serial and the signed body; the serial is a hex number, compared as one.
import { describe, expect, it, vi } from 'vitest';
import type { NotifyContext, ReceiverOptions } from '../src/receiver/index.js';
import { createMemoryRateLimiter, createReceiver } from '../src/receiver/index.js';
import { MCHID, NOW, SAMPLE, SERIAL_NO, json, receiverOptions, senderKeys, signedRequest } from './receiver-fixtures.js';

function setup(overrides: Partial<ReceiverOptions> = {}) {
  const handler = vi.fn<(context: NotifyContext) => void>();
  const receiver = createReceiver(receiverOptions({ handler, clock: () => NOW, ...overrides }));
  return { receiver, handler };
}

describe('receiver: the rate limit counts what the signature proves', () => {
  it('limits a sender that rotates the unsigned Authorization mchid like one that does not', async () => {
    const { receiver, handler } = setup({ rateLimiter: createMemoryRateLimiter({ perMinute: 5, clock: () => NOW }) });
    const statuses: number[] = [];
    for (let i = 0; i < 25; i += 1) {
      // Every request names another mchid in the Authorization header; the body and the key stay the same sender's.
      const mchid = String(1_900_000_000 + i);
      statuses.push((await receiver.handle(signedRequest({ mchid, body: JSON.stringify({ ...SAMPLE, out_request_no: `rotate${i}` }) }))).status);
    }
    expect(statuses.filter((status) => status === 200)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(20);
    expect(handler).toHaveBeenCalledTimes(5);
  });

  it('names the sender certificate it counted in the 429', async () => {
    const { receiver } = setup({ rateLimiter: createMemoryRateLimiter({ perMinute: 1, clock: () => NOW }) });
    expect((await receiver.handle(signedRequest())).status).toBe(200);
    const limited = await receiver.handle(signedRequest({ mchid: '1000000001' }));
    expect(limited.status).toBe(429);
    expect(json(limited).detail).toMatchObject({ reason: 'RATE_LIMITED', location: 'authorization', field: 'serial_no', value: SERIAL_NO, retry_after_seconds: 60 });
  });

  it('counts one bucket for a serial written in lower case or without its leading zeros', async () => {
    const limiter = createMemoryRateLimiter({ perMinute: 2, clock: () => NOW });
    const keys = vi.spyOn(limiter, 'take');
    const { receiver } = setup({ rateLimiter: limiter });
    await receiver.handle(signedRequest());
    await receiver.handle(signedRequest({ serialNo: SERIAL_NO.toLowerCase() }));
    expect(new Set(keys.mock.calls.map(([key]) => key))).toEqual(new Set([SERIAL_NO]));
  });
});

describe('receiver: the mchid allow-list holds for the signed body', () => {
  const allowOnly = (mchids: string[]): Partial<ReceiverOptions> => ({ senders: [{ serialNo: SERIAL_NO, publicKey: senderKeys.publicKey, mchids }] });

  it('refuses a signed body whose mchid the sender key is not allowed for, though the Authorization mchid is', async () => {
    const { receiver, handler } = setup(allowOnly([MCHID]));
    const response = await receiver.handle(signedRequest({ mchid: MCHID, body: JSON.stringify({ ...SAMPLE, mchid: '1000000001' }) }));
    expect(response.status).toBe(403);
    expect(json(response)).toMatchObject({ code: 'NO_AUTH', detail: { reason: 'MCHID_NOT_ALLOWED', location: 'body', field: '/mchid', value: '1000000001' } });
    expect(handler).not.toHaveBeenCalled();
  });

  it('accepts a body mchid on the list and gives the handler both mchids', async () => {
    const { receiver, handler } = setup(allowOnly([MCHID, '1000000001']));
    const response = await receiver.handle(signedRequest({ mchid: '1000000001', body: JSON.stringify(SAMPLE) }));
    expect(response.status).toBe(200);
    const context = handler.mock.calls[0]?.[0];
    expect({ mchid: context?.mchid, notificationMchid: context?.notificationMchid, serialNo: context?.serialNo }).toEqual({
      mchid: '1000000001',
      notificationMchid: MCHID,
      serialNo: SERIAL_NO,
    });
  });
});

describe('receiver: serial_no is a number written in hex', () => {
  it('accepts the serial in lower case, as a widely used Node SDK sends it', async () => {
    const { receiver, handler } = setup();
    expect((await receiver.handle(signedRequest({ serialNo: SERIAL_NO.toLowerCase() }))).status).toBe(200);
    // The handler sees the serial of the configured sender, whatever notation the request used.
    expect(handler.mock.calls[0]?.[0].serialNo).toBe(SERIAL_NO);
  });

  it('accepts a serial with its leading zero dropped (Java SDK) or kept (Go SDK)', async () => {
    const serialWithZero = `0${SERIAL_NO.slice(1)}`;
    const { receiver } = setup({ senders: [{ serialNo: serialWithZero, publicKey: senderKeys.publicKey }] });
    expect((await receiver.handle(signedRequest({ serialNo: serialWithZero }))).status).toBe(200);
    expect((await receiver.handle(signedRequest({ serialNo: SERIAL_NO.slice(1) }))).status).toBe(200);
    expect((await receiver.handle(signedRequest({ serialNo: `00${SERIAL_NO.slice(1).toLowerCase()}` }))).status).toBe(200);
  });

  it('still refuses another number, and compares key ids that are not hex exactly', async () => {
    const { receiver } = setup({ senders: [{ serialNo: 'PUB_KEY_ID_0119000166812025091500000000000001', publicKey: senderKeys.publicKey }] });
    expect(json(await receiver.handle(signedRequest({ serialNo: 'PUB_KEY_ID_0119000166812025091500000000000001' }))).ret_msg).toBe('SUCC');
    expect(json(await receiver.handle(signedRequest({ serialNo: 'pub_key_id_0119000166812025091500000000000001' }))).detail?.reason).toBe('UNKNOWN_SERIAL');
    const hex = setup();
    expect(json(await hex.receiver.handle(signedRequest({ serialNo: `1${SERIAL_NO}` }))).detail?.reason).toBe('UNKNOWN_SERIAL');
  });

  it('refuses two senders whose serials are the same number', () => {
    expect(() =>
      createReceiver(
        receiverOptions({
          senders: [
            { serialNo: SERIAL_NO, publicKey: senderKeys.publicKey },
            { serialNo: `00${SERIAL_NO.toLowerCase()}`, publicKey: senderKeys.publicKey },
          ],
        }),
      ),
    ).toThrow(/listed twice/);
  });
});

describe('receiver: "不得超过5分钟", not over five minutes', () => {
  it('accepts a request exactly 300 s old or ahead, and refuses 301 s', async () => {
    const { receiver } = setup();
    expect((await receiver.handle(signedRequest({ timestamp: NOW - 300 }))).status).toBe(200);
    expect((await receiver.handle(signedRequest({ timestamp: NOW + 300 }))).status).toBe(200);
    expect(json(await receiver.handle(signedRequest({ timestamp: NOW - 301 }))).detail).toMatchObject({ reason: 'TIMESTAMP_OUT_OF_WINDOW', skew_seconds: 301, window_seconds: 300 });
    expect(json(await receiver.handle(signedRequest({ timestamp: NOW + 301 }))).detail).toMatchObject({ reason: 'TIMESTAMP_OUT_OF_WINDOW', skew_seconds: -301 });
  });
});
