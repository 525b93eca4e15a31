// The timestamp rules of APIv3 signatures (protocol.md §3–4, §7 item 4), written once: the receiver, answer
// verification, diagnosis and the decode report all ask these functions.
import type { UnixSeconds } from '../types.js';

/**
 * Why a timestamp is refused: not decimal Unix seconds, Unix milliseconds, or seconds too far from now.
 *
 * @example
 * ```ts
 * const reason: TimestampProblem = 'milliseconds';
 * ```
 */
export type TimestampProblem = 'not_digits' | 'milliseconds' | 'skew';

/**
 * The verdict on one signed timestamp. `skewSeconds` is `now − timestamp`: positive for a timestamp in the
 * past ("600 s ago"), negative for one in the future.
 *
 * @example
 * ```ts
 * const verdict: TimestampVerdict = checkTimestamp('1757900000', 1757900600, 300);
 * // { ok: false, problem: 'skew', timestamp: 1757900000, skewSeconds: 600, windowSeconds: 300 }
 * ```
 */
export type TimestampVerdict =
  | { ok: true; timestamp: UnixSeconds; skewSeconds: number; windowSeconds: number }
  | { ok: false; problem: 'not_digits'; text: string; windowSeconds: number }
  | { ok: false; problem: 'milliseconds' | 'skew'; timestamp: number; skewSeconds: number; windowSeconds: number };

const DIGITS = /^\d{1,15}$/;

/**
 * Whose timestamp is checked, which decides the window's edge. A request's must not be more than the window
 * away: WeChat Pay's "不得超过5分钟" (not over five minutes), so exactly 300 s is accepted. An answer's must
 * be less than the window away, the rule of the official Go and Java SDKs that verify answers (docs/protocol.md,
 * "Fidelity").
 *
 * @example
 * ```ts
 * checkTimestamp('1757899700', 1757900000, 300, 'request').ok; // true: 300 s is not over five minutes
 * checkTimestamp('1757899700', 1757900000, 300, 'answer').ok; // false: the SDKs refuse |skew| >= 300
 * ```
 */
export type SignedMessageKind = 'request' | 'answer';

/** True when `skewSeconds` is inside the window for `kind` (see {@link SignedMessageKind}). */
function insideWindow(skewSeconds: number, windowSeconds: number, kind: SignedMessageKind): boolean {
  const distance = Math.abs(skewSeconds);
  return kind === 'request' ? distance <= windowSeconds : distance < windowSeconds;
}

/**
 * The one millisecond rule: a value that is out of the window as seconds but whose thousandth part falls
 * inside it was written in Unix milliseconds (protocol.md §7 item 4).
 *
 * @example
 * ```ts
 * isMillisecondTimestamp(1757900000123, 1757900000, 300); // true
 * isMillisecondTimestamp(1757900000, 1757900000, 300); // false
 * ```
 */
export function isMillisecondTimestamp(timestamp: number, now: UnixSeconds, windowSeconds: number, kind: SignedMessageKind = 'answer'): boolean {
  return !insideWindow(now - timestamp, windowSeconds, kind) && insideWindow(Math.floor(timestamp / 1000) - now, windowSeconds, kind);
}

/**
 * Checks a signed timestamp against the window: a request's is accepted when |now − timestamp| is at most
 * `windowSeconds`, an answer's when it is below (see {@link SignedMessageKind}; `answer` when not given).
 * Takes the header text as received, or a number already parsed from it.
 *
 * @example
 * ```ts
 * checkTimestamp('1757900000', 1757900010, 300).ok; // true
 * checkTimestamp('1757900000000', 1757900010, 300); // { ok: false, problem: 'milliseconds', … }
 * ```
 */
export function checkTimestamp(value: string | number, now: UnixSeconds, windowSeconds: number, kind: SignedMessageKind = 'answer'): TimestampVerdict {
  const text = String(value);
  if (!DIGITS.test(text)) return { ok: false, problem: 'not_digits', text: text.slice(0, 32), windowSeconds };
  const timestamp = Number(text);
  const skewSeconds = now - timestamp;
  if (insideWindow(skewSeconds, windowSeconds, kind)) return { ok: true, timestamp, skewSeconds, windowSeconds };
  const problem = isMillisecondTimestamp(timestamp, now, windowSeconds, kind) ? 'milliseconds' : 'skew';
  return { ok: false, problem, timestamp, skewSeconds, windowSeconds };
}

/**
 * How far a timestamp is from now, in words: "600 s ago", "42 s from now", "now".
 *
 * @example
 * ```ts
 * describeSkew(600); // '600 s ago'
 * describeSkew(-42); // '42 s from now'
 * ```
 */
export function describeSkew(skewSeconds: number): string {
  if (skewSeconds === 0) return 'now';
  return skewSeconds > 0 ? `${skewSeconds} s ago` : `${-skewSeconds} s from now`;
}

/**
 * One sentence on a refused timestamp, for error messages and reports.
 *
 * @example
 * ```ts
 * explainTimestamp(checkTimestamp('1757900000', 1757900600, 300));
 * // 'the timestamp 1757900000 is 600 s ago, outside the 300 s window: …'
 * ```
 */
export function explainTimestamp(verdict: TimestampVerdict): string {
  if (verdict.ok) return `the timestamp ${verdict.timestamp} is ${describeSkew(verdict.skewSeconds)}, inside the ${verdict.windowSeconds} s window.`;
  if (verdict.problem === 'not_digits') return `the timestamp "${verdict.text}" is not Unix seconds in decimal digits (protocol.md §3).`;
  if (verdict.problem === 'milliseconds') return `the timestamp ${verdict.timestamp} is in milliseconds; APIv3 timestamps are Unix seconds (protocol.md §7 item 4).`;
  return `the timestamp ${verdict.timestamp} is ${describeSkew(verdict.skewSeconds)}, outside the ${verdict.windowSeconds} s window: a replayed capture, or a clock off (sync both with NTP, protocol.md §7 item 4).`;
}
