// Textual JSON escape edits: the body a sender signed and the body it sent often differ only in how a
// serialiser escapes characters (PHP's json_encode writes `\uXXXX` for non-ASCII and `\/` for `/` unless told
// otherwise). These edits change exactly that and keep every other byte, so a match names the escaping, not a
// re-serialisation.

// One escape sequence, or one run of text without backslashes.
const TOKENS = /\\(?:u([0-9a-fA-F]{4})|([\s\S]))|[^\\]+/g;

/**
 * `text` with every non-ASCII UTF-16 unit written as `\uXXXX` (lower-case hex, as PHP and Python write it).
 *
 * @example
 * ```ts
 * escapeUnicode('{"a":"审核"}'); // '{"a":"\\u5ba1\\u6838"}'
 * ```
 */
export function escapeUnicode(text: string): string {
  return text.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * `text` with every `\uXXXX` escape of a non-ASCII unit replaced by the character itself; other escapes kept.
 *
 * @example
 * ```ts
 * unescapeUnicode('{"a":"\\u5ba1\\u6838"}'); // '{"a":"审核"}'
 * ```
 */
export function unescapeUnicode(text: string): string {
  return text.replace(TOKENS, (token: string, hex: string | undefined) => {
    if (hex === undefined) return token;
    const unit = parseInt(hex, 16);
    return unit >= 0x80 ? String.fromCharCode(unit) : token;
  });
}

/**
 * `text` with every `/` written as `\/`. In JSON a `/` only occurs inside strings, so this is what a serialiser
 * that escapes slashes writes.
 *
 * @example
 * ```ts
 * escapeSlashes('{"u":"a/b"}'); // '{"u":"a\\/b"}'
 * ```
 */
export function escapeSlashes(text: string): string {
  return text.replace(TOKENS, (token: string, hex: string | undefined, escaped: string | undefined) =>
    hex === undefined && escaped === undefined ? token.replace(/\//g, '\\/') : token,
  );
}

/**
 * `text` with every `\/` escape replaced by `/`; other escapes (`\\/` is a backslash, then a slash) kept.
 *
 * @example
 * ```ts
 * unescapeSlashes('{"u":"a\\/b"}'); // '{"u":"a/b"}'
 * ```
 */
export function unescapeSlashes(text: string): string {
  return text.replace(TOKENS, (token: string, _hex: string | undefined, escaped: string | undefined) => (escaped === '/' ? '/' : token));
}
