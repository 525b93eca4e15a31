// Building blocks shared by the notification and answer schemas: an APIv3 string with a UTF-8 byte limit
// and no 4-byte characters (protocol.md §1, notes for schemas), and the type names used in messages.
import { z } from 'zod';
import { findUnsupportedCharacter, utf8ByteLength } from './utf8.js';

/**
 * Human name of a JSON value's type, for messages (`null`, `array`, `number` …).
 *
 * @example
 * ```ts
 * jsonTypeName([]); // 'array'
 * jsonTypeName(null); // 'null'
 * ```
 */
export function jsonTypeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/**
 * The sentence about a character APIv3 cannot take, or `undefined` when the string is fine.
 *
 * @example
 * ```ts
 * unsupportedCharacterIssue('ok'); // undefined
 * unsupportedCharacterIssue('😀'); // 'holds U+1F600 at index 0, a 4-byte UTF-8 character …'
 * ```
 */
export function unsupportedCharacterIssue(value: string): string | undefined {
  const bad = findUnsupportedCharacter(value);
  if (!bad) return undefined;
  return bad.reason === 'four-byte'
    ? `holds ${bad.codePoint} at index ${bad.index}, a 4-byte UTF-8 character (emoji or similar) that APIv3 does not accept; remove it`
    : `holds a lone surrogate at index ${bad.index}, which has no UTF-8 form; fix the text encoding`;
}

/**
 * Limits of one APIv3 string field.
 *
 * @example
 * ```ts
 * apiString({ nonEmpty: true, maxBytes: 64 });
 * ```
 */
export interface ApiStringOptions {
  /** Upper limit in UTF-8 bytes. */
  maxBytes?: number;
  /** Reject the empty string (required identifiers). */
  nonEmpty?: boolean;
  /** Extra check returning an issue sentence, e.g. the RFC 3339 format. */
  check?: (value: string) => string | undefined;
}

/**
 * The first rule of an APIv3 string that `value` breaks, as the issue to report, or `undefined`: not empty
 * (when asked), no 4-byte or lone-surrogate character, at most `maxBytes` in UTF-8, then `check`. The one
 * rule of {@link apiString}, also run directly where a body is checked without zod (notification-schema.ts).
 *
 * @example
 * ```ts
 * apiStringIssue('', { nonEmpty: true }); // 'must not be empty'
 * apiStringIssue('R1', { maxBytes: 64 }); // undefined
 * ```
 */
export function apiStringIssue(value: string, options: ApiStringOptions): string | undefined {
  if (options.nonEmpty === true && value.length === 0) return 'must not be empty';
  const charIssue = unsupportedCharacterIssue(value);
  if (charIssue) return charIssue;
  if (options.maxBytes !== undefined) {
    const bytes = utf8ByteLength(value);
    if (bytes > options.maxBytes) {
      return `is ${bytes} bytes in UTF-8, over the limit of ${options.maxBytes}; shorten it (a CJK character counts 3 bytes)`;
    }
  }
  return options.check?.(value) || undefined;
}

/**
 * A zod string with the APIv3 rules and messages that say what to fix.
 *
 * @example
 * ```ts
 * const outRequestNo = apiString({ nonEmpty: true, maxBytes: 64 });
 * outRequestNo.safeParse('单'.repeat(22)).success; // false: 66 bytes
 * ```
 */
export function apiString(options: ApiStringOptions = {}) {
  return z
    .string({
      error: (issue) =>
        issue.input === undefined ? 'is required' : `must be a string, got ${jsonTypeName(issue.input)}`,
    })
    .superRefine((value, ctx) => {
      const message = apiStringIssue(value, options);
      if (message !== undefined) ctx.addIssue({ code: 'custom', message, input: value });
    });
}
