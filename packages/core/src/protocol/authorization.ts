import { AuditNotifyError } from '../errors.js';
import type { UnixSeconds } from '../types.js';

/**
 * The only scheme of the APIv3 `Authorization` header, and the `Wechatpay-Signature-Type` of answers
 * (protocol.md §3–4).
 *
 * @example
 * ```ts
 * header.startsWith(`${AUTHORIZATION_SCHEME} `);
 * ```
 */
export const AUTHORIZATION_SCHEME = 'WECHATPAY2-SHA256-RSA2048';

/**
 * The fields of a parsed `Authorization` header (protocol.md §3).
 *
 * @example
 * ```ts
 * const fields: AuthorizationFields = parseAuthorization(req.headers.authorization);
 * fields.serialNo; // '5157F09EFDC096DE15EBE81A47057A7232F1B8E1'
 * ```
 */
export interface AuthorizationFields {
  /** `mchid`: the caller's merchant id. */
  readonly mchid: string;
  /** `nonce_str`. */
  readonly nonce: string;
  /** `timestamp`: Unix seconds (decimal digits on the wire). */
  readonly timestamp: UnixSeconds;
  /** `serial_no`: serial of the caller's certificate, compared exactly. */
  readonly serialNo: string;
  /** `signature`: standard padded Base64, not decoded here. */
  readonly signature: string;
  /** The header exactly as received. */
  readonly raw: string;
}

/**
 * What {@link buildAuthorization} needs.
 *
 * @example
 * ```ts
 * const input: AuthorizationInput = { mchid, nonce, timestamp, serialNo, signature };
 * ```
 */
export interface AuthorizationInput {
  mchid: string;
  nonce: string;
  timestamp: UnixSeconds | string;
  serialNo: string;
  signature: string;
}

/**
 * Wire name of each field, in the order the vectors write them.
 *
 * @example
 * ```ts
 * AUTHORIZATION_WIRE_NAMES.serialNo; // 'serial_no'
 * ```
 */
export const AUTHORIZATION_WIRE_NAMES = {
  mchid: 'mchid',
  nonce: 'nonce_str',
  signature: 'signature',
  timestamp: 'timestamp',
  serialNo: 'serial_no',
} as const;

/**
 * True when `value` can stand between the quotes of a pair: printable ASCII without space, `"` or `,`
 * (protocol.md §3: no escaping exists, so those characters can never be carried).
 *
 * @example
 * ```ts
 * isAuthorizationValue('1900016681'); // true
 * isAuthorizationValue('19 00'); // false
 * ```
 */
export function isAuthorizationValue(value: string): boolean {
  return AUTHORIZATION_VALUE.test(value);
}

// One or more printable ASCII characters but space, '"' (0x22) and ',' (0x2c): one native scan, which matters
// for the 344 characters of a signature in every request.
const AUTHORIZATION_VALUE = /^[\x21\x23-\x2b\x2d-\x7e]+$/;

/**
 * Builds the `Authorization` header: the scheme, one space, then `key="value"` pairs joined by `,` in the
 * order mchid, nonce_str, signature, timestamp, serial_no (the vectors' order; protocol.md §3 allows any).
 * Throws `INVALID_OPTIONS` for a value the grammar cannot carry (empty, or holding a space, `"` or `,`).
 *
 * @example
 * ```ts
 * buildAuthorization({
 *   mchid: '1900016681',
 *   nonce: '593BEC0C930BF1AFEB40B4A08C8FB242',
 *   timestamp: 1757900000,
 *   serialNo: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1',
 *   signature: 'qB4xdNms…',
 * });
 * // 'WECHATPAY2-SHA256-RSA2048 mchid="1900016681",nonce_str="593BEC0C…",signature="qB4xdNms…",timestamp="1757900000",serial_no="5157F09E…"'
 * ```
 */
export function buildAuthorization(input: AuthorizationInput): string {
  const timestamp = String(input.timestamp);
  if (!/^\d+$/.test(timestamp)) {
    throw new AuditNotifyError('INVALID_OPTIONS', 'timestamp must be whole Unix seconds (decimal digits).', {
      detail: { field: 'timestamp' },
    });
  }
  const values = { ...input, timestamp };
  let header = `${AUTHORIZATION_SCHEME} `;
  let first = true;
  for (const [field, wireName] of Object.entries(AUTHORIZATION_WIRE_NAMES) as [keyof AuthorizationInput, string][]) {
    const value = values[field];
    if (typeof value !== 'string' || !isAuthorizationValue(value)) {
      throw new AuditNotifyError(
        'INVALID_OPTIONS',
        `${wireName} cannot go in an Authorization header: it must be non-empty printable ASCII without spaces, '"' or ',' (protocol.md §3).`,
        { detail: { field: wireName } },
      );
    }
    header += `${first ? '' : ','}${wireName}="${value}"`;
    first = false;
  }
  return header;
}
