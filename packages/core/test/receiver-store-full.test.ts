// A full memory nonce store fails closed: it never forgets a live nonce (which would let a replay in), it
// answers 503 NONCE_STORE_FULL with Retry-After until the oldest nonce expires.
import { describe, expect, it, vi } from 'vitest';
import { createMemoryNonceStore, createReceiver } from '../src/receiver/index.js';
import { isAuditNotifyError } from '../src/errors.js';
import { NOW, json, receiverOptions, signedRequest } from './receiver-fixtures.js';

describe('memory nonce store at its maximum', () => {
  it('refuses new requests with 503 NONCE_STORE_FULL and Retry-After, and a replay of the oldest is still refused', async () => {
    let now = NOW;
    const clock = (): number => now;
    const handler = vi.fn();
    const receiver = createReceiver(receiverOptions({ handler, clock, rateLimiter: false, nonceStore: createMemoryNonceStore({ max: 1000, clock }) }));
    const first = signedRequest();
    expect((await receiver.handle(first)).status).toBe(200);
    for (let i = 1; i < 1000; i++) expect((await receiver.handle(signedRequest())).status).toBe(200);
    now += 10;

    const overflow = await receiver.handle(signedRequest({ timestamp: now }));
    expect(overflow.status).toBe(503);
    expect(json(overflow)).toMatchObject({ code: 'SYSTEM_ERROR', detail: { reason: 'NONCE_STORE_FULL', retry_after_seconds: 590 } });
    expect(overflow.headers['Retry-After']).toBe('590');

    const replay = await receiver.handle(first);
    expect(json(replay)).toMatchObject({ code: 'SIGN_ERROR', detail: { reason: 'NONCE_REPLAYED' } });
    expect(handler).toHaveBeenCalledTimes(1000);

    // Once the oldest nonces expire (twice the 300 s window), there is room again.
    now = NOW + 600;
    expect((await receiver.handle(signedRequest({ timestamp: now }))).status).toBe(200);
    // A thousand RSA signatures each way: generous on a loaded machine (nothing here is timed).
  }, 180_000);

  it('says in the error how long until there is room', async () => {
    let now = 100;
    const store = createMemoryNonceStore({ max: 2, clock: () => now });
    await store.claim('a', 60);
    now = 110;
    await store.claim('b', 60);
    const error = await store.claim('c', 60).catch((caught: unknown) => caught);
    expect(isAuditNotifyError(error) && error.code).toBe('NONCE_STORE_FULL');
    expect((error as { detail?: unknown }).detail).toEqual({ limit: 2, retry_after_seconds: 50 });
    now = 160;
    expect(await store.claim('c', 60)).toBe(true);
    expect(await store.claim('b', 60)).toBe(false);
  });
});
