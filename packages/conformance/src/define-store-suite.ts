import { describe, expect, it } from 'vitest';
import { admissionOf, type InboxKey, type ReceiverStores } from '@auditnotify/core';

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
  /** The backend admits a request in one operation of its own (`linkAdmission`), rather than step by step. */
  ownAdmission?: boolean;
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

  describe(`${target.name} store: admission of one request`, () => {
    const admitOf = (stores: ReceiverStores) => admissionOf(stores.nonceStore, stores.rateLimiter, stores.inbox);
    const request = (nonceKey: string, key: InboxKey = KEY, fieldsHash = HASH) => ({ nonceKey, nonceTtlSeconds: 600, rate: { key: 'S1' }, inbox: { key, fieldsHash, leaseSeconds: 60 } });

    it(target.ownAdmission ? 'uses its own one-operation admission for its own stores, and steps with a foreign limiter' : 'admits step by step', () =>
      withStores(200, async ({ open }) => {
        const stores = await open();
        const other = await open();
        const linked = admitOf(stores) === admissionOf(stores.nonceStore, undefined, undefined);
        expect(linked).toBe(target.ownAdmission === true);
        expect(admissionOf(stores.nonceStore, other.rateLimiter, stores.inbox)).not.toBe(admitOf(stores));
      }));

    it('claims the nonce, takes a token and claims the inbox; the same nonce again is a replay', () =>
      withStores(200, async ({ open }) => {
        const stores = await open();
        const admitted = await admitOf(stores)(request('N1'));
        expect(admitted).toMatchObject({ nonce: 'fresh', rate: { ok: true, retryAfterSeconds: 0 }, inbox: { state: 'claimed' } });
        expect(await admitOf(stores)(request('N1'))).toEqual({ nonce: 'replayed' });
        expect(await stores.nonceStore.claim('N1', 600)).toBe(false);
        expect((await stores.inbox.claim(KEY, HASH, 60)).state).toBe('in_progress');
      }));

    it('takes no token for a replay', () =>
      withStores(2, async ({ open }) => {
        const stores = await open();
        const admit = admitOf(stores);
        expect((await admit(request('N1'))).nonce).toBe('fresh');
        for (let i = 0; i < 3; i++) expect(await admit(request('N1'))).toEqual({ nonce: 'replayed' });
        expect(await admit({ nonceKey: 'N2', nonceTtlSeconds: 600, rate: { key: 'S1' } })).toEqual({ nonce: 'fresh', rate: { ok: true, retryAfterSeconds: 0 } });
        expect((await stores.rateLimiter.take('S1')).ok).toBe(false);
      }));

    it('releases the nonce and leaves the inbox alone when the rate refuses', () =>
      withStores(1, async ({ open }) => {
        const stores = await open();
        const admit = admitOf(stores);
        expect((await admit(request('N1'))).nonce).toBe('fresh');
        const other: InboxKey = { mchid: '1900016681', outRequestNo: 'R2' };
        const refused = await admit(request('N2', other));
        expect(refused).toEqual({ nonce: 'fresh', rate: { ok: false, retryAfterSeconds: 60 } });
        expect(await stores.nonceStore.claim('N2', 600)).toBe(true);
        expect((await stores.inbox.claim(other, HASH, 60)).state).toBe('claimed');
      }));

    it('does only the parts it is asked for', () =>
      withStores(1, async ({ open }) => {
        const stores = await open();
        const admit = admitOf(stores);
        expect(await admit({ nonceKey: 'N1', nonceTtlSeconds: 600 })).toEqual({ nonce: 'fresh' });
        expect(await admit({ nonceKey: 'N2', nonceTtlSeconds: 600, inbox: { key: KEY, fieldsHash: HASH, leaseSeconds: 60 } })).toMatchObject({ nonce: 'fresh', inbox: { state: 'claimed' } });
        expect((await stores.rateLimiter.take('S1')).ok).toBe(true);
      }));

    it('answers every inbox state as the inbox does: done, conflict, in progress', () =>
      withStores(200, async ({ open, clock }) => {
        const stores = await open();
        const admit = admitOf(stores);
        const first = await admit(request('N1'));
        if (first.nonce !== 'fresh' || first.inbox?.state !== 'claimed') throw new Error('expected a claim');
        const inboxOf = async (nonceKey: string, fieldsHash = HASH) => {
          const outcome = await admit(request(nonceKey, KEY, fieldsHash));
          return outcome.nonce === 'fresh' ? outcome.inbox : undefined;
        };
        clock.advance(20);
        expect(await inboxOf('N2')).toEqual({ state: 'in_progress', retryAfterSeconds: 40 });
        expect(await inboxOf('N3', OTHER_HASH)).toEqual({ state: 'conflict', fieldsHash: HASH });
        await stores.inbox.complete(KEY, first.inbox.token, { ret_msg: 'SUCC' });
        expect(await inboxOf('N4')).toEqual({ state: 'done', answer: { ret_msg: 'SUCC' } });
      }));

    it('gives the inbox to exactly one of twenty concurrent deliveries across two receivers', () =>
      withStores(200, async ({ open }) => {
        const receivers = [await open(), await open()];
        const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => admitOf(receivers[i % 2]!)(request(`N${i}`))));
        const states = outcomes.map((outcome) => (outcome.nonce === 'fresh' ? outcome.inbox?.state : 'replayed'));
        expect(states.filter((state) => state === 'claimed')).toHaveLength(1);
        expect(states.filter((state) => state === 'in_progress')).toHaveLength(19);
      }));
  });
}
