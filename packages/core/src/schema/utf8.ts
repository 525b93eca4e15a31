/**
 * UTF-8 byte counting without encoding the string: the limits of the endpoint's documentation (`string(64)` …) are limits of
 * the remote system, which counts UTF-8 bytes (protocol.md §1, notes for schemas).
 *
 * @example
 * ```ts
 * utf8ByteLength('请求单号-0001'); // 17: four 3-byte characters and five ASCII characters
 * ```
 */
export function utf8ByteLength(value: string): number {
  let bytes = 0;
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && isLowSurrogate(value.charCodeAt(i + 1))) {
      bytes += 4;
      i++;
    } else bytes += 3; // BMP character, or a lone surrogate that an encoder replaces with U+FFFD (3 bytes)
  }
  return bytes;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/**
 * Where a string holds a character APIv3 cannot take, and why.
 *
 * @example
 * ```ts
 * const bad: UnsupportedCharacter | undefined = findUnsupportedCharacter(text);
 * ```
 */
export interface UnsupportedCharacter {
  /** Index in UTF-16 code units. */
  readonly index: number;
  /** The code point, e.g. `U+1F600`. */
  readonly codePoint: string;
  readonly reason: 'four-byte' | 'lone-surrogate';
}

/**
 * Finds the first character that APIv3 does not accept: any character outside the Basic Multilingual Plane
 * (4 bytes in UTF-8: emoji, rare CJK extension B…), and lone surrogates, which have no UTF-8 form at all
 * (protocol.md §1: only 1–3 byte UTF-8 characters are accepted).
 *
 * @example
 * ```ts
 * findUnsupportedCharacter('审核通过'); // undefined
 * findUnsupportedCharacter('ok 😀'); // { index: 3, codePoint: 'U+1F600', reason: 'four-byte' }
 * ```
 */
export function findUnsupportedCharacter(value: string): UnsupportedCharacter | undefined {
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    if (unit < 0xd800 || unit > 0xdfff) continue;
    const cp = value.codePointAt(i) ?? unit;
    const reason = cp > 0xffff ? 'four-byte' : 'lone-surrogate';
    return { index: i, codePoint: `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`, reason };
  }
  return undefined;
}
