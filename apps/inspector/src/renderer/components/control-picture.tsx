/**
 * A control character drawn like its Unicode control picture (␊ is a small "L" over "F"), made of two
 * tiny letters so it shows with any font: Debian's default fonts have no glyph for U+240A.
 *
 * @example
 * <ControlPicture code="LF" /> // ␊
 * <ControlPicture code="CR" /> // ␍, drawn in red: a stray CR breaks signatures (protocol.md §7.8)
 */
export function ControlPicture({ code }: { code: 'LF' | 'CR' | 'HT' }) {
  const title = code === 'LF' ? '␊ LF \\n (0x0A)' : code === 'CR' ? '␍ CR \\r (0x0D)' : '␉ HT \\t (0x09)';
  return (
    <span className={`cp cp-${code.toLowerCase()}`} title={title} data-cp={code} aria-label={title}>
      <span>{code[0]}</span>
      <span>{code[1]}</span>
    </span>
  );
}
