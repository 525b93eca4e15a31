/**
 * The global pace on Redis: one key holds the next free start time, and a Lua script hands out start times
 * from it atomically, `paceIntervalMs` apart (`pace.ts`), to every worker of every process on the queue — the
 * same schedule the SQLite store keeps in its `outbox_pace` row. Times are Redis's own clock (`TIME`), and a
 * worker is told how long to wait rather than when, so the senders' clocks need not agree. A start that a
 * late timer delays takes nothing from the starts after it: they keep their places on the schedule.
 */
import type { Redis } from 'ioredis';

/**
 * KEYS[1]: the pace key. ARGV[1]: the interval in milliseconds (may have a fraction). Returns the wait in
 * milliseconds as a string (a Lua number would come back truncated to an integer). The key expires a minute
 * after its last slot, so an idle queue leaves nothing behind.
 */
const RESERVE_SLOT_LUA = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local interval = tonumber(ARGV[1])
local slot = math.max(now, tonumber(redis.call('GET', KEYS[1]) or '0'))
redis.call('SET', KEYS[1], string.format('%.3f', slot + interval), 'PX', math.ceil(slot + interval - now) + 60000)
return string.format('%.3f', slot - now)
`;

interface PaceCommands {
  outboxReservePaceSlot(key: string, intervalMs: string): Promise<string>;
}

/**
 * A function that reserves the next start on the pace kept at `key` and resolves once that start is due.
 *
 * @example
 * ```ts
 * const waitForSlot = redisPace(redis, 'auditnotify:auditnotify-outbox:outbox-pace', paceIntervalMs(rate));
 * await waitForSlot(); // then start the attempt
 * ```
 */
export function redisPace(redis: Redis, key: string, intervalMs: number): () => Promise<void> {
  if (!('outboxReservePaceSlot' in redis)) redis.defineCommand('outboxReservePaceSlot', { numberOfKeys: 1, lua: RESERVE_SLOT_LUA });
  const commands = redis as unknown as PaceCommands;
  const interval = intervalMs.toFixed(3);
  return async () => {
    const waitMs = Number(await commands.outboxReservePaceSlot(key, interval));
    if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
  };
}
