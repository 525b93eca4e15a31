/**
 * The receiver's state in Redis, shared by every instance behind a load balancer: nonce claims, one 200/min
 * bucket per sender and the inbox, each an atomic Lua script over one key (scripts.ts, key-names.ts).
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Admit, Inbox, InboxClaim, NonceStore, NotifyAnswer, RateLimiter, ReceiverStores } from '@auditnotify/core';
import { AuditNotifyError, DEFAULT_INBOX_RETENTION_SECONDS, linkAdmission } from '@auditnotify/core';
import { keyNames } from './key-names.js';
import { ADMIT, CLAIM_INBOX, CLAIM_NONCE, COMPLETE_INBOX, RELEASE_INBOX, TAKE_TOKEN } from './scripts.js';

/**
 * Options of {@link openRedisStores}.
 *
 * @example
 * ```ts
 * const options: RedisStoresOptions = { redis: 'redis://127.0.0.1:6379/0', prefix: 'auditnotify' };
 * ```
 */
export interface RedisStoresOptions {
  /**
   * A `redis://HOST:PORT[/DB]` URL (the stores open and close their own connection), or an ioredis client
   * or Cluster you manage (then `close()` leaves it open).
   */
  redis: string | Redis;
  /** Start of every key name. Default `auditnotify`. */
  prefix?: string;
  /** Requests a minute per sender, one bucket for all instances. Default 200. */
  perMinute?: number;
  /** How long a `done` inbox record is kept, in seconds. Default 30 days. */
  retentionSeconds?: number;
  /** Time source (Unix seconds, fractions allowed). Default `Date.now() / 1000`. */
  clock?: () => number;
}

interface ScriptedRedis extends Redis {
  auditnotifyClaimNonce(key: string, now: string, expiresAt: string, ttlMs: string): Promise<number>;
  auditnotifyTakeToken(key: string, now: string, perMinute: string): Promise<[number, number]>;
  auditnotifyClaimInbox(key: string, hash: string, token: string, now: string, leaseUntil: string, keepMs: string): Promise<[string, string]>;
  auditnotifyCompleteInbox(key: string, token: string, answer: string, keepMs: string): Promise<number>;
  auditnotifyReleaseInbox(key: string, token: string): Promise<number>;
  auditnotifyAdmit(...keysAndArgs: string[]): Promise<[0] | [1, number, number, string, string]>;
}

const SCRIPTS = {
  auditnotifyClaimNonce: CLAIM_NONCE,
  auditnotifyTakeToken: TAKE_TOKEN,
  auditnotifyClaimInbox: CLAIM_INBOX,
  auditnotifyCompleteInbox: COMPLETE_INBOX,
  auditnotifyReleaseInbox: RELEASE_INBOX,
};

/**
 * Connects (or uses your client) and returns the receiver's three stores over Redis. A Redis that cannot be
 * reached makes each request fail with `INTERNAL_ERROR` (500, so the sender retries) after the command timeout,
 * never accept a request unchecked.
 *
 * @example
 * ```ts
 * import { openRedisStores } from '@auditnotify/redis';
 * const stores = openRedisStores({ redis: 'redis://127.0.0.1:6379' });
 * const receiver = createReceiver({ ...options, nonceStore: stores.nonceStore, rateLimiter: stores.rateLimiter, inbox: stores.inbox });
 * await stores.close();
 * ```
 */
export function openRedisStores(options: RedisStoresOptions): ReceiverStores & { ping(): Promise<void> } {
  const perMinute = options.perMinute ?? 200;
  const retention = options.retentionSeconds ?? DEFAULT_INBOX_RETENTION_SECONDS;
  const prefix = options.prefix ?? 'auditnotify';
  if (!(Number.isFinite(perMinute) && perMinute > 0)) invalid('`perMinute` must be a positive number.');
  if (!(Number.isFinite(retention) && retention > 0)) invalid('`retentionSeconds` must be a positive number.');
  if (typeof prefix !== 'string' || prefix === '' || /[{}\s]/.test(prefix)) invalid('`prefix` must be a non-empty string without spaces or braces.');
  const now = options.clock ?? ((): number => Date.now() / 1000);

  let owned: boolean;
  let client: Redis;
  if (typeof options.redis === 'string') {
    if (!/^rediss?:\/\//.test(options.redis)) invalid(`\`redis\` must be a redis://HOST:PORT[/DB] URL, got ${JSON.stringify(options.redis)}.`);
    client = new Redis(options.redis, { maxRetriesPerRequest: 1, commandTimeout: 5_000, lazyConnect: false });
    owned = true;
  } else if (options.redis !== null && typeof options.redis === 'object' && typeof (options.redis as Redis).defineCommand === 'function') {
    client = options.redis;
    owned = false;
  } else {
    invalid('`redis` must be a redis:// URL or an ioredis client.');
  }
  for (const [name, lua] of Object.entries(SCRIPTS)) {
    if (typeof (client as unknown as Record<string, unknown>)[name] !== 'function') client.defineCommand(name, { numberOfKeys: 1, lua });
  }
  if (typeof (client as unknown as Record<string, unknown>).auditnotifyAdmit !== 'function') client.defineCommand('auditnotifyAdmit', { numberOfKeys: 3, lua: ADMIT });
  const redis = client as ScriptedRedis;
  const keys = keyNames(prefix);
  const keepMs = String(Math.ceil(retention * 1000));

  const nonceStore: NonceStore = {
    async claim(key, ttlSeconds) {
      const at = now();
      return (await redis.auditnotifyClaimNonce(keys.nonce(key), String(at), String(at + ttlSeconds), String(Math.ceil(ttlSeconds * 1000)))) === 1;
    },
    async release(key) {
      await redis.del(keys.nonce(key));
    },
  };
  const rateLimiter: RateLimiter = {
    async take(key) {
      const [ok, retryAfter] = await redis.auditnotifyTakeToken(keys.bucket(key), String(now()), String(perMinute));
      return ok === 1 ? { ok: true, retryAfterSeconds: 0 } : { ok: false, retryAfterSeconds: Math.max(1, retryAfter) };
    },
  };
  const inboxClaim = (state: string, value: string, at: number): InboxClaim => {
    switch (state) {
      case 'claimed':
        return { state, token: value };
      case 'done':
        return { state, answer: JSON.parse(value) as NotifyAnswer };
      case 'conflict':
        return { state, fieldsHash: value };
      case 'in_progress':
        return { state, retryAfterSeconds: Math.max(1, Math.ceil(Number(value) - at)) };
      default:
        throw new AuditNotifyError('INTERNAL_ERROR', `The Redis inbox answered an unknown state ${JSON.stringify(state)}.`);
    }
  };
  const inbox: Inbox = {
    async claim(key, fieldsHash, leaseSeconds): Promise<InboxClaim> {
      const at = now();
      const token = randomUUID();
      const [state, value] = await redis.auditnotifyClaimInbox(keys.inbox(key.mchid, key.outRequestNo), fieldsHash, token, String(at), String(at + leaseSeconds), keepMs);
      return inboxClaim(state, value, at);
    },
    async complete(key, token, answer) {
      return (await redis.auditnotifyCompleteInbox(keys.inbox(key.mchid, key.outRequestNo), token, JSON.stringify(answer), keepMs)) === 1;
    },
    async release(key, token) {
      await redis.auditnotifyReleaseInbox(keys.inbox(key.mchid, key.outRequestNo), token);
    },
  };
  // One round trip for the nonce, the token and the inbox claim (scripts.ts, ADMIT). Not on a Cluster, where
  // the three keys live in three slots: there the receiver runs the steps one by one.
  const admit: Admit = async (request) => {
    const at = now();
    const inboxPart = request.inbox;
    const reply = await redis.auditnotifyAdmit(
      keys.nonce(request.nonceKey),
      keys.bucket(request.rate?.key ?? ''),
      inboxPart === undefined ? keys.inbox('', '') : keys.inbox(inboxPart.key.mchid, inboxPart.key.outRequestNo),
      String(at),
      String(at + request.nonceTtlSeconds),
      String(Math.ceil(request.nonceTtlSeconds * 1000)),
      request.rate === undefined ? '' : String(perMinute),
      inboxPart?.fieldsHash ?? '',
      inboxPart === undefined ? '' : randomUUID(),
      inboxPart === undefined ? '' : String(at + inboxPart.leaseSeconds),
      keepMs,
    );
    if (reply[0] === 0) return { nonce: 'replayed' };
    const [, rateOk, retryAfter, state, value] = reply;
    const rate = rateOk === -1 ? undefined : rateOk === 1 ? { ok: true, retryAfterSeconds: 0 } : { ok: false, retryAfterSeconds: Math.max(1, retryAfter) };
    return { nonce: 'fresh', ...(rate === undefined ? {} : { rate }), ...(state === '' ? {} : { inbox: inboxClaim(state, value, at) }) };
  };

  let closed = false;
  const stores = {
    ping: async () => void (await redis.ping()),
    nonceStore,
    rateLimiter,
    inbox,
    async close() {
      if (closed || !owned) return;
      closed = true;
      if (redis.status === 'ready') await redis.quit().catch(() => redis.disconnect());
      else redis.disconnect();
    },
  };
  return (redis as { isCluster?: boolean }).isCluster === true ? stores : linkAdmission(stores, admit);
}

/**
 * {@link openRedisStores}, resolved once Redis answers a PING: a server that cannot be reached is an error at
 * start-up (`NETWORK_ERROR` naming the URL) rather than on the first request.
 *
 * @example
 * ```ts
 * const stores = await connectRedisStores({ redis: 'redis://127.0.0.1:6379' });
 * ```
 */
export async function connectRedisStores(options: RedisStoresOptions): Promise<ReceiverStores> {
  const stores = openRedisStores(options);
  try {
    await stores.ping();
  } catch (error) {
    await stores.close().catch(() => undefined);
    const where = typeof options.redis === 'string' ? options.redis : 'the given client';
    throw new AuditNotifyError('NETWORK_ERROR', `cannot reach Redis at ${where}: ${(error as Error).message}`, { cause: error });
  }
  return stores;
}

function invalid(message: string): never {
  throw new AuditNotifyError('INVALID_OPTIONS', `openRedisStores: ${message}`);
}
