/** How one invisible character is drawn in byte views. */
export type VisibleChar = { picture: 'LF' | 'CR' | 'HT'; newline: boolean } | { raw: string };

/**
 * How a control character is drawn in byte views: line ends are the usual place where signing
 * messages differ (protocol.md §7.5, §7.8), so they get their own pictures. `null` for ordinary text.
 *
 * @example
 * visibleChar('\n'); // { picture: 'LF', newline: true }
 */
export function visibleChar(ch: string): VisibleChar | null {
  switch (ch) {
    case '\n':
      return { picture: 'LF', newline: true };
    case '\r':
      return { picture: 'CR', newline: false };
    case '\t':
      return { picture: 'HT', newline: false };
    default: {
      const code = ch.codePointAt(0) ?? 0;
      if (code < 0x20 || code === 0x7f) return { raw: `\\x${code.toString(16).padStart(2, '0')}` };
      if (code === 0xfeff) return { raw: '[BOM]' };
      return null;
    }
  }
}
