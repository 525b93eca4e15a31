import { AuditNotifyError } from '../errors.js';
import {
  AUTHORIZATION_SCHEME,
  AUTHORIZATION_WIRE_NAMES,
  type AuthorizationFields,
  isAuthorizationValue,
} from './authorization.js';

/**
 * Why an `Authorization` header was refused: the `detail.reason` of the `AUTH_MISSING`/`AUTH_MALFORMED`
 * error. Stable strings: the receiver, the CLI and the inspector branch on them.
 *
 * @example
 * ```ts
 * if (isAuditNotifyError(error) && error.detail?.reason === 'line_break') showHint('send the header on one line');
 * ```
 */
export type AuthorizationProblem =
  | 'missing'
  | 'empty'
  | 'multiple_headers'
  | 'not_a_string'
  | 'too_long'
  | 'line_break'
  | 'tab'
  | 'control_character'
  | 'full_width_punctuation'
  | 'single_quotes'
  | 'non_ascii'
  | 'leading_space'
  | 'trailing_space'
  | 'scheme_missing'
  | 'scheme_case'
  | 'scheme_unknown'
  | 'scheme_separator'
  | 'extra_space'
  | 'no_parameters'
  | 'space_between_pairs'
  | 'space_around_equals'
  | 'wrong_separator'
  | 'empty_pair'
  | 'trailing_comma'
  | 'pair_without_value'
  | 'quoted_name'
  | 'unquoted_value'
  | 'unterminated_quote'
  | 'junk_after_value'
  | 'field_name_case'
  | 'unknown_field'
  | 'duplicate_field'
  | 'empty_value'
  | 'invalid_character'
  | 'missing_field'
  | 'timestamp_not_digits'
  | 'timestamp_leading_zero'
  | 'timestamp_too_long';

// A 4096-bit signature is 684 Base64 characters; nothing legitimate comes near this.
const MAX_HEADER_LENGTH = 4096;
// 15 digits stay exact as a number and still let milliseconds (13 digits) through, so the receiver can
// say "milliseconds" instead of "malformed" (protocol.md §7 item 4).
const MAX_TIMESTAMP_DIGITS = 15;

// Full-width and typographic look-alikes that Chinese input methods and word processors produce
// (protocol.md §7 item 8), with the ASCII character that was meant.
const FULL_WIDTH: ReadonlyMap<number, string> = new Map([
  [0x201c, '"'],
  [0x201d, '"'],
  [0x2018, "'"],
  [0x2019, "'"],
  [0xff02, '"'],
  [0xff07, "'"],
  [0xff0c, ','],
  [0x3001, ','],
  [0xff1d, '='],
  [0xff1a, ':'],
  [0xff1b, ';'],
  [0x3000, ' '],
]);

type WireName = (typeof AUTHORIZATION_WIRE_NAMES)[keyof typeof AUTHORIZATION_WIRE_NAMES];
const WIRE_NAMES: ReadonlySet<string> = new Set(Object.values(AUTHORIZATION_WIRE_NAMES));

interface Failure {
  reason: AuthorizationProblem;
  issue: string;
  position?: number;
  field?: string;
  extra?: Record<string, unknown>;
}

function fail(raw: string | undefined, failure: Failure): never {
  const detail: { reason: AuthorizationProblem } & Record<string, unknown> = { location: 'authorization', reason: failure.reason, issue: failure.issue };
  if (failure.field !== undefined) detail.field = failure.field;
  if (failure.position !== undefined) {
    detail.position = failure.position;
    // Stryker disable next-line ConditionalExpression: every fail(undefined, …) comes without a position, so raw is always defined here.
    if (raw !== undefined) detail.near = raw.slice(Math.max(0, failure.position - 16), failure.position + 16);
  }
  Object.assign(detail, failure.extra);
  const missing = failure.reason === 'missing' || failure.reason === 'empty';
  throw new AuditNotifyError(
    missing ? 'AUTH_MISSING' : 'AUTH_MALFORMED',
    `${missing ? 'Authorization header missing' : 'Authorization header malformed'}: ${failure.issue}`,
    { detail },
  );
}

function hex(code: number): string {
  // Stryker disable next-line StringLiteral: hex() only formats message text (the `issue`).
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Characters that can never be right anywhere in the header, reported with the most specific reason. */
// Printable ASCII but the single quote: what checkCharacters lets through. One native scan of the whole
// header, the common case; the loop below then runs only to name the first character outside it.
const PRINTABLE_NO_QUOTE = /^[\x20-\x26\x28-\x7e]*$/;

function checkCharacters(raw: string): void {
  if (PRINTABLE_NO_QUOTE.test(raw)) return;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 0x20 && c < 0x7f && c !== 0x27) continue;
    if (c === 0x0a || c === 0x0d) {
      fail(raw, {
        reason: 'line_break',
        position: i,
        issue: `it contains a line break (${c === 0x0a ? '\\n' : '\\r'}) at offset ${i}; the header must be one line (protocol.md §3).`,
      });
    }
    if (c === 0x09) {
      fail(raw, { reason: 'tab', position: i, issue: `it contains a tab at offset ${i}; use no whitespace except the one space after the scheme.` });
    }
    if (c === 0x27) {
      fail(raw, {
        reason: 'single_quotes',
        position: i,
        issue: `it contains a single quote at offset ${i}; values are quoted with double quotes: key="value" (protocol.md §3).`,
      });
    }
    const meant = FULL_WIDTH.get(c);
    if (meant !== undefined) {
      fail(raw, {
        reason: 'full_width_punctuation',
        position: i,
        issue: `it contains the full-width character ${raw[i]} (${hex(c)}) at offset ${i}; use the ASCII ${meant === ' ' ? 'space' : meant} instead (protocol.md §7 item 8).`,
        extra: { character: raw[i], expected: meant },
      });
    }
        // Stryker disable next-line EqualityOperator: 0x20 never gets here (printable ASCII continued above), so < and <= agree.
    if (c < 0x20 || c === 0x7f) {
      fail(raw, { reason: 'control_character', position: i, issue: `it contains the control character ${hex(c)} at offset ${i}.` });
    }
    fail(raw, {
      reason: 'non_ascii',
      position: i,
      issue: `it contains the non-ASCII character ${hex(c)} at offset ${i}; the header is plain ASCII.`,
    });
  }
}

function checkScheme(raw: string): number {
  if (raw.startsWith(' ')) {
    fail(raw, { reason: 'leading_space', position: 0, issue: `it starts with a space; it must start with "${AUTHORIZATION_SCHEME} ".` });
  }
  if (raw.endsWith(' ')) {
    fail(raw, { reason: 'trailing_space', position: raw.length - 1, issue: 'it ends with a space.' });
  }
  const space = raw.indexOf(' ');
  const scheme = space === -1 ? raw : raw.slice(0, space);
  if (scheme !== AUTHORIZATION_SCHEME) {
    if (scheme.startsWith(AUTHORIZATION_SCHEME)) {
      fail(raw, {
        reason: 'scheme_separator',
        position: AUTHORIZATION_SCHEME.length,
        issue: `the scheme ${AUTHORIZATION_SCHEME} must be followed by exactly one space.`,
      });
    }
    if (scheme.toUpperCase() === AUTHORIZATION_SCHEME) {
      fail(raw, { reason: 'scheme_case', position: 0, issue: `the scheme must be written exactly ${AUTHORIZATION_SCHEME} (upper case).` });
    }
    if (scheme.includes('=')) {
      fail(raw, { reason: 'scheme_missing', position: 0, issue: `it must start with the scheme "${AUTHORIZATION_SCHEME} " before the key="value" pairs.` });
    }
    fail(raw, {
      reason: 'scheme_unknown',
      position: 0,
      issue: `unknown scheme "${scheme.slice(0, 40)}"; APIv3 uses ${AUTHORIZATION_SCHEME}.`,
    });
  }
  if (space === -1) {
    fail(raw, { reason: 'no_parameters', position: raw.length, issue: 'the scheme is not followed by any key="value" pairs.' });
  }
  if (raw[space + 1] === ' ') {
    fail(raw, { reason: 'extra_space', position: space + 1, issue: 'more than one space after the scheme; exactly one is allowed.' });
  }
  return space + 1;
}

function checkTimestamp(raw: string, value: string, position: number): number {
  if (!/^\d+$/.test(value)) {
    fail(raw, {
      reason: 'timestamp_not_digits',
      field: 'timestamp',
      position,
      issue: `timestamp "${value.slice(0, 32)}" is not Unix seconds in decimal digits.`,
    });
  }
  if (value.length > 1 && value.startsWith('0')) {
    fail(raw, { reason: 'timestamp_leading_zero', field: 'timestamp', position, issue: 'timestamp has a leading zero.' });
  }
  if (value.length > MAX_TIMESTAMP_DIGITS) {
    fail(raw, { reason: 'timestamp_too_long', field: 'timestamp', position, issue: `timestamp has ${value.length} digits; it is Unix seconds.` });
  }
  return Number(value);
}

/**
 * Parses an `Authorization` header strictly (protocol.md §3): scheme exactly `WECHATPAY2-SHA256-RSA2048`
 * and one space, then `key="value"` pairs joined by `,` (no spaces), each of mchid, nonce_str, timestamp,
 * serial_no and signature exactly once, in any order, no other keys, timestamp in decimal digits.
 *
 * Whatever the input, it throws nothing but `AuditNotifyError` with code `AUTH_MISSING` (absent or empty)
 * or `AUTH_MALFORMED`, and `detail.reason` names the problem ({@link AuthorizationProblem}); line breaks,
 * spaces, single quotes and full-width punctuation get their own reasons (protocol.md §7 item 8). The
 * signature is not decoded here.
 *
 * @example
 * ```ts
 * const fields = parseAuthorization(
 *   'WECHATPAY2-SHA256-RSA2048 mchid="1900016681",nonce_str="593BEC0C930BF1AFEB40B4A08C8FB242",' +
 *     'signature="qB4x…",timestamp="1757900000",serial_no="5157F09EFDC096DE15EBE81A47057A7232F1B8E1"',
 * );
 * fields.timestamp; // 1757900000
 * ```
 */
export function parseAuthorization(header: unknown): AuthorizationFields {
  let value = header;
  if (Array.isArray(value)) {
    if (value.length > 1) {
      fail(undefined, { reason: 'multiple_headers', issue: `${value.length} Authorization headers were sent; send exactly one.` });
    }
    value = value[0];
  }
  if (value === undefined || value === null) {
    fail(undefined, { reason: 'missing', issue: `no Authorization header; expected "${AUTHORIZATION_SCHEME} mchid=…".` });
  }
  if (typeof value !== 'string') {
    fail(undefined, { reason: 'not_a_string', issue: 'the header value is not text.' });
  }
  const raw = value;
  if (raw.trim() === '') fail(undefined, { reason: 'empty', issue: 'the Authorization header is empty.' });
  if (raw.length > MAX_HEADER_LENGTH) {
    fail(undefined, { reason: 'too_long', issue: `it is ${raw.length} characters long; at most ${MAX_HEADER_LENGTH} are accepted.` });
  }
  checkCharacters(raw);
  let i = checkScheme(raw);

  const found = new Map<WireName, { value: string; position: number }>();
  const n = raw.length;
  for (;;) {
    const start = i;
    const first = raw[i];
    if (first === ' ') {
      // A Fetch-API Headers object (and any proxy that folds lines) joins repeated headers with ", ".
      if (raw.startsWith(`${AUTHORIZATION_SCHEME} `, i + 1)) {
        fail(undefined, { reason: 'multiple_headers', issue: `two Authorization headers were joined into one at offset ${i - 1}; send exactly one.` });
      }
      fail(raw, { reason: 'space_between_pairs', position: i, issue: `a space at offset ${i}; pairs are joined by "," with no spaces.` });
    }
    if (first === ',') fail(raw, { reason: 'empty_pair', position: i, issue: `an empty pair at offset ${i} (two commas in a row?).` });
        // Stryker disable next-line EqualityOperator: at i === n raw[i] is undefined, so i <= n only steps past the end, and slice and stop are unchanged.
    while (i < n && raw[i] !== '=' && raw[i] !== ',' && raw[i] !== '"' && raw[i] !== ' ') i++;
    const name = raw.slice(start, i);
    const stop = raw[i];
    if (stop === undefined || stop === ',') {
      fail(raw, { reason: 'pair_without_value', position: start, issue: `"${name.slice(0, 32)}" at offset ${start} has no ="value".` });
    }
    if (stop === ' ') {
      const equalsFollows = raw.slice(i).trimStart().startsWith('=');
      fail(raw, {
        reason: equalsFollows ? 'space_around_equals' : 'space_between_pairs',
        position: i,
        issue: equalsFollows
          ? `a space before "=" at offset ${i}; write key="value" with no spaces.`
          : `a space at offset ${i}; pairs are joined by "," with no spaces.`,
      });
    }
    if (stop === '"') {
      fail(raw, { reason: 'quoted_name', position: i, issue: `a quote in a key at offset ${i}; only values are quoted: key="value".` });
    }
    if (name === '') fail(raw, { reason: 'pair_without_value', position: start, issue: `a "=" without a key at offset ${start}.` });
    if (!WIRE_NAMES.has(name)) {
      const lower = name.toLowerCase();
      if (WIRE_NAMES.has(lower)) {
        fail(raw, { reason: 'field_name_case', field: lower, position: start, issue: `key "${name}" must be written "${lower}".` });
      }
      fail(raw, {
        reason: 'unknown_field',
        field: name.slice(0, 32),
        position: start,
        issue: `unknown key "${name.slice(0, 32)}"; the keys are mchid, nonce_str, timestamp, serial_no and signature.`,
      });
    }
    const wireName = name as WireName;
    if (found.has(wireName)) fail(raw, { reason: 'duplicate_field', field: name, position: start, issue: `key "${name}" appears twice.` });
    i++; // past '='
    if (raw[i] === ' ') {
      fail(raw, { reason: 'space_around_equals', field: name, position: i, issue: `a space after "${name}="; write ${name}="value" with no spaces.` });
    }
    if (raw[i] !== '"') {
      fail(raw, { reason: 'unquoted_value', field: name, position: i, issue: `the value of ${name} must be in double quotes: ${name}="value".` });
    }
    i++; // past the opening quote
    const close = raw.indexOf('"', i);
    if (close === -1) {
      fail(raw, { reason: 'unterminated_quote', field: name, position: i - 1, issue: `the value of ${name} has no closing quote.` });
    }
    const text = raw.slice(i, close);
    if (text === '') fail(raw, { reason: 'empty_value', field: name, position: i, issue: `${name} is empty.` });
    if (!isAuthorizationValue(text)) {
      const bad = /[ ,]/.exec(text);
            // Stryker disable next-line OptionalChaining: after checkCharacters a value failing isAuthorizationValue holds a space or a comma, so bad is never null.
      const offset = i + (bad?.index ?? 0);
      fail(raw, {
                // Stryker disable next-line OptionalChaining: bad is never null here (see offset).
        reason: bad?.[0] === ' ' ? 'space_between_pairs' : 'invalid_character',
        field: name,
        position: offset,
        issue: `the value of ${name} holds ${bad?.[0] === ' ' ? 'a space' : 'a ","'} at offset ${offset}; values cannot carry spaces or commas (protocol.md §3).`,
      });
    }
    found.set(wireName, { value: text, position: i });
    i = close + 1;
    if (i === n) break;
    const separator = raw[i];
    if (separator === ',') {
      i++;
      if (i === n) fail(raw, { reason: 'trailing_comma', position: i - 1, issue: 'it ends with a ","; remove it.' });
      continue;
    }
    if (separator === ' ') {
      fail(raw, { reason: 'space_between_pairs', position: i, issue: `a space at offset ${i}; pairs are joined by "," with no spaces.` });
    }
    if (separator === ';' || separator === '&') {
      fail(raw, { reason: 'wrong_separator', position: i, issue: `pairs are joined by "," not "${separator}" (offset ${i}).` });
    }
    fail(raw, { reason: 'junk_after_value', position: i, issue: `unexpected "${String(separator)}" at offset ${i} after the value of ${name}.` });
  }

  const missing = [...WIRE_NAMES].filter((name) => !found.has(name as WireName));
  if (missing.length > 0) {
    fail(raw, {
      reason: 'missing_field',
      field: missing[0],
      issue: `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing; all of mchid, nonce_str, timestamp, serial_no and signature are required.`,
      extra: { missing },
    });
  }
  const get = (name: WireName): { value: string; position: number } => found.get(name) as { value: string; position: number };
  const timestamp = get('timestamp');
  return {
    mchid: get('mchid').value,
    nonce: get('nonce_str').value,
    timestamp: checkTimestamp(raw, timestamp.value, timestamp.position),
    serialNo: get('serial_no').value,
    signature: get('signature').value,
    raw,
  };
}
