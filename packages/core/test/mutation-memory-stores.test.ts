// The in-memory rate limiter and nonce store, decision by decision: bounds, eviction order, expiry at the
// exact second, Retry-After from a partly refilled bucket, and option checks. The clock is a variable.
import { describe, expect, it } from 'vitest';
import { isAuditNotifyError } from '../src/errors.js';
import { createMemoryNonceStore, createMemoryRateLimiter } from '../src/receiver/index.js';

function clock(start = 0): { now: () => number; set: (t: number) => void } {
  let t = start;
  return { now: () => t, set: (value) => (t = value) };
}

async function failure(promise: Promise<unknown> | (() => unknown)): Promise<{ code: string; detail: unknown }> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    if (!isAuditNotifyError(error)) throw error;
    return { code: error.code, detail: error.detail };
  }
  throw new Error('expected a failure');
}

describe('createMemoryRateLimiter', () => {
  it('refuses options that are not a positive perMinute or a positive integer maxKeys', async () => {
    for (const perMinute of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect((await failure(() => createMemoryRateLimiter({ perMinute }))).code).toBe('INVALID_OPTIONS');
    }
    for (const maxKeys of [0, -1, Number.NaN, 1.5, 2 ** 53]) {
      expect((await failure(() => createMemoryRateLimiter({ maxKeys }))).code).toBe('INVALID_OPTIONS');
    }
    expect(() => createMemoryRateLimiter({ perMinute: 0.5, maxKeys: 1 })).not.toThrow();
  });

  it('gives Retry-After from what is missing of one token in a partly refilled bucket', async () => {
    const time = clock(1000);
    const limiter = createMemoryRateLimiter({ perMinute: 2, clock: time.now }); // one token every 30 s
    expect(await limiter.take('a')).toEqual({ ok: true, retryAfterSeconds: 0 });
    expect(await limiter.take('a')).toEqual({ ok: true, retryAfterSeconds: 0 });
    expect(await limiter.take('a')).toEqual({ ok: false, retryAfterSeconds: 30 });
    time.set(1015); // half a token back
    expect(await limiter.take('a')).toEqual({ ok: false, retryAfterSeconds: 15 });
    time.set(1029.5); // 0.9833… of a token: less than a second missing still says 1
    expect(await limiter.take('a')).toEqual({ ok: false, retryAfterSeconds: 1 });
    time.set(1030);
    expect((await limiter.take('a')).ok).toBe(true);
  });

  it('refills no more than perMinute however long a key was idle, and nothing when the clock goes back', async () => {
    const time = clock(0);
    const limiter = createMemoryRateLimiter({ perMinute: 2, clock: time.now });
    await limiter.take('a');
    time.set(100_000);
    expect((await limiter.take('a')).ok).toBe(true);
    expect((await limiter.take('a')).ok).toBe(true);
    expect(await limiter.take('a')).toEqual({ ok: false, retryAfterSeconds: 30 });
    time.set(50_000); // backwards: no negative refill, so still one token away
    expect(await limiter.take('a')).toEqual({ ok: false, retryAfterSeconds: 30 });
  });

  it('tracks at most maxKeys keys: with none idle and full, the oldest is forgotten', async () => {
    const time = clock(0);
    const limiter = createMemoryRateLimiter({ perMinute: 1, maxKeys: 2, clock: time.now });
    await limiter.take('a');
    await limiter.take('b');
    expect((await limiter.take('c')).ok).toBe(true); // no room: a, the oldest, goes
    expect((await limiter.take('b')).ok).toBe(false); // b is still tracked and exhausted
    expect((await limiter.take('c')).ok).toBe(false);
    expect((await limiter.take('a')).ok).toBe(true); // a was forgotten: a fresh bucket
  });

  it('drops idle full buckets before the oldest, so an exhausted sender keeps its limit', async () => {
    const time = clock(0);
    const limiter = createMemoryRateLimiter({ perMinute: 2, maxKeys: 2, clock: time.now });
    await limiter.take('a');
    await limiter.take('a'); // a: 0 tokens, the oldest key
    await limiter.take('b'); // b: 1 token
    time.set(30); // b is full again, a has 1
    expect((await limiter.take('c')).ok).toBe(true); // room made by dropping b, not a
    expect((await limiter.take('a')).ok).toBe(true);
    expect(await limiter.take('a')).toEqual({ ok: false, retryAfterSeconds: 30 });
  });
});

describe('createMemoryNonceStore', () => {
  it('refuses a max that is not a positive integer', async () => {
    for (const max of [0, -1, Number.NaN, 1.5, 2 ** 53]) {
      expect((await failure(() => createMemoryNonceStore({ max }))).code).toBe('INVALID_OPTIONS');
    }
    expect(() => createMemoryNonceStore({ max: 1 })).not.toThrow();
  });

  it('forgets a nonce at its expiry second exactly, never before (rounded up from a fractional clock)', async () => {
    const time = clock(1_757_900_000.25);
    const store = createMemoryNonceStore({ max: 1, clock: time.now });
    time.set(1_757_900_000.65); // 0.4 s after the store was made: expiry rounds up to 11 s
    expect(await store.claim('n', 10)).toBe(true);
    time.set(1_757_900_011.15); // 10.9 s: still live
    expect(await store.claim('n', 10)).toBe(false);
    time.set(1_757_900_011.25); // 11 s: expired, and its slot is free for another nonce
    expect(await store.claim('m', 10)).toBe(true);
  });

  it('takes an expired nonce again even when a live one with a longer life sits in front of it', async () => {
    const time = clock(0);
    const store = createMemoryNonceStore({ max: 2, clock: time.now });
    await store.claim('long', 100);
    await store.claim('short', 10);
    time.set(20);
    expect(await store.claim('short', 10)).toBe(true);
  });

  it('drops expired nonces from the front, then fails closed with the wait until the oldest live one expires', async () => {
    const time = clock(0);
    const store = createMemoryNonceStore({ max: 2, clock: time.now });
    await store.claim('a', 10);
    time.set(5);
    await store.claim('b', 10);
    time.set(12); // a expired, b live until 15
    expect(await store.claim('c', 10)).toBe(true);
    expect(await store.claim('b', 10)).toBe(false);
    expect(await failure(store.claim('d', 10))).toEqual({ code: 'NONCE_STORE_FULL', detail: { limit: 2, retry_after_seconds: 3 } });
    await store.release('b');
    expect(await store.claim('d', 10)).toBe(true);
  });
});
