import { describe, expect, it } from 'vitest';
import { createNonce, systemClock } from '../src/signing/index.js';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

describe('createNonce (protocol.md §3)', () => {
  it('returns 32 characters of [0-9A-Za-z]', () => {
    for (let i = 0; i < 500; i++) expect(createNonce()).toMatch(/^[0-9A-Za-z]{32}$/);
  });

  it('does not repeat', () => {
    const seen = new Set(Array.from({ length: 5000 }, () => createNonce()));
    expect(seen.size).toBe(5000);
  });

  it('uses every character about equally often (no modulo bias)', () => {
    const counts = new Map<string, number>([...ALPHABET].map((c) => [c, 0]));
    const nonces = 4000;
    for (let i = 0; i < nonces; i++) for (const c of createNonce()) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(62);
    const expected = (nonces * 32) / 62;
    // Chi-square with 61 degrees of freedom: mean 61, sd 11; 140 is beyond p = 1e-9. Plain `byte % 62`
    // over-weights '0'–'7' by 25 % and scores in the thousands here.
    const chiSquare = [...counts.values()].reduce((sum, n) => sum + (n - expected) ** 2 / expected, 0);
    expect(chiSquare).toBeLessThan(140);
    const low = [...'01234567'].reduce((sum, c) => sum + (counts.get(c) ?? 0), 0) / 8;
    const high = [...'abcdefgh'].reduce((sum, c) => sum + (counts.get(c) ?? 0), 0) / 8;
    expect(low / high).toBeLessThan(1.1);
  });
});

describe('systemClock', () => {
  it('returns whole Unix seconds, not milliseconds (protocol.md §7 item 4)', () => {
    const before = Math.floor(Date.now() / 1000);
    const now = systemClock();
    expect(Number.isInteger(now)).toBe(true);
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
  });
});
