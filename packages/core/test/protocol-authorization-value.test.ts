// isAuthorizationValue is one regular expression: it must say what its rule says, character by character.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isAuthorizationValue } from '../src/protocol/authorization.js';

// The rule written out: non-empty, printable ASCII, no space, no '"', no ','.
function byRule(value: string): boolean {
  if (value.length === 0) return false;
  for (const char of value) {
    const c = char.charCodeAt(0);
    if (char.length > 1 || c <= 0x20 || c >= 0x7f || c === 0x22 || c === 0x2c) return false;
  }
  return true;
}

describe('isAuthorizationValue', () => {
  it('accepts exactly non-empty printable ASCII without space, quote or comma', () => {
    const chars = fc.oneof(fc.string({ unit: 'grapheme-ascii' }), fc.string({ unit: 'binary' }), fc.constantFrom('', ' ', '"', ',', 'a,b', 'a"b', '\x7f', '\x1f', '~!#+-', 'é'));
    fc.assert(fc.property(chars, (value) => {
        expect(isAuthorizationValue(value)).toBe(byRule(value));
      }), { numRuns: 2000 });
    for (let c = 0; c < 0x100; c++) expect(isAuthorizationValue(String.fromCharCode(c)), c.toString(16)).toBe(c > 0x20 && c < 0x7f && c !== 0x22 && c !== 0x2c);
  });
});
