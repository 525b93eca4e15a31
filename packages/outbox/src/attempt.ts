/**
 * One attempt of an entry through core's client, turned into an {@link OutboxAttempt} record.
 */
import type { Client } from '@auditnotify/core';
import { ApiError, isAuditNotifyError } from '@auditnotify/core';
import type { OutboxAttempt, OutboxEntry } from './store.js';
import { retryAfterMs } from './retry-policy.js';

/** The attempt, and the `Retry-After` the answer asked for. */
export interface AttemptOutcome {
  attempt: OutboxAttempt;
  retryAfterMs: number | undefined;
}

/**
 * Sends the entry once (the client fails over between hosts inside this one attempt) and records what happened.
 *
 * @example
 * ```ts
 * const { attempt } = await attemptDelivery(client, entry, { url: 'http://127.0.0.1:3000/v3/…' });
 * ```
 */
export async function attemptDelivery(client: Client, entry: OutboxEntry, options: { url?: string; now?: () => number }): Promise<AttemptOutcome> {
  const now = options.now ?? Date.now;
  const started = now();
  const at = new Date(started).toISOString();
  try {
    const result = await client.send(entry.notification, options.url === undefined ? {} : { url: options.url });
    return { attempt: { at, host: result.url, status: result.status, verified: true, durationMs: now() - started }, retryAfterMs: undefined };
  } catch (error) {
    const durationMs = now() - started;
    if (error instanceof ApiError) {
      return {
        attempt: { at, host: error.url, status: error.status, errorCode: error.apiCode ?? `HTTP_${error.status}`, message: error.apiMessage ?? error.message, verified: false, durationMs },
        retryAfterMs: retryAfterMs(error.headers['retry-after'], now()),
      };
    }
    if (isAuditNotifyError(error)) {
      const detail = (error.detail ?? {}) as { status?: unknown; url?: unknown; urls?: unknown };
      const host = typeof detail.url === 'string' ? detail.url : Array.isArray(detail.urls) ? detail.urls.join(' ') : (options.url ?? '');
      return {
        attempt: { at, host, ...(typeof detail.status === 'number' ? { status: detail.status } : {}), errorCode: error.code, message: error.message, verified: false, durationMs },
        retryAfterMs: undefined,
      };
    }
    throw error;
  }
}
