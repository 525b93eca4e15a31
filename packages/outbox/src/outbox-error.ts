/**
 * The outbox's own typed errors (core's `ERROR_TABLE` holds only what core raises), and the messages both
 * backends raise them with.
 */
import type { OutboxState } from './store.js';

/**
 * Codes of {@link OutboxError}:
 *
 * | code | when |
 * |---|---|
 * | `OUTBOX_CONFLICT` | `enqueue` of an `out_request_no` already in the outbox with different fields (pass `replace: true` to replace it) |
 * | `OUTBOX_NOT_FOUND` | no entry with that `out_request_no` |
 * | `OUTBOX_NOT_DEAD` | `retryDeadLetter` of an entry that is not dead-lettered |
 * | `OUTBOX_IN_DELIVERY` | `replace` of an entry a worker is delivering right now |
 * | `OUTBOX_AMBIGUOUS` | an `out_request_no` enqueued under several mchids, asked for without `mchid` |
 * | `OUTBOX_STORE_INVALID` | a store address that is neither `sqlite:PATH` nor `redis://HOST:PORT[/DB]` |
 * | `OUTBOX_STORE_UNAVAILABLE` | the store cannot be opened or reached |
 *
 * @example
 * ```ts
 * const code: OutboxErrorCode = 'OUTBOX_CONFLICT';
 * ```
 */
export type OutboxErrorCode =
  | 'OUTBOX_CONFLICT'
  | 'OUTBOX_NOT_FOUND'
  | 'OUTBOX_NOT_DEAD'
  | 'OUTBOX_IN_DELIVERY'
  | 'OUTBOX_AMBIGUOUS'
  | 'OUTBOX_STORE_INVALID'
  | 'OUTBOX_STORE_UNAVAILABLE';

/**
 * A typed error of the outbox: branch on `code`.
 *
 * @example
 * ```ts
 * try {
 *   await outbox.enqueue(changed);
 * } catch (error) {
 *   if (error instanceof OutboxError && error.code === 'OUTBOX_CONFLICT') await outbox.enqueue(changed, { replace: true });
 * }
 * ```
 */
export class OutboxError extends Error {
  override readonly name = 'OutboxError';
  readonly code: OutboxErrorCode;
  readonly detail: Record<string, unknown> | undefined;

  constructor(code: OutboxErrorCode, message: string, options: { detail?: Record<string, unknown>; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.detail = options.detail;
  }
}

// The errors both backends raise, worded once.

export function conflict(outRequestNo: string): OutboxError {
  return new OutboxError('OUTBOX_CONFLICT', `out_request_no ${outRequestNo} is already in the outbox with different fields; pass replace: true to send the new fields instead.`, { detail: { out_request_no: outRequestNo } });
}

export function inDelivery(outRequestNo: string): OutboxError {
  return new OutboxError('OUTBOX_IN_DELIVERY', `out_request_no ${outRequestNo} is being delivered right now; replace it once the attempt has ended.`, { detail: { out_request_no: outRequestNo } });
}

export function notFound(outRequestNo: string): OutboxError {
  return new OutboxError('OUTBOX_NOT_FOUND', `No entry with out_request_no ${outRequestNo} in the outbox.`, { detail: { out_request_no: outRequestNo } });
}

export function notDead(outRequestNo: string, state: OutboxState): OutboxError {
  return new OutboxError('OUTBOX_NOT_DEAD', `out_request_no ${outRequestNo} is ${state}, not dead-lettered: only a dead letter can be retried by hand.`, { detail: { out_request_no: outRequestNo, state } });
}
