/**
 * The receiver's idempotency step: with an {@link Inbox}, the handler runs to success at most once per
 * `(mchid, out_request_no)`. Called by the receiver once the body parsed, right before the handler.
 *
 * - first delivery: the inbox is claimed with a lease, the handler runs, the answer is recorded as `done`;
 * - a later delivery with the same fields (a resend with a fresh nonce): the recorded answer, no handler. A
 *   notification is identified by its documented fields: fields the documentation does not define (a sender's
 *   trace id, say) may differ between deliveries;
 * - the same `out_request_no` with other fields: `OUT_REQUEST_NO_CONFLICT`, nothing overwritten;
 * - a delivery while another receiver holds a live lease: `NOTIFICATION_IN_PROGRESS`, retry later;
 * - the handler failed: the claim is released, so the sender's retry runs it again.
 *
 * Without an inbox the handler runs for every delivery that passes the checks (at-least-once).
 */
import { sha256 } from '#runtime';
import type { NotifyAnswer } from '../schema/index.js';
import type { Inbox, InboxClaim, InboxKey } from './stores.js';

/**
 * What {@link processOnce} did.
 *
 * @example
 * ```ts
 * const outcome: ProcessOutcome<string> = { kind: 'duplicate', answer: { ret_msg: 'SUCC' } };
 * ```
 */
export type ProcessOutcome<R> =
  | { kind: 'ran'; result: R; recorded: boolean }
  | { kind: 'duplicate'; answer: NotifyAnswer }
  | { kind: 'conflict'; recordedFieldsHash: string }
  | { kind: 'in_progress'; retryAfterSeconds: number };

/**
 * Hash of a notification's fields: SHA-256 of its JSON with object keys sorted at every level, so that a
 * resend with other whitespace or key order counts as the same notification, and any changed value does not.
 *
 * @example
 * ```ts
 * (await notificationFieldsHash({ mchid: '1', out_request_no: 'R1' })) === (await notificationFieldsHash({ out_request_no: 'R1', mchid: '1' })); // true
 * ```
 */
export async function notificationFieldsHash(fields: unknown): Promise<string> {
  // The runtime's SHA-256: node:crypto under Node (a few µs), WebCrypto on the other runtimes.
  const digest = await sha256(new TextEncoder().encode(canonicalJson(fields)));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Runs `run` at most once to success per notification when there is an inbox, and always when there is none.
 * `claim` is what the inbox answered for this delivery (the receiver claims it together with the nonce:
 * stores.ts, `Admit`). `answerOf` tells a success (the answer to record) from a failure (`undefined`: the
 * claim is released). A `run` that throws releases the claim too, and the error goes on.
 *
 * @example
 * ```ts
 * const outcome = await processOnce(inbox, key, await inbox.claim(key, hash, 60), () => handler(context), (answer) => answer);
 * ```
 */
export async function processOnce<R>(
  inbox: Inbox | undefined,
  key: InboxKey,
  claim: InboxClaim | undefined,
  run: () => Promise<R>,
  answerOf: (result: R) => NotifyAnswer | undefined,
): Promise<ProcessOutcome<R>> {
  if (inbox === undefined || claim === undefined) return { kind: 'ran', result: await run(), recorded: false };
  switch (claim.state) {
    case 'done':
      return { kind: 'duplicate', answer: claim.answer };
    case 'conflict':
      return { kind: 'conflict', recordedFieldsHash: claim.fieldsHash };
    case 'in_progress':
      return { kind: 'in_progress', retryAfterSeconds: claim.retryAfterSeconds };
    case 'claimed':
      break;
  }
  let result: R;
  try {
    result = await run();
  } catch (error) {
    await inbox.release(key, claim.token).catch(() => undefined);
    throw error;
  }
  const answer = answerOf(result);
  if (answer === undefined) {
    await inbox.release(key, claim.token);
    return { kind: 'ran', result, recorded: false };
  }
  // false: the lease ran out while the handler ran and another receiver took the claim over.
  const recorded = await inbox.complete(key, claim.token, answer);
  return { kind: 'ran', result, recorded };
}
