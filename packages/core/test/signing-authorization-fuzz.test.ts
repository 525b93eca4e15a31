import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAuditNotifyError } from '../src/errors.js';
import { AUTHORIZATION_SCHEME, buildAuthorization, parseAuthorization } from '../src/protocol/index.js';
import { vectors } from './vectors-fixtures.js';

const valid = vectors.requests[0]!.authorization;

/** Parses, and fails the property if anything but AUTH_MISSING/AUTH_MALFORMED escapes. */
function parseOrRefuse(header: unknown): ReturnType<typeof parseAuthorization> | undefined {
  try {
    return parseAuthorization(header);
  } catch (error) {
    if (!isAuditNotifyError(error) || (error.code !== 'AUTH_MISSING' && error.code !== 'AUTH_MALFORMED')) throw error;
    expect(typeof error.detail?.reason).toBe('string');
    return undefined;
  }
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
        parseOrRefuse(`${AUTHORIZATION_SCHEME} ${text}`);
      }),
      { numRuns: 3000 },
    );
  });

  it('throws only its own errors for any value at all (numbers, objects, arrays)', () => {
    fc.assert(fc.property(fc.anything(), (value) => void parseOrRefuse(value)), { numRuns: 1000 });
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
