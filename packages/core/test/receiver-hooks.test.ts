// Hooks see codes and ids, never key material; a failing hook never changes the answer; only infrastructure
// faults escape handle().
import { describe, expect, it, vi } from 'vitest';
import type { ReceiverOptions } from '../src/receiver/index.js';
import { createReceiver } from '../src/receiver/index.js';
import { AuditNotifyError } from '../src/errors.js';
import { MCHID, NOW, SAMPLE, SERIAL_NO, answerKeys, senderKeys, signedRequest, receiverOptions } from './receiver-fixtures.js';

function withHooks(overrides: Partial<ReceiverOptions> = {}) {
  const hooks = { onRejected: vi.fn(), onError: vi.fn(), onAccepted: vi.fn() };
  const receiver = createReceiver(receiverOptions({ clock: () => NOW, ...hooks, ...overrides }));
  return { receiver, ...hooks };
}

/** A rejected promise that counts the rejection handlers attached to it (`then(_, onRejected)` or `catch`). */
class WatchedRejection extends Promise<never> {
  rejectionHandlers = 0;
  constructor(reason: Error | ((resolve: (value: never) => void, reject: (reason: unknown) => void) => void)) {
    if (typeof reason === 'function') {
      super(reason);
      return;
    }
    super((_resolve, reject) => reject(reason));
  }
  override then<A = never, B = never>(onFulfilled?: ((value: never) => A | PromiseLike<A>) | null, onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<A | B> {
    if (typeof onRejected === 'function') this.rejectionHandlers++;
    return super.then(onFulfilled, onRejected);
  }
}

const secretParts = [senderKeys.privatePem, answerKeys.privatePem].map((pem) => pem.split('\n')[5] as string);

describe('receiver hooks', () => {
  it('calls onAccepted with ids and the outcome', async () => {
    const { receiver, onAccepted, onRejected } = withHooks();
    const response = await receiver.handle(signedRequest());
    expect(onAccepted).toHaveBeenCalledWith({
      status: 200,
      requestId: response.headers['Request-ID'],
      mchid: MCHID,
      serialNo: SERIAL_NO,
      outRequestNo: SAMPLE.out_request_no,
      auditResult: 'PASS',
    });
    expect(onRejected).not.toHaveBeenCalled();
  });

  it('calls onRejected with code, status, message and ids, and no key material', async () => {
    const { receiver, onRejected, onError } = withHooks();
    const response = await receiver.handle(signedRequest({ timestamp: NOW - 400 }));
    expect(onRejected).toHaveBeenCalledTimes(1);
    const event = onRejected.mock.calls[0]?.[0] as Record<string, unknown>;
    expect(event).toMatchObject({ code: 'TIMESTAMP_OUT_OF_WINDOW', status: 401, requestId: response.headers['Request-ID'], mchid: MCHID, serialNo: SERIAL_NO });
    expect(typeof event.message).toBe('string');
    const text = JSON.stringify(event);
    for (const part of secretParts) expect(text).not.toContain(part);
    expect(onError).not.toHaveBeenCalled();
  });

  it('calls onError with the handler’s error when the handler fails', async () => {
    const failure = new Error('db down');
    const { receiver, onError, onRejected } = withHooks({ handler: () => { throw failure; } });
    await receiver.handle(signedRequest());
    expect(onError).toHaveBeenCalledWith(failure, expect.objectContaining({ code: 'HANDLER_FAILED', status: 500 }));
    expect(onRejected).not.toHaveBeenCalled();
  });

  it('answers the same when a hook throws', async () => {
    const { receiver } = withHooks({
      onAccepted: () => { throw new Error('metrics down'); },
      onRejected: () => { throw new Error('log down'); },
    });
    expect((await receiver.handle(signedRequest())).status).toBe(200);
    expect((await receiver.handle(signedRequest({ method: 'GET' }))).status).toBe(405);
  });

  it('answers the same and handles the rejection when an async hook rejects', async () => {
    // The hook's own promise records every handler attached to it: the receiver must attach one, or the
    // rejection would surface as an unhandled rejection (which can end the process). No waiting: the
    // receiver attaches it before its answer settles.
    const rejections: WatchedRejection[] = [];
    const rejecting = (text: string) => () => {
      const promise = new WatchedRejection(new Error(text));
      rejections.push(promise);
      return promise;
    };
    const { receiver } = withHooks({ onAccepted: rejecting('metrics down'), onRejected: rejecting('log down') });
    expect((await receiver.handle(signedRequest())).status).toBe(200);
    expect((await receiver.handle(signedRequest({ method: 'GET' }))).status).toBe(405);
    expect(rejections).toHaveLength(2);
    for (const promise of rejections) expect(promise.rejectionHandlers).toBe(1);
  });

  it('rejects handle() with INTERNAL_ERROR only when infrastructure fails, after telling onError', async () => {
    const outage = new Error('redis unreachable');
    const handler = vi.fn();
    const { receiver, onError } = withHooks({
      handler,
      nonceStore: { claim: () => Promise.reject(outage), release: async () => undefined },
    });
    const error = await receiver.handle(signedRequest()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuditNotifyError);
    expect((error as AuditNotifyError).code).toBe('INTERNAL_ERROR');
    expect((error as AuditNotifyError).cause).toBe(outage);
    expect(onError).toHaveBeenCalledWith(error, expect.objectContaining({ code: 'INTERNAL_ERROR' }));
    expect(handler).not.toHaveBeenCalled();
  });

  it('releases the nonce when the rate limiter fails after the claim', async () => {
    const released: string[] = [];
    const { receiver } = withHooks({
      nonceStore: { claim: async () => true, release: async (key) => { released.push(key); } },
      rateLimiter: { take: () => Promise.reject(new Error('limiter down')) },
    });
    await expect(receiver.handle(signedRequest({ nonce: 'N'.repeat(32) }))).rejects.toMatchObject({ code: 'INTERNAL_ERROR' });
    expect(released).toEqual(['N'.repeat(32)]);
  });
});
