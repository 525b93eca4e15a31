import { escapeBytes } from './escape-bytes.js';

/**
 * A run of a byte-level diff: bytes both sides share, bytes only in `a` (removed), or only in `b` (added).
 *
 * @example
 * ```ts
 * for (const s of diffBytes(a, b).segments) print(s.kind === 'same' ? s.text : `[${s.kind}: ${s.text}]`);
 * ```
 */
export interface DiffSegment {
  kind: 'same' | 'removed' | 'added';
  /** Offset of the run in `a` (for `added`: where in `a` it would go). */
  offsetA: number;
  /** Offset of the run in `b` (for `removed`: where in `b` it would have been). */
  offsetB: number;
  bytes: Uint8Array;
  /** {@link escapeBytes} of `bytes`. */
  text: string;
}

/**
 * What differs between two byte strings.
 *
 * @example
 * ```ts
 * const { offset, context }: ByteDiff = diffBytes(expected, actual);
 * ```
 */
export interface ByteDiff {
  equal: boolean;
  /** First offset where the two differ (the shorter length when one is a prefix of the other); `-1` when equal. */
  offset: number;
  /** Escaped bytes around `offset` on each side, `…` where cut. */
  context: { a: string; b: string };
  /** The whole of `a` and `b` as same/removed/added runs (concatenate same+removed to get `a`, same+added to get `b`). */
  segments: DiffSegment[];
  /** `false` when the inputs were too different for a minimal diff and the middle is shown as one removal and one addition. */
  minimal: boolean;
}

/**
 * Bounds of {@link diffBytes}.
 *
 * @example
 * ```ts
 * diffBytes(a, b, { context: 8, maxEdits: 200 });
 * ```
 */
export interface DiffBytesOptions {
  /** Bytes of context on each side of the first difference (default 24). */
  context?: number;
  /** Most edits to search for before giving up on a minimal diff (default 1000). */
  maxEdits?: number;
}

/**
 * Compares two byte strings for a byte-level diff view: first differing offset, a short escaped context on
 * both sides, and same/removed/added segments from Myers' O((N+M)·D) algorithm after stripping the common
 * prefix and suffix. Bounded for large inputs: past `maxEdits` edits the middle becomes one removal plus one
 * addition (`minimal: false`), so time stays O((N+M)·maxEdits) and memory O(maxEdits²).
 *
 * @example
 * ```ts
 * const enc = new TextEncoder();
 * const diff = diffBytes(enc.encode('{"a":1}\n'), enc.encode('{"a": 1}'));
 * diff.offset; // 5
 * diff.segments.map((s) => [s.kind, s.text]); // [['same','{"a":'], ['added',' '], ['same','1}'], ['removed','\\n']]
 * ```
 */
export function diffBytes(a: Uint8Array, b: Uint8Array, options: DiffBytesOptions = {}): ByteDiff {
  const around = options.context ?? 24;
  const maxEdits = options.maxEdits ?? 1000;
  let prefix = 0;
  const shorter = Math.min(a.length, b.length);
  while (prefix < shorter && a[prefix] === b[prefix]) prefix++;
  if (prefix === a.length && prefix === b.length) {
    return { equal: true, offset: -1, context: { a: '', b: '' }, segments: a.length ? [segment('same', 0, 0, a)] : [], minimal: true };
  }
  let suffix = 0;
  while (suffix < shorter - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;

  const midA = a.subarray(prefix, a.length - suffix);
  const midB = b.subarray(prefix, b.length - suffix);
  const edits = myers(midA, midB, maxEdits);
  const segments: DiffSegment[] = [];
  const push = (kind: DiffSegment['kind'], offsetA: number, offsetB: number, length: number) => {
    if (length === 0) return;
    const last = segments[segments.length - 1];
    const source = kind === 'added' ? b : a;
    const start = kind === 'added' ? offsetB : offsetA;
    if (last && last.kind === kind) {
      last.bytes = source.subarray(kind === 'added' ? last.offsetB : last.offsetA, start + length);
      last.text = escapeBytes(last.bytes);
      return;
    }
    segments.push(segment(kind, offsetA, offsetB, source.subarray(start, start + length)));
  };
  push('same', 0, 0, prefix);
  if (edits) {
    let x = 0;
    let y = 0;
    for (const op of edits) {
      if (op === 0) {
        push('same', prefix + x, prefix + y, 1);
        x++;
        y++;
      } else if (op === 1) {
        push('removed', prefix + x, prefix + y, 1);
        x++;
      } else {
        push('added', prefix + x, prefix + y, 1);
        y++;
      }
    }
  } else {
    push('removed', prefix, prefix, midA.length);
    push('added', prefix + midA.length, prefix, midB.length);
  }
  push('same', a.length - suffix, b.length - suffix, suffix);
  return {
    equal: false,
    offset: prefix,
    context: { a: window(a, prefix, around), b: window(b, prefix, around) },
    segments,
    minimal: edits !== undefined,
  };
}

function segment(kind: DiffSegment['kind'], offsetA: number, offsetB: number, bytes: Uint8Array): DiffSegment {
  return { kind, offsetA, offsetB, bytes, text: escapeBytes(bytes) };
}

function window(bytes: Uint8Array, at: number, around: number): string {
  const start = Math.max(0, at - around);
  const end = Math.min(bytes.length, at + around);
  return `${start > 0 ? '…' : ''}${escapeBytes(bytes.subarray(start, end))}${end < bytes.length ? '…' : ''}`;
}

// Myers' greedy shortest edit script (1986). Returns ops (0 same, 1 delete from a, 2 insert from b) in
// order, or undefined past `maxD` edits. The trace keeps only the diagonals in reach at each step: O(D²).
function myers(a: Uint8Array, b: Uint8Array, maxD: number): Uint8Array | undefined {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) {
    if (n + m > maxD) return undefined;
    return new Uint8Array(n + m).fill(n === 0 ? 2 : 1);
  }
  const limit = Math.min(n + m, maxD);
  const trace: Int32Array[] = [];
  // trace[d][k + d + 1] for k in [-d-1, d+1]: the furthest x on diagonal k after d edits.
  let v = new Int32Array(1);
  for (let d = 0; d <= limit; d++) {
    const next = new Int32Array(2 * d + 3);
    // v holds step d - 1 (diagonals -d..d); k ± 1 below always lands in that range.
    const at = (k: number) => v[k + d] as number;
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
      let x = d === 0 ? 0 : down ? at(k + 1) : at(k - 1) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      next[k + d + 1] = x;
      if (x >= n && y >= m) {
        trace.push(next);
        return backtrack(trace, n, m);
      }
    }
    trace.push(next);
    v = next;
  }
  return undefined;
}

function backtrack(trace: Int32Array[], n: number, m: number): Uint8Array {
  const ops: number[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d > 0; d--) {
    const prev = trace[d - 1] as Int32Array;
    const pd = d - 1;
    const at = (k: number) => prev[k + pd + 1] as number;
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push(0);
      x--;
      y--;
    }
    ops.push(down ? 2 : 1);
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0) {
    ops.push(0);
    x--;
    y--;
  }
  return new Uint8Array(ops.reverse());
}
