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
  | 'BODY_NOT_SIGNED_BYTES'
  | 'JSON_UNICODE_ESCAPED'
  | 'JSON_SLASHES_ESCAPED'
  | 'JSON_KEYS_REORDERED'
  | 'BODY_DOUBLE_ENCODED'
  | 'BODY_SIGNED_EMPTY'
  | 'BODY_SIGNED_AS_GBK'
  | 'BODY_SENT_AS_LATIN1'
  | 'MESSAGE_NO_FINAL_NEWLINE'
  | 'MESSAGE_CRLF'
  | 'METHOD_LOWER_CASE'
  | 'URL_PROXY_PREFIX_SIGNED'
  | 'URL_NO_LEADING_SLASH'
  | 'TIMESTAMP_NOT_AS_SIGNED'
  | 'NONCE_NOT_AS_SIGNED'
  | 'SIGNED_WITH_ANSWER_KEY'
  | 'SERIAL_IN_DECIMAL'
  | 'SERIAL_IS_PUB_KEY_ID'
  | 'SIGNATURE_PLUS_AS_SPACE';

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
  JSON_UNICODE_ESCAPED: 'Chinese text was signed or sent as \\uXXXX escapes',
  JSON_SLASHES_ESCAPED: 'Slashes were signed or sent escaped as \\/',
  JSON_KEYS_REORDERED: 'The JSON keys were reordered after signing',
  BODY_DOUBLE_ENCODED: 'The body was sent as a JSON string literal (encoded twice)',
  BODY_SIGNED_EMPTY: 'An empty body was signed',
  BODY_SIGNED_AS_GBK: 'The body was signed as GBK bytes',
  BODY_SENT_AS_LATIN1: 'The body was sent as ISO-8859-1: Chinese became "?"',
  MESSAGE_NO_FINAL_NEWLINE: 'The signing message lacks its final \\n',
  MESSAGE_CRLF: 'The signing message has CRLF line endings',
  METHOD_LOWER_CASE: 'The method was signed in lower case',
  URL_PROXY_PREFIX_SIGNED: "The signed URL carries a reverse proxy's path prefix",
  URL_NO_LEADING_SLASH: 'The signed URL lacks its leading /',
  TIMESTAMP_NOT_AS_SIGNED: 'The timestamp sent is not the one signed',
  NONCE_NOT_AS_SIGNED: 'The nonce sent is not the one signed',
  SIGNED_WITH_ANSWER_KEY: "Signed with the answer (platform) key instead of the merchant's key",
  SERIAL_IN_DECIMAL: 'serial_no written in decimal instead of hex',
  SERIAL_IS_PUB_KEY_ID: "serial_no set to the answer key's PUB_KEY_ID",
  SIGNATURE_PLUS_AS_SPACE: 'The signature lost its "+" characters to spaces',
};

