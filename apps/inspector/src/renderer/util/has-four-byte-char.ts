/**
 * True when the text holds a character that needs 4 bytes in UTF-8 (emoji and the like), which APIv3
 * does not accept (protocol.md §1).
 *
 * @example
 * hasFourByteChar('ok 👍'); // true
 */
export function hasFourByteChar(text: string): boolean {
  for (const ch of text) if ((ch.codePointAt(0) ?? 0) > 0xffff) return true;
  return false;
}
