// Nonce replay (protocol.md §3) and the rate limit (§2): claimed only after the signature verified, kept for
// twice the window, released when the handler failed so that the sender's retry is accepted.
import { describe, expect, it, vi } from 'vitest';
import type { NonceStore } from '../src/receiver/index.js';
import { createMemoryNonceStore, createMemoryRateLimiter, createReceiver } from '../src/receiver/index.js';
import { MCHID, NOW, editAuthorization, json, signedRequest, receiverOptions } from './receiver-fixtures.js';

function receiverWith(handler: () => unknown, extra: { nonceStore?: NonceStore; clock?: () => number } = {}) {
  return createReceiver(receiverOptions({ handler: handler as never, clock: () => NOW, ...extra }));
}

describe('receiver replay protection', () => {
  it('accepts the same signed request again after the handler failed (the sender retries)', async () => {
    let calls = 0;
    const handler = vi.fn(() => {
      calls++;
      if (calls === 1) throw new Error('database down');
    });
    const receiver = receiverWith(handler);
    const request = signedRequest();
    const failed = await receiver.handle(request);
    expect(failed.status).toBe(500);
    expect(json(failed)).toMatchObject({ code: 'SYSTEM_ERROR', detail: { reason: 'HANDLER_FAILED' } });
    const retried = await receiver.handle(request);
    expect(retried.status).toBe(200);
    expect(handler).toHaveBeenCalledTimes(2);
  });

  it('refuses the same request after it succeeded (NONCE_REPLAYED), without calling the handler', async () => {
    const handler = vi.fn();
    const receiver = receiverWith(handler);
    const request = signedRequest();
    expect((await receiver.handle(request)).status).toBe(200);
    const replay = await receiver.handle(request);
    expect(replay.status).toBe(401);
    expect(json(replay)).toMatchObject({ code: 'SIGN_ERROR', detail: { reason: 'NONCE_REPLAYED' } });
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('refuses a replay whose Authorization mchid was edited (the mchid is not in the signed message)', async () => {
    const handler = vi.fn();
    const receiver = receiverWith(handler);
    const request = signedRequest();
    expect((await receiver.handle(request)).status).toBe(200);
    const edited = editAuthorization({ ...request, headers: { ...request.headers } }, (value) => value.replace(`mchid="${MCHID}"`, 'mchid="1900000009"'));
    const replay = await receiver.handle(edited);
    expect(json(replay)).toMatchObject({ code: 'SIGN_ERROR', detail: { reason: 'NONCE_REPLAYED' } });
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('keeps a nonce for twice the window', async () => {
    const claims: [string, number][] = [];
    const store: NonceStore = {
      claim: async (key, ttl) => {
        claims.push([key, ttl]);
        return true;
      },
      release: async () => undefined,
    };
    const receiver = receiverWith(() => undefined, { nonceStore: store });
    await receiver.handle(signedRequest({ nonce: 'NONCE0000000000000000000000000001' }));
    expect(claims).toEqual([['NONCE0000000000000000000000000001', 600]]);
  });

  it('releases a nonce refused by the rate limit, so the same request is accepted later', async () => {
    let now = NOW;
    const clock = () => now;
    const receiver = createReceiver(receiverOptions({
      clock,
      rateLimiter: createMemoryRateLimiter({ perMinute: 1, clock }),
    }));
    expect((await receiver.handle(signedRequest())).status).toBe(200);
    const request = signedRequest();
    const limited = await receiver.handle(request);
    expect(limited.status).toBe(429);
    expect(limited.headers['Retry-After']).toBe('60');
    now += 60;
    expect((await receiver.handle(request)).status).toBe(200);
  });
});

describe('createMemoryNonceStore', () => {
  it('claims a key once until it expires', async () => {
    let now = 1000;
    const store = createMemoryNonceStore({ clock: () => now });
    expect(await store.claim('a', 600)).toBe(true);
    expect(await store.claim('a', 600)).toBe(false);
    now += 599;
    expect(await store.claim('a', 600)).toBe(false);
    now += 1;
    expect(await store.claim('a', 600)).toBe(true);
  });

  it('keeps a nonce until its ttl has passed when the clock has fractions of a second', async () => {
    let now = 1_757_900_000.25;
    const store = createMemoryNonceStore({ clock: () => now });
    expect(await store.claim('a', 600)).toBe(true);
    now += 599.9;
    expect(await store.claim('a', 600)).toBe(false);
  });

  it('refuses a replay of any key, slices of a header and lone surrogates included', async () => {
    const store = createMemoryNonceStore();
    const header = 'nonce_str="593BEC0C930BF1AFEB40B4A08C8FB242",signature="x"';
    const keys = [header.slice(11, 43), 'a\uD800b', '\uDFFF', ''];
    for (const key of keys) expect(await store.claim(key, 600)).toBe(true);
    for (const key of keys) expect(await store.claim(`${key}`, 600)).toBe(false);
    expect(await store.claim('a\uFFFDb', 600)).toBe(true);
  });

  it('forgets a released key', async () => {
    const store = createMemoryNonceStore();
    await store.claim('a', 600);
    await store.release('a');
    expect(await store.claim('a', 600)).toBe(true);
  });

  it('stays within max: expired keys make room, live ones are never forgotten (NONCE_STORE_FULL)', async () => {
    let now = 0;
    const store = createMemoryNonceStore({ max: 3, clock: () => now });
    await store.claim('old', 10);
    now = 5;
    await store.claim('b', 600);
    await store.claim('c', 600);
    now = 20; // 'old' has expired
    expect(await store.claim('d', 600)).toBe(true);
    expect(await store.claim('b', 600)).toBe(false); // kept: the expired one made room
    // Full of live keys: refused rather than forget 'b', which could then be replayed.
    await expect(store.claim('e', 600)).rejects.toMatchObject({ code: 'NONCE_STORE_FULL', detail: { retry_after_seconds: 585 } });
    expect(await store.claim('b', 600)).toBe(false);
  });

  it('refuses a bound that is not a positive integer', () => {
    expect(() => createMemoryNonceStore({ max: 0 })).toThrow(/max/);
  });
});

describe('createMemoryRateLimiter', () => {
  it('allows 200 a minute per key by default and tells how long to wait', async () => {
    let now = 0;
    const limiter = createMemoryRateLimiter({ clock: () => now });
    for (let i = 0; i < 200; i++) expect((await limiter.take('m')).ok).toBe(true);
    const refused = await limiter.take('m');
    expect(refused).toEqual({ ok: false, retryAfterSeconds: 1 }); // 200/60 tokens a second
    expect((await limiter.take('other')).ok).toBe(true);
    now += 0.3;
    expect((await limiter.take('m')).ok).toBe(true);
  });

  it('refills continuously up to its capacity', async () => {
    let now = 0;
    const limiter = createMemoryRateLimiter({ perMinute: 2, clock: () => now });
    await limiter.take('m');
    await limiter.take('m');
    expect(await limiter.take('m')).toEqual({ ok: false, retryAfterSeconds: 30 });
    now += 3600;
    expect((await limiter.take('m')).ok).toBe(true);
    expect((await limiter.take('m')).ok).toBe(true);
    expect((await limiter.take('m')).ok).toBe(false);
  });

  it('refuses a rate that is not positive', () => {
    expect(() => createMemoryRateLimiter({ perMinute: 0 })).toThrow(/perMinute/);
  });
});
