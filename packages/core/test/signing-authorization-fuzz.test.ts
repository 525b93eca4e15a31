import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAuditNotifyError } from '../src/errors.js';
import type { AuthorizationProblem } from '../src/protocol/index.js';
import { AUTHORIZATION_SCHEME, buildAuthorization, parseAuthorization } from '../src/protocol/index.js';
import { vectors } from './vectors-fixtures.js';

const valid = vectors.requests[0]!.authorization;

/** Parses, and fails the property if anything but AUTH_MISSING/AUTH_MALFORMED escapes. */
function parseOrRefuse(header: unknown): ReturnType<typeof parseAuthorization> | undefined {
  try {
    return parseAuthorization(header);
  } catch (error) {
    if (!isAuditNotifyError(error) || (error.code !== 'AUTH_MISSING' && error.code !== 'AUTH_MALFORMED')) throw error;
    const reason = error.detail?.reason as AuthorizationProblem;
    expect(error.code).toBe(reason === 'missing' || reason === 'empty' ? 'AUTH_MISSING' : 'AUTH_MALFORMED');
    return undefined;
  }
}

/** The reason parseAuthorization gives, or undefined when the header is valid. */
function refusalOf(header: unknown): { reason: AuthorizationProblem; position?: number } | undefined {
  try {
    parseAuthorization(header);
    return undefined;
  } catch (error) {
    if (!isAuditNotifyError(error)) throw error;
    const { reason, position } = error.detail as { reason: AuthorizationProblem; position?: number };
    return position === undefined ? { reason } : { reason, position };
  }
}

// Look-alikes of protocol.md §7 item 8, listed independently of the parser's own table.
const FULL_WIDTH_CODES = new Set([...'“”‘’＂＇，、＝：；\u3000'].map((c) => c.charCodeAt(0)));

/** The first character that can never be in the header, and why (protocol.md §3, §7 item 8). */
function characterProblem(text: string): { reason: AuthorizationProblem; position: number } | undefined {
  for (let position = 0; position < text.length; position++) {
    const c = text.charCodeAt(position);
    const reason: AuthorizationProblem | undefined =
      c === 0x0a || c === 0x0d ? 'line_break'
        : c === 0x09 ? 'tab'
          : c === 0x27 ? 'single_quotes'
            : FULL_WIDTH_CODES.has(c) ? 'full_width_punctuation'
              : c < 0x20 || c === 0x7f ? 'control_character'
                : c > 0x7e ? 'non_ascii'
                  : undefined;
    if (reason !== undefined) return { reason, position };
  }
  return undefined;
}

// The reasons of the key="value" grammar after the scheme: which one depends on where the pairs go wrong.
const GRAMMAR_REASONS: ReadonlySet<AuthorizationProblem> = new Set<AuthorizationProblem>([
  'multiple_headers', 'space_between_pairs', 'space_around_equals', 'wrong_separator', 'empty_pair', 'trailing_comma',
  'pair_without_value', 'quoted_name', 'unquoted_value', 'unterminated_quote', 'junk_after_value', 'field_name_case',
  'unknown_field', 'duplicate_field', 'empty_value', 'invalid_character', 'missing_field', 'timestamp_not_digits',
  'timestamp_leading_zero', 'timestamp_too_long',
]);

type Expected = { reason: AuthorizationProblem; position?: number } | 'grammar';

/** What a text header is refused for, up to the scheme: exact; past it, 'grammar'. */
function expectedForText(text: string): Expected {
  if (text.trim() === '') return { reason: 'empty' };
  const bad = characterProblem(text);
  if (bad !== undefined) return bad;
  if (text.startsWith(' ')) return { reason: 'leading_space', position: 0 };
  if (text.endsWith(' ')) return { reason: 'trailing_space', position: text.length - 1 };
  const space = text.indexOf(' ');
  const scheme = space === -1 ? text : text.slice(0, space);
  if (scheme !== AUTHORIZATION_SCHEME) {
    if (scheme.startsWith(AUTHORIZATION_SCHEME)) return { reason: 'scheme_separator', position: AUTHORIZATION_SCHEME.length };
    if (scheme.toUpperCase() === AUTHORIZATION_SCHEME) return { reason: 'scheme_case', position: 0 };
    return { reason: scheme.includes('=') ? 'scheme_missing' : 'scheme_unknown', position: 0 };
  }
  if (space === -1) return { reason: 'no_parameters', position: text.length };
  if (text[space + 1] === ' ') return { reason: 'extra_space', position: space + 1 };
  return 'grammar';
}

/** What any value is refused for: the shape of the value first, then the text rules. */
function expectedForValue(value: unknown): Expected {
  if (Array.isArray(value) && value.length > 1) return { reason: 'multiple_headers' };
  const single: unknown = Array.isArray(value) ? value[0] : value;
  if (single === undefined || single === null) return { reason: 'missing' };
  if (typeof single !== 'string') return { reason: 'not_a_string' };
  return expectedForText(single);
}

/** Asserts the refusal of `header` is the one `expected` names (some grammar reason when 'grammar'). */
function expectRefusal(header: unknown, expected: Expected): void {
  const refusal = refusalOf(header);
  if (expected === 'grammar') {
    if (refusal !== undefined) expect(GRAMMAR_REASONS).toContain(refusal.reason);
    return;
  }
  expect(refusal).toEqual(expected);
}

const valueChar = fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz+/=_-.:!#$%&()*;<>?@[]^`{|}~'.split(''));
const headerValue = fc.string({ unit: valueChar, minLength: 1, maxLength: 80 });
const fieldsArb = fc.record({
  mchid: headerValue,
  nonce: headerValue,
  timestamp: fc.oneof(fc.integer({ min: 0, max: 99_999_999_999 }), fc.constant(0)),
  serialNo: headerValue,
  signature: headerValue,
});

// Edits that integrations really make to a header (protocol.md §7 item 8), plus arbitrary ones.
const noise = fc.oneof(
  fc.constantFrom(' ', '\n', '\r\n', '\t', "'", '"', ',', '=', '“', '”', '，', '＝', '\u3000', '\u0000', ';', 'é', '😀'),
  fc.string({ unit: 'binary', maxLength: 4 }),
);
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: noise }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), text: noise }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 60 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(header: string, m: Mutation): string {
  const at = m.at % (header.length + 1);
  switch (m.kind) {
    case 'insert':
      return header.slice(0, at) + m.text + header.slice(at);
    case 'delete':
      return header.slice(0, at) + header.slice(at + m.length);
    case 'replace':
      return header.slice(0, at) + m.text + header.slice(at + 1);
    case 'duplicate':
      return header.slice(0, at + m.length) + header.slice(at, at + m.length) + header.slice(at + m.length);
    case 'truncate':
      return header.slice(0, at);
  }
}

describe('parseAuthorization under fuzzing', () => {
  it('throws only AUTH_MISSING/AUTH_MALFORMED for random strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        parseOrRefuse(text);
        expectRefusal(text, expectedForText(text));
        const header = `${AUTHORIZATION_SCHEME} ${text}`;
        parseOrRefuse(header);
        expectRefusal(header, expectedForText(header));
      }),
      { numRuns: 3000 },
    );
  });

  it('throws only its own errors for any value at all (numbers, objects, arrays)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.array(fc.string(), { maxLength: 3 })), (value) => {
        parseOrRefuse(value);
        expectRefusal(value, expectedForValue(value));
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses or accepts mutated valid headers, and whatever it accepts survives build → parse unchanged', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        const header = mutations.reduce(mutate, valid);
        const fields = parseOrRefuse(header);
        if (fields === undefined) return;
        const rebuilt = parseAuthorization(buildAuthorization(fields));
        expect({ ...rebuilt, raw: header }).toEqual(fields);
      }),
      { numRuns: 5000 },
    );
  });

  it('reads back every header it builds (round trip, any field order)', () => {
    fc.assert(
      fc.property(fieldsArb, fc.nat(), (fields, seed) => {
        const header = buildAuthorization(fields);
        expect(parseAuthorization(header)).toEqual({ ...fields, raw: header });
        // Shuffle the pairs: order is free (protocol.md §3).
        const [scheme, pairs] = [header.slice(0, AUTHORIZATION_SCHEME.length), header.slice(AUTHORIZATION_SCHEME.length + 1).split(',')];
        const rotated = [...pairs.slice(seed % pairs.length), ...pairs.slice(0, seed % pairs.length)].join(',');
        expect(parseAuthorization(`${scheme} ${rotated}`)).toMatchObject(fields);
      }),
      { numRuns: 2000 },
    );
  });
});
