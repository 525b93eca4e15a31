import type { Clock } from '../types.js';

/**
 * The real clock: current Unix time in whole seconds, the unit of every APIv3 timestamp (protocol.md §3;
 * milliseconds are a classic integration bug, §7 item 4).
 *
 * @example
 * ```ts
 * const now = systemClock(); // 1757900000
 * ```
 */
export const systemClock: Clock = () => Math.floor(Date.now() / 1000);
