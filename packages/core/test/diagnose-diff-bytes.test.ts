import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { diffBytes, escapeBytes } from '../src/diagnose/index.js';

const enc = (s: string) => new TextEncoder().encode(s);

function lcsLength(a: Uint8Array, b: Uint8Array): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    let diag = 0;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j] as number;
      row[j] = a[i - 1] === b[j - 1] ? diag + 1 : Math.max(up, row[j - 1] as number);
      diag = up;
    }
  }
  return row[b.length] as number;
}

function rebuild(segments: ReturnType<typeof diffBytes>['segments'], side: 'a' | 'b'): number[] {
  return segments.filter((s) => s.kind === 'same' || s.kind === (side === 'a' ? 'removed' : 'added')).flatMap((s) => [...s.bytes]);
}

describe('diffBytes', () => {
  it('finds the first difference of a body that lost its final newline', () => {
    const diff = diffBytes(enc('{"ret_msg":"SUCC"}\n'), enc('{"ret_msg":"SUCC"}'));
    expect(diff).toMatchObject({ equal: false, offset: 18, minimal: true });
    expect(diff.context).toEqual({ a: '{"ret_msg":"SUCC"}\\n', b: '{"ret_msg":"SUCC"}' });
    expect(diff.segments.map((s) => [s.kind, s.text])).toEqual([
      ['same', '{"ret_msg":"SUCC"}'],
      ['removed', '\\n'],
    ]);
  });

  it('shows a re-serialised body as spaces added and keeps Chinese readable', () => {
    const diff = diffBytes(enc('{"a":"审核"}'), enc('{"a": "审核"}'));
    expect(diff.offset).toBe(5);
    expect(diff.segments.map((s) => [s.kind, s.text, s.offsetA, s.offsetB])).toEqual([
      ['same', '{"a":', 0, 0],
      ['added', ' ', 5, 5],
      ['same', '"审核"}', 5, 6],
    ]);
  });

  it('reports equal inputs with offset -1 and one same segment', () => {
    expect(diffBytes(enc('x'), enc('x'))).toMatchObject({ equal: true, offset: -1, segments: [{ kind: 'same', text: 'x' }] });
    expect(diffBytes(new Uint8Array(), new Uint8Array())).toMatchObject({ equal: true, segments: [] });
  });

  it('cuts the context with … and escapes CR, LF, tab, backslash and invalid bytes', () => {
    const a = enc(`${'x'.repeat(100)}\r\n\t\\`);
    const b = new Uint8Array([...enc('x'.repeat(100)), 0xff]);
    const diff = diffBytes(a, b, { context: 4 });
    expect(diff.offset).toBe(100);
    expect(diff.context).toEqual({ a: '…xxxx\\r\\n\\t\\\\', b: '…xxxx\\xff' });
  });

  it('falls back to one removal and one addition past maxEdits', () => {
    const a = new Uint8Array(5000).map((_, i) => i % 251);
    const b = new Uint8Array(5000).map((_, i) => (i * 7) % 253);
    const diff = diffBytes(a, b, { maxEdits: 50 });
    expect(diff.minimal).toBe(false);
    expect(rebuild(diff.segments, 'a')).toEqual([...a]);
    expect(rebuild(diff.segments, 'b')).toEqual([...b]);
  });

  it('diffs a 1 MiB body with one changed byte into four segments', () => {
    const a = new Uint8Array(1 << 20).fill(0x61);
    const b = a.slice();
    b[600_000] = 0x62;
    const diff = diffBytes(a, b);
    expect(diff.offset).toBe(600_000);
    expect(diff.segments.map((s) => [s.kind, s.bytes.length])).toEqual([
      ['same', 600_000],
      ['removed', 1],
      ['added', 1],
      ['same', (1 << 20) - 600_001],
    ]);
  });

  it('is a minimal diff that rebuilds both inputs (property, checked against an LCS table)', () => {
    const bytes = fc.uint8Array({ maxLength: 60 }).map((u) => u.map((x) => x % 4));
    fc.assert(
      fc.property(bytes, bytes, (a, b) => {
        const diff = diffBytes(a, b);
        expect(rebuild(diff.segments, 'a')).toEqual([...a]);
        expect(rebuild(diff.segments, 'b')).toEqual([...b]);
        const same = diff.segments.filter((s) => s.kind === 'same').reduce((n, s) => n + s.bytes.length, 0);
        expect(same).toBe(lcsLength(a, b));
        expect(diff.minimal).toBe(true);
        expect(diff.equal).toBe(a.length === b.length && a.every((x, i) => x === b[i]));
        if (!diff.equal) {
          expect(a[diff.offset]).not.toBe(b[diff.offset] ?? -1);
          expect([...a.subarray(0, diff.offset)]).toEqual([...b.subarray(0, diff.offset)]);
        }
        for (const s of diff.segments) {
          const source = s.kind === 'added' ? b : a;
          const at = s.kind === 'added' ? s.offsetB : s.offsetA;
          expect([...source.subarray(at, at + s.bytes.length)]).toEqual([...s.bytes]);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('escapeBytes', () => {
  it('renders distinct byte strings differently (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 12 }), fc.uint8Array({ maxLength: 12 }), (a, b) => {
        fc.pre(a.length !== b.length || a.some((x, i) => x !== b[i]));
        expect(escapeBytes(a)).not.toBe(escapeBytes(b));
      }),
      { numRuns: 2000 },
    );
  });

  it('shows invisible characters (BOM, zero-width space, ideographic space) as bytes', () => {
    expect(escapeBytes(enc('\uFEFF{}\u200B\u3000'))).toBe('\\xef\\xbb\\xbf{}\\xe2\\x80\\x8b\\xe3\\x80\\x80');
  });
});
