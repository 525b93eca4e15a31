const HEX = '0123456789abcdef';
const ascii = new TextDecoder('latin1');
const utf8 = new TextDecoder('utf-8');

/**
 * Renders bytes as one line of readable text for a byte-level diff: printable ASCII as is, `\n` `\r` `\t`
 * and `\\` escaped, well-formed UTF-8 characters (Chinese text…) as themselves, every other byte as `\xHH`.
 * Distinct byte strings always render differently, so two renderings can be compared by eye.
 *
 * @example
 * ```ts
 * escapeBytes(new TextEncoder().encode('审核\r\n')); // '审核\\r\\n'
 * escapeBytes(new Uint8Array([0xff, 0x41])); // '\\xffA'
 * ```
 */
export function escapeBytes(bytes: Uint8Array): string {
  const parts: string[] = [];
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b >= 0x20 && b < 0x7f && b !== 0x5c) {
      // Printable ASCII runs in one decode: bodies are mostly ASCII JSON, and this keeps a 1 MiB body fast.
      let end = i + 1;
      while (end < bytes.length && (bytes[end] as number) >= 0x20 && (bytes[end] as number) < 0x7f && bytes[end] !== 0x5c) end++;
      parts.push(ascii.decode(bytes.subarray(i, end)));
      i = end;
      continue;
    }
    if (b === 0x5c) {
      parts.push('\\\\');
      i++;
      continue;
    }
    if (b === 0x0a || b === 0x0d || b === 0x09) {
      parts.push(b === 0x0a ? '\\n' : b === 0x0d ? '\\r' : '\\t');
      i++;
      continue;
    }
    let end = i;
    for (let cp = utf8CodePointAt(bytes, end); cp !== undefined && !isInvisible(cp.codePoint); cp = utf8CodePointAt(bytes, end)) {
      end += cp.length;
    }
    if (end > i) {
      parts.push(utf8.decode(bytes.subarray(i, end)));
      i = end;
      continue;
    }
    parts.push(`\\x${HEX[b >> 4]}${HEX[b & 15]}`);
    i++;
  }
  return parts.join('');
}

// Decodes one well-formed UTF-8 sequence (shortest form, no surrogates) at `i`, or returns undefined.
function utf8CodePointAt(bytes: Uint8Array, i: number): { codePoint: number; length: number } | undefined {
  if (i >= bytes.length) return undefined;
  const b0 = bytes[i] as number;
  const length = b0 >= 0xf0 && b0 <= 0xf4 ? 4 : b0 >= 0xe0 ? (b0 <= 0xef ? 3 : 0) : b0 >= 0xc2 && b0 <= 0xdf ? 2 : 0;
  if (length === 0 || i + length > bytes.length) return undefined;
  let cp = b0 & (length === 2 ? 0x1f : length === 3 ? 0x0f : 0x07);
  for (let k = 1; k < length; k++) {
    const b = bytes[i + k] as number;
    if ((b & 0xc0) !== 0x80) return undefined;
    cp = (cp << 6) | (b & 0x3f);
  }
  const min = length === 2 ? 0x80 : length === 3 ? 0x800 : 0x10000;
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return undefined;
  return { codePoint: cp, length };
}

// C1 controls, the BOM, zero-width and bidi characters would hide a difference: show them as bytes.
function isInvisible(cp: number): boolean {
  return (cp >= 0x80 && cp <= 0x9f) || cp === 0xfeff || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2060 && cp <= 0x2064) || cp === 0xa0 || cp === 0x3000;
}
