/**
 * Why a signature did not verify, as {@link diagnoseSignature} names it (protocol.md §7 lists where
 * integrations break). Stable strings: UIs and the CLI branch on them.
 *
 * @example
 * ```ts
 * if (diagnosis.likelyCause?.code === 'BODY_RESERIALISED') showHint('verify the raw bytes');
 * ```
 */
export type CauseCode =
  | 'AUTH_MISSING'
  | 'AUTH_MALFORMED'
  | 'HEADERS_MISSING'
  | 'PROBE_SIGNATURE'
  | 'UNKNOWN_SERIAL'
  | 'TIMESTAMP_OUT_OF_WINDOW'
  | 'TIMESTAMP_IN_MILLISECONDS'
  | 'SIGNATURE_ENCODING'
  | 'SIGNATURE_ALGORITHM'
  | 'BODY_RESERIALISED'
  | 'TRAILING_NEWLINE'
  | 'LINE_ENDINGS'
  | 'BODY_TRIMMED'
  | 'CHARSET_MISMATCH'
  | 'QUERY_MISMATCH'
  | 'URL_INCLUDES_HOST'
  | 'URL_ENCODING'
  | 'PATH_REWRITTEN'
  | 'WRONG_KEY'
  | 'BODY_NOT_SIGNED_BYTES';

/**
 * A one-line title per cause, for lists and badges.
 *
 * @example
 * ```ts
 * CAUSE_TITLES.BODY_RESERIALISED; // 'The body was re-serialised before verifying'
 * ```
 */
export const CAUSE_TITLES: Readonly<Record<CauseCode, string>> = {
  AUTH_MISSING: 'No Authorization header',
  AUTH_MALFORMED: 'The Authorization header is malformed',
  HEADERS_MISSING: 'Wechatpay-* signature headers are missing',
  PROBE_SIGNATURE: 'A WECHATPAY/SIGNTEST/ probe signature',
  UNKNOWN_SERIAL: 'The key id names no known public key',
  TIMESTAMP_OUT_OF_WINDOW: 'The timestamp is outside the 5-minute window',
  TIMESTAMP_IN_MILLISECONDS: 'The timestamp is in milliseconds',
  SIGNATURE_ENCODING: 'The signature is not standard padded Base64',
  SIGNATURE_ALGORITHM: 'Signed with another algorithm than SHA256withRSA (PKCS#1 v1.5)',
  BODY_RESERIALISED: 'The body was re-serialised before verifying',
  TRAILING_NEWLINE: 'A final line break was added or lost',
  LINE_ENDINGS: 'Line endings changed (CRLF / LF)',
  BODY_TRIMMED: 'Whitespace around the body was added or removed',
  CHARSET_MISMATCH: 'The text was encoded differently on the two sides',
  QUERY_MISMATCH: 'The query string signed differs from the one sent',
  URL_INCLUDES_HOST: 'The full URL was signed instead of the path',
  URL_ENCODING: 'The URL was percent-encoded differently',
  PATH_REWRITTEN: 'A proxy changed the path',
  WRONG_KEY: 'Verified with the wrong public key',
  BODY_NOT_SIGNED_BYTES: 'The bytes signed are not the bytes sent',
};
