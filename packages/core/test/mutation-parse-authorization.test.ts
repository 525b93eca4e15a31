// The Authorization parser's exact refusals: reason, position, field, `near` and extras of detail, and the
// boundaries of its limits (protocol.md §3, §7 item 8). Each case pins a decision that a weaker test let vary.
import { describe, expect, it } from 'vitest';
import { isAuditNotifyError } from '../src/errors.js';
import { AUTHORIZATION_SCHEME, parseAuthorization } from '../src/protocol/index.js';

const PAIRS: Record<string, string> = {
  mchid: '1900016681',
  nonce_str: '593BEC0C930BF1AFEB40B4A08C8FB242',
  timestamp: '1757900000',
  serial_no: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1',
  signature: 'c2lnbmF0dXJl',
};

function header(pairs: Record<string, string> = PAIRS): string {
  return `${AUTHORIZATION_SCHEME} ${Object.entries(pairs).map(([name, value]) => `${name}="${value}"`).join(',')}`;
}

/** The detail of the refusal, without the prose `issue`. */
function refusal(value: unknown): { code: string; detail: Record<string, unknown> } {
  try {
    parseAuthorization(value);
  } catch (error) {
    if (!isAuditNotifyError(error)) throw error;
    const { issue, ...detail } = error.detail as Record<string, unknown>;
    expect(typeof issue).toBe('string');
    return { code: error.code, detail };
  }
  throw new Error(`accepted ${String(value)}`);
}

function near(raw: string, position: number): string {
  return raw.slice(Math.max(0, position - 16), position + 16);
}

describe('parseAuthorization: refusal details', () => {
  it('gives position and the 32 characters around it, and no field, for a character problem deep in the header', () => {
    const raw = header().replace('"1757900000"', '"17579\u007f0000"');
    const position = raw.indexOf('\u007f');
    expect(refusal(raw)).toEqual({ code: 'AUTH_MALFORMED', detail: { location: 'authorization', reason: 'control_character', position, near: near(raw, position) } });
    expect(near(raw, position)).toHaveLength(32);
  });

  it('names DEL (0x7f) as a control character, not non-ASCII, even in the scheme', () => {
    expect(refusal(`\u007f${header()}`).detail).toMatchObject({ reason: 'control_character', position: 0 });
  });

  it('gives the full-width character and the ASCII one meant', () => {
    const raw = header().replace('mchid="1900016681",', 'mchid="1900016681"，');
    const position = raw.indexOf('，');
    expect(refusal(raw).detail).toEqual({ location: 'authorization', reason: 'full_width_punctuation', position, near: near(raw, position), character: '，', expected: ',' });
  });

  it('puts trailing_space at the last character and extra_space right after the first space', () => {
    const trailing = `${header()} `;
    expect(refusal(trailing).detail).toMatchObject({ reason: 'trailing_space', position: trailing.length - 1 });
    const extra = header().replace(' ', '  ');
    expect(refusal(extra).detail).toMatchObject({ reason: 'extra_space', position: AUTHORIZATION_SCHEME.length + 1 });
  });

  it('tells a space before "=" from a space between pairs', () => {
    expect(refusal(`${AUTHORIZATION_SCHEME} mchid ="1"`).detail).toMatchObject({ reason: 'space_around_equals' });
    const raw = `${AUTHORIZATION_SCHEME} mchid x="1"`;
    expect(refusal(raw).detail).toEqual({ location: 'authorization', reason: 'space_between_pairs', position: raw.indexOf(' x'), near: near(raw, raw.indexOf(' x')) });
  });

  it('calls a "=" without a key pair_without_value at the start of the pair', () => {
    const raw = `${AUTHORIZATION_SCHEME} ="1"`;
    expect(refusal(raw).detail).toMatchObject({ reason: 'pair_without_value', position: AUTHORIZATION_SCHEME.length + 1 });
  });

  it('cuts an unknown key to 32 characters in field', () => {
    const name = 'k'.repeat(40);
    expect(refusal(`${AUTHORIZATION_SCHEME} ${name}="1"`).detail).toMatchObject({ reason: 'unknown_field', field: 'k'.repeat(32) });
  });

  it('points unterminated_quote at the opening quote and trailing_comma at the comma', () => {
    const open = `${AUTHORIZATION_SCHEME} mchid="1900016681`;
    expect(refusal(open).detail).toMatchObject({ reason: 'unterminated_quote', field: 'mchid', position: open.indexOf('"') });
    const comma = `${header()},`;
    expect(refusal(comma).detail).toMatchObject({ reason: 'trailing_comma', position: comma.length - 1 });
  });

  it('tells a space inside a quoted value from a comma there, at the offset of the character', () => {
    const spaced = header({ ...PAIRS, mchid: '19 00' });
    expect(refusal(spaced).detail).toMatchObject({ reason: 'space_between_pairs', field: 'mchid', position: spaced.indexOf('19 00') + 2 });
    const comma = header({ ...PAIRS, mchid: '19,00' });
    expect(refusal(comma).detail).toMatchObject({ reason: 'invalid_character', field: 'mchid', position: comma.indexOf('19,00') + 2 });
  });

  it('calls ";" and "&" between pairs wrong_separator, anything else junk_after_value', () => {
    for (const separator of [';', '&']) {
      expect(refusal(header().replace('",nonce_str', `"${separator}nonce_str`)).detail).toMatchObject({ reason: 'wrong_separator' });
    }
    expect(refusal(header().replace('",nonce_str', '"+nonce_str')).detail).toMatchObject({ reason: 'junk_after_value' });
  });

  it('names the timestamp field in every timestamp refusal', () => {
    for (const [timestamp, reason] of [['17579x0000', 'timestamp_not_digits'], ['01757900000', 'timestamp_leading_zero'], ['1'.repeat(16), 'timestamp_too_long']]) {
      expect(refusal(header({ ...PAIRS, timestamp: timestamp! })).detail).toMatchObject({ reason, field: 'timestamp' });
    }
  });
});

describe('parseAuthorization: look-alikes and detail fields', () => {
  it.each([
    ['\u201c', '"'],
    ['\u201d', '"'],
    ['\u2018', "'"],
    ['\u2019', "'"],
    ['\uff02', '"'],
    ['\uff07', "'"],
    ['\uff0c', ','],
    ['\u3001', ','],
    ['\uff1d', '='],
    ['\uff1a', ':'],
    ['\uff1b', ';'],
    ['\u3000', ' '],
  ])('calls %j full_width_punctuation and names %j as the ASCII meant', (character, expected) => {
    const raw = `${header()}${character}`;
    const position = raw.length - 1;
    expect(refusal(raw).detail).toStrictEqual({ location: 'authorization', reason: 'full_width_punctuation', position, near: near(raw, position), character, expected });
  });

  it('leaves field, position and near out of a detail that has none (strictly: not even as undefined)', () => {
    const { signature: _s, ...rest } = PAIRS;
    expect(refusal(header(rest))).toStrictEqual({ code: 'AUTH_MALFORMED', detail: { location: 'authorization', reason: 'missing_field', field: 'signature', missing: ['signature'] } });
    const leading = ` ${header()}`;
    expect(refusal(leading).detail).toStrictEqual({ location: 'authorization', reason: 'leading_space', position: 0, near: near(leading, 0) });
  });

  it('calls a key with no "=" before the end or a comma pair_without_value at the start of the key', () => {
    const start = AUTHORIZATION_SCHEME.length + 1;
    expect(refusal(`${AUTHORIZATION_SCHEME} mchid`).detail).toMatchObject({ reason: 'pair_without_value', position: start });
    expect(refusal(`${AUTHORIZATION_SCHEME} mchid,nonce_str="1"`).detail).toMatchObject({ reason: 'pair_without_value', position: start });
    expect(refusal(`${header()},mchid`).detail).toMatchObject({ reason: 'pair_without_value', position: header().length + 1 });
  });
});

describe('parseAuthorization: limits', () => {
  it('accepts a 15-digit timestamp (so the receiver can say "milliseconds") and refuses 16 digits as malformed', () => {
    expect(parseAuthorization(header({ ...PAIRS, timestamp: '1'.repeat(15) })).timestamp).toBe(111_111_111_111_111);
    expect(refusal(header({ ...PAIRS, timestamp: '1'.repeat(16) }))).toMatchObject({ code: 'AUTH_MALFORMED', detail: { reason: 'timestamp_too_long' } });
  });

  it('accepts a header of exactly 4096 characters and refuses 4097 as too_long', () => {
    const base = header({ ...PAIRS, signature: '' }).length;
    const longest = header({ ...PAIRS, signature: 'A'.repeat(4096 - base) });
    expect(longest).toHaveLength(4096);
    expect(parseAuthorization(longest).signature).toHaveLength(4096 - base);
    const over = header({ ...PAIRS, signature: 'A'.repeat(4097 - base) });
    expect(refusal(over)).toEqual({ code: 'AUTH_MALFORMED', detail: { location: 'authorization', reason: 'too_long' } });
  });
});
