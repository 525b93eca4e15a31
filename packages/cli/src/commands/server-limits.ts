/**
 * The HTTP server limits of `auditnotify listen`. Node's defaults let a client hold a connection for a minute
 * by sending headers slowly, five minutes by sending a body slowly, and open sockets without bound; a
 * notification (under 2 KiB) needs none of that. Plugin users set the same on their own server (see the
 * Express and Koa READMEs).
 */
import type { Server } from 'node:http';
import { usageError } from '../usage-error.js';

/**
 * The limits, in milliseconds and connections.
 *
 * @example
 * ```ts
 * const limits: ServerLimits = { ...DEFAULT_SERVER_LIMITS, maxConnections: 256 };
 * ```
 */
export interface ServerLimits {
  /** Time to receive the whole request head (`server.headersTimeout`). */
  headersTimeoutMs: number;
  /** Time to receive the whole request, head and body (`server.requestTimeout`). */
  requestTimeoutMs: number;
  /** Idle time a kept-alive connection is held after an answer (`server.keepAliveTimeout`). */
  keepAliveTimeoutMs: number;
  /** Most open connections; more are closed at once (`server.maxConnections`). */
  maxConnections: number;
}

/**
 * `listen`'s defaults: 10 s for the head, 30 s for the whole request, 5 s idle keep-alive, 512 connections.
 *
 * @example
 * ```ts
 * applyServerLimits(server, DEFAULT_SERVER_LIMITS);
 * ```
 */
export const DEFAULT_SERVER_LIMITS: ServerLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 512,
};

/**
 * The `createServer` option that makes Node check the two request timeouts every second, rather than every
 * 30 s (its default), so that they hold to the second.
 *
 * @example
 * ```ts
 * const server = createServer(SERVER_OPTIONS, app);
 * ```
 */
export const SERVER_OPTIONS = { connectionsCheckingInterval: 1_000 } as const;

/**
 * Sets the limits on a Node HTTP server (before it listens).
 *
 * @example
 * ```ts
 * applyServerLimits(server, parseServerLimits(flags));
 * ```
 */
export function applyServerLimits(server: Server, limits: ServerLimits): void {
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.maxConnections = limits.maxConnections;
}

/**
 * The limits from `--headers-timeout MS`, `--request-timeout MS`, `--keep-alive-timeout MS` and
 * `--max-connections N`, each defaulting to {@link DEFAULT_SERVER_LIMITS}; each must be a positive whole
 * number, and the head's timeout no longer than the request's.
 *
 * @example
 * ```ts
 * parseServerLimits({ 'max-connections': '64' }).maxConnections; // 64
 * ```
 */
export function parseServerLimits(flags: {
  'headers-timeout'?: string | undefined;
  'request-timeout'?: string | undefined;
  'keep-alive-timeout'?: string | undefined;
  'max-connections'?: string | undefined;
}): ServerLimits {
  const read = (flag: keyof typeof flags, fallback: number): number => {
    const value = flags[flag];
    if (value === undefined) return fallback;
    if (!/^\d{1,9}$/.test(value) || Number(value) === 0) throw usageError(`--${flag} must be a positive whole number, got ${JSON.stringify(value)}`, { flag: `--${flag}` });
    return Number(value);
  };
  const limits = {
    headersTimeoutMs: read('headers-timeout', DEFAULT_SERVER_LIMITS.headersTimeoutMs),
    requestTimeoutMs: read('request-timeout', DEFAULT_SERVER_LIMITS.requestTimeoutMs),
    keepAliveTimeoutMs: read('keep-alive-timeout', DEFAULT_SERVER_LIMITS.keepAliveTimeoutMs),
    maxConnections: read('max-connections', DEFAULT_SERVER_LIMITS.maxConnections),
  };
  if (limits.headersTimeoutMs > limits.requestTimeoutMs) {
    throw usageError('--headers-timeout must not be longer than --request-timeout (the head is part of the request)', { flag: '--headers-timeout' });
  }
  return limits;
}
