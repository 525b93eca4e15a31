/**
 * How a control character is drawn in byte views: line ends are the usual place where signing
 * messages differ (protocol.md §7.5, §7.8), so they get their own glyphs.
 *
 * @example
 * visibleChar('\n'); // { glyph: '␊', cls: 'eol', newline: true }
 */
export function visibleChar(ch: string): { glyph: string; cls: string; newline: boolean } | null {
  switch (ch) {
    case '\n':
      return { glyph: '␊', cls: 'eol', newline: true };
    case '\r':
      return { glyph: '␍', cls: 'eol cr', newline: false };
    case '\t':
      return { glyph: '⇥', cls: 'eol', newline: false };
    default: {
      const code = ch.codePointAt(0) ?? 0;
      if (code < 0x20 || code === 0x7f) return { glyph: `\\x${code.toString(16).padStart(2, '0')}`, cls: 'eol cr', newline: false };
      if (code === 0xfeff) return { glyph: '[BOM]', cls: 'eol cr', newline: false };
      return null;
    }
  }
}
