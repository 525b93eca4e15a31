// GBK encoding for a diagnosis guess: the bytes a sender gets from `text.getBytes()` on a Chinese Windows
// (default charset GBK) or from `iconv('UTF-8', 'GBK', …)`. Runtimes decode GBK (TextDecoder) but do not
// encode it, so the table is the decoder's, reversed once on first use.

let table: Map<string, number> | null | undefined;

/**
 * The GBK bytes of `text`, or undefined when a character has no GBK code (or the runtime lacks the decoder).
 *
 * @example
 * ```ts
 * encodeGbk('审核'); // Uint8Array [0xc9, 0xf3, 0xba, 0xcb]
 * ```
 */
export function encodeGbk(text: string): Uint8Array | undefined {
  const codes = gbkTable();
  if (codes === null) return undefined;
  const out: number[] = [];
  for (const char of text) {
    const unit = char.charCodeAt(0);
    if (char.length === 1 && unit < 0x80) {
      out.push(unit);
      continue;
    }
    const code = codes.get(char);
    if (code === undefined) return undefined;
    out.push(code >> 8, code & 0xff);
  }
  return new Uint8Array(out);
}

// Every two-byte GBK code (lead 0x81–0xFE, trail 0x40–0xFE but 0x7F), each followed by a line feed so that an
// unmapped pair cannot shift its neighbours: one decode, then one entry per line that decoded to one character.
function gbkTable(): Map<string, number> | null {
  if (table !== undefined) return table;
  let decoder: { decode(bytes: Uint8Array): string };
  try {
    decoder = new TextDecoder('gbk');
  } catch {
    table = null;
    return table;
  }
  const codes: number[] = [];
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) if (trail !== 0x7f) codes.push((lead << 8) | trail);
  }
  const bytes = new Uint8Array(codes.length * 3);
  codes.forEach((code, i) => {
    bytes[i * 3] = code >> 8;
    bytes[i * 3 + 1] = code & 0xff;
    bytes[i * 3 + 2] = 0x0a;
  });
  const lines = decoder.decode(bytes).split('\n');
  const map = new Map<string, number>();
  codes.forEach((code, i) => {
    const char = lines[i];
    if (char !== undefined && char.length === 1 && char !== '\ufffd' && !map.has(char)) map.set(char, code);
  });
  table = map;
  return table;
}
