import { describe, expect, it } from 'vitest';
import type { InboxKey, ReceiverStores } from '@auditnotify/core';

/**
 * A backend of the receiver's state under test. A "space" is one backing store (an SQLite file, a Redis key
 * prefix): stores opened on the same space are two receivers sharing state, as after a restart or behind a
 * load balancer. Every time-dependent answer must come from `clock`, so expiry is tested without sleeping.
 *
 * @example
 * ```ts
 * defineStoreSuite({
 *   name: 'sqlite',
 *   newSpace: () => join(directory, `${randomUUID()}.db`),
 *   open: (space, { clock, perMinute }) => openSqliteStores({ path: space, clock, perMinute }),
 * });
 * ```
 */
export interface StoreTarget {
  name: string;
  /** A fresh, empty space: each test gets its own. */
  newSpace(): string | Promise<string>;
  /** The three stores of one receiver over `space`; `clock` is Unix seconds, `perMinute` the rate limit. */
  open(space: string, options: { clock: () => number; perMinute: number }): ReceiverStores | Promise<ReceiverStores>;
}

const T0 = 1_757_900_000;
const KEY: InboxKey = { mchid: '1900016681', outRequestNo: 'htozr8denqegbt6tk6u10iymo7yww5pn' };
const HASH = 'a'.repeat(64);
const OTHER_HASH = 'b'.repeat(64);

/** A clock tests move by hand. */
function manualClock(): { now: () => number; advance(seconds: number): void } {
  let at = T0;
  return { now: () => at, advance: (seconds) => void (at += seconds) };
}

/**
 * The one suite every backend of the receiver's state passes: nonce claims, the shared rate limit and the
 * inbox (receiver/stores.ts in `@auditnotify/core` says what each operation guarantees), each also across two
 * receivers on one space and under twenty concurrent calls.
 *
 * @example
 * ```ts
 * defineStoreSuite({ name: 'memory', newSpace: () => randomUUID(), open: (space, options) => memoryStores(space, options) });
 * ```
 */
export function defineStoreSuite(target: StoreTarget): void {
  async function setup(perMinute = 200) {
    const clock = manualClock();
    const space = await target.newSpace();
    const opened: ReceiverStores[] = [];
    const open = async (): Promise<ReceiverStores> => {
      const stores = await target.open(space, { clock: clock.now, perMinute });
      opened.push(stores);
      return stores;
    };
    const close = async (): Promise<void> => {
      await Promise.all(opened.map((stores) => stores.close()));
    };
    return { clock, open, close };
  }

  async function withStores(perMinute: number, body: (context: Awaited<ReturnType<typeof setup>>) => Promise<void>): Promise<void> {
    const context = await setup(perMinute);
    try {
      await body(context);
    } finally {
      await context.close();
    }
  }

  describe(`${target.name} store: nonces`, () => {
    it('claims a nonce once, and again after release', () =>
      withStores(200, async ({ open }) => {
        const { nonceStore } = await open();
        expect(await nonceStore.claim('N1', 600)).toBe(true);
        expect(await nonceStore.claim('N1', 600)).toBe(false);
        expect(await nonceStore.claim('N2', 600)).toBe(true);
        await nonceStore.release('N1');
        expect(await nonceStore.claim('N1', 600)).toBe(true);
      }));

    it('keeps a nonce for its whole lifetime, and forgets it after', () =>
      withStores(200, async ({ open, clock }) => {
        const { nonceStore } = await open();
        expect(await nonceStore.claim('N1', 600)).toBe(true);
        clock.advance(599);
        expect(await nonceStore.claim('N1', 600)).toBe(false);
        clock.advance(1);
        expect(await nonceStore.claim('N1', 600)).toBe(true);
      }));

    it('gives exactly one of twenty concurrent claims of one nonce', () =>
      withStores(200, async ({ open }) => {
        const stores = [await open(), await open()];
        const results = await Promise.all(Array.from({ length: 20 }, (_, i) => stores[i % 2]!.nonceStore.claim('N-race', 600)));
        expect(results.filter(Boolean)).toHaveLength(1);
      }));

    it('refuses on a second receiver a nonce the first one claimed (restart, or another instance)', () =>
      withStores(200, async ({ open }) => {
        const first = await open();
        expect(await first.nonceStore.claim('N1', 600)).toBe(true);
        await first.close();
        const second = await open();
        expect(await second.nonceStore.claim('N1', 600)).toBe(false);
      }));

    it('keeps keys apart, whatever characters they hold', () =>
      withStores(200, async ({ open }) => {
        const { nonceStore } = await open();
        expect(await nonceStore.claim('a:b', 600)).toBe(true);
        expect(await nonceStore.claim('a', 600)).toBe(true);
        expect(await nonceStore.claim('a:b}{x', 600)).toBe(true);
        expect(await nonceStore.claim('a:b', 600)).toBe(false);
      }));
  });

  describe(`${target.name} store: rate limit`, () => {
    it('allows perMinute requests at once, then refuses with a retry delay', () =>
      withStores(5, async ({ open }) => {
        const { rateLimiter } = await open();
        for (let i = 0; i < 5; i++) expect(await rateLimiter.take('1900016681')).toEqual({ ok: true, retryAfterSeconds: 0 });
        const refused = await rateLimiter.take('1900016681');
        expect(refused.ok).toBe(false);
        // One token comes back every 60 / 5 = 12 s.
        expect(refused.retryAfterSeconds).toBe(12);
        expect((await rateLimiter.take('1900000109')).ok).toBe(true);
      }));

    it('refills over time', () =>
      withStores(5, async ({ open, clock }) => {
        const { rateLimiter } = await open();
        for (let i = 0; i < 5; i++) await rateLimiter.take('M');
        expect((await rateLimiter.take('M')).ok).toBe(false);
        clock.advance(12);
        expect((await rateLimiter.take('M')).ok).toBe(true);
        expect((await rateLimiter.take('M')).ok).toBe(false);
      }));

    it('is one bucket for every receiver on the space', () =>
      withStores(6, async ({ open }) => {
        const receivers = [await open(), await open(), await open()];
        const decisions = await Promise.all(Array.from({ length: 9 }, (_, i) => receivers[i % 3]!.rateLimiter.take('M')));
        expect(decisions.filter((d) => d.ok)).toHaveLength(6);
      }));
  });

  describe(`${target.name} store: inbox`, () => {
    it('claims a new notification, records it done, and answers a duplicate with the recorded answer', () =>
      withStores(200, async ({ open }) => {
        const { inbox } = await open();
        const claim = await inbox.claim(KEY, HASH, 60);
        expect(claim.state).toBe('claimed');
        if (claim.state !== 'claimed') return;
        expect(await inbox.complete(KEY, claim.token, { ret_msg: 'SUCC 1' })).toBe(true);
        expect(await inbox.claim(KEY, HASH, 60)).toEqual({ state: 'done', answer: { ret_msg: 'SUCC 1' } });
      }));

    it('reports a conflict for other fields and overwrites nothing', () =>
      withStores(200, async ({ open }) => {
        const { inbox } = await open();
        const claim = await inbox.claim(KEY, HASH, 60);
        if (claim.state !== 'claimed') throw new Error(`expected a claim, got ${claim.state}`);
        expect(await inbox.claim(KEY, OTHER_HASH, 60)).toEqual({ state: 'conflict', fieldsHash: HASH });
        await inbox.complete(KEY, claim.token, { ret_msg: 'SUCC' });
        expect(await inbox.claim(KEY, OTHER_HASH, 60)).toEqual({ state: 'conflict', fieldsHash: HASH });
        expect(await inbox.claim(KEY, HASH, 60)).toEqual({ state: 'done', answer: { ret_msg: 'SUCC' } });
      }));

    it('says in progress while a lease holds, with the time left', () =>
      withStores(200, async ({ open, clock }) => {
        const { inbox } = await open();
        await inbox.claim(KEY, HASH, 60);
        clock.advance(20);
        expect(await inbox.claim(KEY, HASH, 60)).toEqual({ state: 'in_progress', retryAfterSeconds: 40 });
      }));

    it('lets a released claim be claimed again', () =>
      withStores(200, async ({ open }) => {
        const { inbox } = await open();
        const first = await inbox.claim(KEY, HASH, 60);
        if (first.state !== 'claimed') throw new Error(`expected a claim, got ${first.state}`);
        await inbox.release(KEY, first.token);
        expect((await inbox.claim(KEY, HASH, 60)).state).toBe('claimed');
      }));

    it('hands an expired lease to another receiver; the first one can no longer complete or release it', () =>
      withStores(200, async ({ open, clock }) => {
        const dead = await open();
        const alive = await open();
        const first = await dead.inbox.claim(KEY, HASH, 60);
        if (first.state !== 'claimed') throw new Error(`expected a claim, got ${first.state}`);
        clock.advance(59);
        expect((await alive.inbox.claim(KEY, HASH, 60)).state).toBe('in_progress');
        clock.advance(1);
        const second = await alive.inbox.claim(KEY, HASH, 60);
        if (second.state !== 'claimed') throw new Error(`expected a claim, got ${second.state}`);
        expect(second.token).not.toBe(first.token);
        await dead.inbox.release(KEY, first.token);
        expect(await dead.inbox.complete(KEY, first.token, { ret_msg: 'late' })).toBe(false);
        expect((await dead.inbox.claim(KEY, HASH, 60)).state).toBe('in_progress');
        expect(await alive.inbox.complete(KEY, second.token, { ret_msg: 'SUCC' })).toBe(true);
        expect(await dead.inbox.claim(KEY, HASH, 60)).toEqual({ state: 'done', answer: { ret_msg: 'SUCC' } });
      }));

    it('gives exactly one of twenty concurrent claims, across two receivers', () =>
      withStores(200, async ({ open }) => {
        const receivers = [await open(), await open()];
        const claims = await Promise.all(Array.from({ length: 20 }, (_, i) => receivers[i % 2]!.inbox.claim(KEY, HASH, 60)));
        expect(claims.filter((c) => c.state === 'claimed')).toHaveLength(1);
        expect(claims.filter((c) => c.state === 'in_progress')).toHaveLength(19);
      }));

    it('keeps a done record across a restart', () =>
      withStores(200, async ({ open }) => {
        const first = await open();
        const claim = await first.inbox.claim(KEY, HASH, 60);
        if (claim.state !== 'claimed') throw new Error(`expected a claim, got ${claim.state}`);
        await first.inbox.complete(KEY, claim.token, { ret_msg: 'SUCC' });
        await first.close();
        const second = await open();
        expect(await second.inbox.claim(KEY, HASH, 60)).toEqual({ state: 'done', answer: { ret_msg: 'SUCC' } });
      }));

    it('keeps (mchid, out_request_no) pairs apart', () =>
      withStores(200, async ({ open }) => {
        const { inbox } = await open();
        expect((await inbox.claim({ mchid: 'a:b', outRequestNo: 'c' }, HASH, 60)).state).toBe('claimed');
        expect((await inbox.claim({ mchid: 'a', outRequestNo: 'b:c' }, HASH, 60)).state).toBe('claimed');
        expect((await inbox.claim({ mchid: 'a:b', outRequestNo: 'c' }, HASH, 60)).state).toBe('in_progress');
      }));
  });
}
