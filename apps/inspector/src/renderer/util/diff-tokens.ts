/** One run of a diff: tokens equal on both sides, only in `a` (deleted) or only in `b` (inserted). */
export interface DiffRun {
  op: 'same' | 'del' | 'ins';
  text: string;
}

const MAX_EDITS = 1500;

/**
 * Shortest edit script between two strings, character by character (Myers' O((N+M)D) algorithm):
 * signing messages differ in a few bytes (a final newline, CRLF, re-serialised JSON), so D stays small.
 * Falls back to "common prefix / differing middle / common suffix" beyond `MAX_EDITS` edits.
 *
 * @example
 * diffTokens('a\nb\n', 'a\r\nb\n'); // [{op:'same',text:'a'},{op:'ins',text:'\r'},{op:'same',text:'\nb\n'}]
 */
export function diffTokens(aText: string, bText: string): DiffRun[] {
  const a = Array.from(aText);
  const b = Array.from(bText);
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, MAX_EDITS);
  const offset = max + 1;
  let v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    const next = v.slice();
    for (let k = -d; k <= d; k += 2) {
      let x: number;
      if (k === -d || (k !== d && (v[offset + k - 1] ?? 0) < (v[offset + k + 1] ?? 0))) x = v[offset + k + 1] ?? 0;
      else x = (v[offset + k - 1] ?? 0) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      next[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
    v = next;
  }
  if (!found) return fallback(a, b);

  // Walk the trace back from (n, m) to (0, 0).
  const ops: Array<{ op: DiffRun['op']; ch: string }> = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d] as Int32Array;
    const k = x - y;
    let prevK: number;
    if (k === -d || (k !== d && (vd[offset + k - 1] ?? 0) < (vd[offset + k + 1] ?? 0))) prevK = k + 1;
    else prevK = k - 1;
    const prevX = d === 0 ? 0 : (vd[offset + prevK] ?? 0);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push({ op: 'same', ch: a[x - 1] as string });
      x--;
      y--;
    }
    if (d > 0) {
      if (x === prevX) ops.push({ op: 'ins', ch: b[y - 1] as string });
      else ops.push({ op: 'del', ch: a[x - 1] as string });
    }
    x = prevX;
    y = prevY;
  }
  ops.reverse();
  return merge(ops);
}

function merge(ops: Array<{ op: DiffRun['op']; ch: string }>): DiffRun[] {
  const runs: DiffRun[] = [];
  for (const { op, ch } of ops) {
    const last = runs[runs.length - 1];
    if (last && last.op === op) last.text += ch;
    else runs.push({ op, text: ch });
  }
  return runs;
}

function fallback(a: string[], b: string[]): DiffRun[] {
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  let s = 0;
  while (s < a.length - p && s < b.length - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
  const runs: DiffRun[] = [];
  if (p) runs.push({ op: 'same', text: a.slice(0, p).join('') });
  if (a.length - s > p) runs.push({ op: 'del', text: a.slice(p, a.length - s).join('') });
  if (b.length - s > p) runs.push({ op: 'ins', text: b.slice(p, b.length - s).join('') });
  if (s) runs.push({ op: 'same', text: a.slice(a.length - s).join('') });
  return runs;
}
