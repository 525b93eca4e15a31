import { describe, expect, it } from 'vitest';
import { AuditNotifyError } from '../src/errors.js';
import { AUTHORIZATION_SCHEME, buildAuthorization, parseAuthorization } from '../src/protocol/index.js';
import { vectors } from './vectors-fixtures.js';

const valid = vectors.requests[0]!.authorization;
const fields = {
  mchid: '1900016681',
  nonce: '593BEC0C930BF1AFEB40B4A08C8FB242',
  timestamp: 1757900000,
  serialNo: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1',
  signature: vectors.requests[0]!.signature,
};

function refusal(header: unknown): AuditNotifyError {
  try {
    parseAuthorization(header);
  } catch (error) {
    expect(error).toBeInstanceOf(AuditNotifyError);
    return error as AuditNotifyError;
  }
  throw new Error('parseAuthorization accepted the header');
}

describe('buildAuthorization (protocol.md §3)', () => {
  it.each(vectors.requests.map((v, i) => [i, v] as const))('writes vector %i exactly, in the vectors’ field order', (_i, v) => {
    expect(
      buildAuthorization({ mchid: vectors.mchid, nonce: v.nonce_str, timestamp: v.timestamp, serialNo: vectors.serial_no, signature: v.signature }),
    ).toBe(v.authorization);
  });

  it.each([
    ['mchid', { mchid: '' }],
    ['nonce_str', { nonce: 'a"b' }],
    ['serial_no', { serialNo: 'AB,CD' }],
    ['signature', { signature: 'ab cd' }],
    ['timestamp', { timestamp: 1.5 }],
    ['timestamp', { timestamp: '17e8' }],
  ])('refuses a %s the grammar cannot carry with INVALID_OPTIONS', (field, change) => {
    expect(() => buildAuthorization({ ...fields, ...change })).toThrow(expect.objectContaining({ code: 'INVALID_OPTIONS', detail: { field } }));
  });
});

describe('parseAuthorization (protocol.md §3)', () => {
  it.each(vectors.requests.map((v, i) => [i, v] as const))('reads vector %i', (_i, v) => {
    expect(parseAuthorization(v.authorization)).toEqual({
      mchid: vectors.mchid,
      nonce: v.nonce_str,
      timestamp: Number(v.timestamp),
      serialNo: vectors.serial_no,
      signature: v.signature,
      raw: v.authorization,
    });
  });

  it('accepts the pairs in any order', () => {
    const header = `${AUTHORIZATION_SCHEME} serial_no="S1",timestamp="12",signature="c2ln",nonce_str="N",mchid="M"`;
    expect(parseAuthorization(header)).toMatchObject({ mchid: 'M', nonce: 'N', timestamp: 12, serialNo: 'S1', signature: 'c2ln' });
  });

  it('accepts a single-element header array (Node raw header lists)', () => {
    expect(parseAuthorization([valid]).mchid).toBe('1900016681');
  });

  it.each([
    ['undefined', undefined, 'missing'],
    ['null', null, 'missing'],
    ['an empty string', '', 'empty'],
    ['only spaces', '   ', 'empty'],
    ['an empty array', [], 'missing'],
  ])('rejects %s with AUTH_MISSING', (_name, header, reason) => {
    const error = refusal(header);
    expect(error.code).toBe('AUTH_MISSING');
    expect(error.detail).toMatchObject({ reason, location: 'authorization' });
  });

  const cases: [string, unknown, string, RegExp?][] = [
    ['a line break between pairs', valid.replace(',nonce_str', ',\r\nnonce_str'), 'line_break', /line break/],
    ['a folded header (LF + space)', valid.replace(',nonce_str', ',\n nonce_str'), 'line_break'],
    ['a tab', valid.replace(' ', '\t'), 'tab'],
    ['a space after a comma', valid.replace(',nonce_str', ', nonce_str'), 'space_between_pairs', /no spaces/],
    ['a space instead of the comma', valid.replace(',nonce_str', ' nonce_str'), 'space_between_pairs'],
    ['a space before "="', valid.replace('mchid=', 'mchid ='), 'space_around_equals'],
    ['a space after "="', valid.replace('mchid=', 'mchid= '), 'space_around_equals'],
    ['single-quoted values', valid.replace(/"/g, "'"), 'single_quotes', /double quotes/],
    ['full-width quotes “”', valid.replace('"1900016681"', '“1900016681”'), 'full_width_punctuation', /U\+201C/],
    ['a full-width comma ，', valid.replace(',nonce_str', '，nonce_str'), 'full_width_punctuation', /ASCII ,/],
    ['a full-width equals ＝', valid.replace('mchid=', 'mchid＝'), 'full_width_punctuation'],
    ['an ideographic space after the scheme', valid.replace(' ', '\u3000'), 'full_width_punctuation', /ASCII space/],
    ['a non-ASCII character', valid.replace('1900016681', '1900016681é'), 'non_ascii'],
    ['a NUL', valid.replace('1900016681', '19\u000000'), 'control_character'],
    ['a leading space', ` ${valid}`, 'leading_space'],
    ['a trailing space', `${valid} `, 'trailing_space'],
    ['the scheme in lower case', valid.replace(AUTHORIZATION_SCHEME, AUTHORIZATION_SCHEME.toLowerCase()), 'scheme_case'],
    ['another scheme', valid.replace(AUTHORIZATION_SCHEME, 'Bearer'), 'scheme_unknown'],
    ['no scheme', valid.slice(AUTHORIZATION_SCHEME.length + 1), 'scheme_missing'],
    ['no space after the scheme', valid.replace(' ', ''), 'scheme_separator'],
    ['two spaces after the scheme', valid.replace(' ', '  '), 'extra_space'],
    ['the scheme alone', AUTHORIZATION_SCHEME, 'no_parameters'],
    ['";" between pairs', valid.replace(',nonce_str', ';nonce_str'), 'wrong_separator'],
    ['two commas', valid.replace(',nonce_str', ',,nonce_str'), 'empty_pair'],
    ['a trailing comma', `${valid},`, 'trailing_comma'],
    ['a key without value', valid.replace(',nonce_str', ',extra,nonce_str'), 'pair_without_value'],
    ['a quoted key', valid.replace('mchid=', '"mchid"='), 'quoted_name'],
    ['an unquoted value', valid.replace('"1900016681"', '1900016681'), 'unquoted_value'],
    ['an unterminated quote', valid.slice(0, -1), 'unterminated_quote'],
    ['text after a closing quote', valid.replace('"1900016681"', '"1900016681"x'), 'junk_after_value'],
    ['an upper-case key', valid.replace('mchid=', 'MCHID='), 'field_name_case'],
    ['an unknown key', `${valid},appid="wx1"`, 'unknown_field'],
    ['a duplicate key', `${valid},mchid="1900016681"`, 'duplicate_field'],
    ['an empty value', valid.replace('"1900016681"', '""'), 'empty_value'],
    ['a missing field', valid.replace(/,serial_no="[^"]*"/, ''), 'missing_field', /serial_no is missing/],
    ['a timestamp with letters', valid.replace('"1757900000"', '"1757900000a"'), 'timestamp_not_digits'],
    ['a negative timestamp', valid.replace('"1757900000"', '"-1757900000"'), 'timestamp_not_digits'],
    ['a timestamp with a leading zero', valid.replace('"1757900000"', '"01757900000"'), 'timestamp_leading_zero'],
    ['a 16-digit timestamp', valid.replace('"1757900000"', '"1757900000000000"'), 'timestamp_too_long'],
    ['two headers', [valid, valid], 'multiple_headers'],
    ['two headers joined by a Fetch-API Headers object', `${valid}, ${valid}`, 'multiple_headers', /joined into one/],
    ['a space before a second pair', valid.replace(',nonce_str', ', nonce_str'), 'space_between_pairs'],
    ['a number', 42, 'not_a_string'],
    ['an object', { authorization: valid }, 'not_a_string'],
    ['a 5000-character header', `${valid}${'A'.repeat(5000)}`, 'too_long'],
  ];
  it.each(cases)('rejects %s with AUTH_MALFORMED naming the problem', (_name, header, reason, message) => {
    const error = refusal(header);
    expect(error.code).toBe('AUTH_MALFORMED');
    expect(error.detail).toMatchObject({ reason, location: 'authorization' });
    expect(error.message).toMatch(/^Authorization header malformed: /);
    if (message) expect(error.message).toMatch(message);
  });

  it('points at the offending offset and shows the text around it', () => {
    const header = valid.replace(',nonce_str', ',\nnonce_str');
    const error = refusal(header);
    expect(error.detail).toMatchObject({ position: header.indexOf('\n') });
    expect(String(error.detail?.near)).toContain('\n');
  });

  it('lists every missing field', () => {
    const error = refusal(`${AUTHORIZATION_SCHEME} mchid="1"`);
    expect(error.detail).toMatchObject({ reason: 'missing_field', missing: ['nonce_str', 'signature', 'timestamp', 'serial_no'] });
  });

  it('reads a 13-digit (millisecond) timestamp so the receiver can report it as such (protocol.md §7 item 4)', () => {
    expect(parseAuthorization(valid.replace('"1757900000"', '"1757900000123"')).timestamp).toBe(1757900000123);
  });
});
