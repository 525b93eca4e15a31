/**
 * Every error that auditnotify raises or answers with is an {@link AuditNotifyError} carrying a stable
 * string `code`. Callers branch on codes, never on messages. {@link ERROR_TABLE} is the single place that
 * maps a code to the HTTP status and the wire code (protocol.md §2) a receiver answers with.
 *
 * @example
 * ```ts
 * try {
 *   loadPrivateKey(pem);
 * } catch (error) {
 *   if (isAuditNotifyError(error) && error.code === 'KEY_ENCRYPTED') console.error('decrypt the key first');
 * }
 * ```
 */

import type { AuthorizationProblem } from './protocol/parse-authorization.js';

/** Codes that WeChat Pay APIv3 puts in the `code` field of an error body (protocol.md §2). */
export type WireCode =
  | 'PARAM_ERROR'
  | 'INVALID_REQUEST'
  | 'SIGN_ERROR'
  | 'NO_AUTH'
  | 'FREQUENCY_LIMITED'
  | 'SYSTEM_ERROR';

interface ErrorRow {
  /** HTTP status a receiver answers with, or `null` for errors that never cross HTTP. */
  readonly status: number | null;
  /** `code` of the APIv3 error body, or `null` where there is no HTTP answer. */
  readonly wire: WireCode | null;
}

/**
 * Codes to HTTP statuses and wire codes: the one table (as tRPC's `getHTTPStatusCode`).
 * The receiver's error body carries the wire code in `code` and this finer code in `detail.reason`.
 */
export const ERROR_TABLE = {
  // Receiver: request checks, in the order they run (protocol.md §3).
  METHOD_NOT_ALLOWED: { status: 405, wire: 'INVALID_REQUEST' },
  BODY_TOO_LARGE: { status: 413, wire: 'INVALID_REQUEST' },
  UNSUPPORTED_CONTENT_TYPE: { status: 400, wire: 'INVALID_REQUEST' },
  AUTH_MISSING: { status: 401, wire: 'SIGN_ERROR' },
  AUTH_MALFORMED: { status: 401, wire: 'SIGN_ERROR' },
  UNKNOWN_SERIAL: { status: 401, wire: 'SIGN_ERROR' },
  MCHID_NOT_ALLOWED: { status: 403, wire: 'NO_AUTH' },
  TIMESTAMP_OUT_OF_WINDOW: { status: 401, wire: 'SIGN_ERROR' },
  SIGNATURE_MISMATCH: { status: 401, wire: 'SIGN_ERROR' },
  NONCE_REPLAYED: { status: 401, wire: 'SIGN_ERROR' },
  NONCE_STORE_FULL: { status: 503, wire: 'SYSTEM_ERROR' },
  RATE_LIMITED: { status: 429, wire: 'FREQUENCY_LIMITED' },
  INVALID_JSON: { status: 400, wire: 'INVALID_REQUEST' },
  INVALID_ENCODING: { status: 400, wire: 'INVALID_REQUEST' },
  PARAM_ERROR: { status: 400, wire: 'PARAM_ERROR' },
  // Inbox (receiver/inbox-step.ts): the same out_request_no with other fields; or being processed elsewhere.
  OUT_REQUEST_NO_CONFLICT: { status: 400, wire: 'INVALID_REQUEST' },
  NOTIFICATION_IN_PROGRESS: { status: 503, wire: 'SYSTEM_ERROR' },
  HANDLER_FAILED: { status: 500, wire: 'SYSTEM_ERROR' },
  RAW_BODY_UNAVAILABLE: { status: 500, wire: 'SYSTEM_ERROR' },
  INTERNAL_ERROR: { status: 500, wire: 'SYSTEM_ERROR' },

  // Keys and certificates.
  KEY_UNREADABLE: { status: null, wire: null },
  KEY_FORMAT_UNKNOWN: { status: null, wire: null },
  KEY_ENCRYPTED: { status: null, wire: null },
  KEY_NOT_RSA: { status: null, wire: null },
  KEY_TOO_SMALL: { status: null, wire: null },
  KEY_PASSWORD_WRONG: { status: null, wire: null },
  KEY_CERT_MISMATCH: { status: null, wire: null },
  CERT_INVALID: { status: null, wire: null },
  PKCS12_INVALID: { status: null, wire: null },
  // A synchronous loader (text, file, PKCS#12) called where only WebCrypto exists: import the key instead.
  KEY_RUNTIME_UNSUPPORTED: { status: null, wire: null },

  // Callback envelopes (protocol.md §6).
  APIV3_KEY_LENGTH: { status: null, wire: null },
  BASE64_INVALID: { status: null, wire: null },
  DECRYPT_FAILED: { status: null, wire: null },
  ENVELOPE_INVALID: { status: null, wire: null },

  // Decoders of pasted/captured HTTP text (src/decode): never an HTTP answer.
  DECODE_FAILED: { status: null, wire: null },

  // Sender: before sending, and checks of the answer (protocol.md §4).
  VALIDATION_FAILED: { status: null, wire: null },
  API_ERROR: { status: null, wire: null },
  NETWORK_ERROR: { status: null, wire: null },
  TIMEOUT: { status: null, wire: null },
  ANSWER_HEADERS_MISSING: { status: null, wire: null },
  ANSWER_SERIAL_UNKNOWN: { status: null, wire: null },
  ANSWER_TIMESTAMP_OUT_OF_WINDOW: { status: null, wire: null },
  ANSWER_SIGNATURE_INVALID: { status: null, wire: null },
  ANSWER_INVALID: { status: null, wire: null },

  // Configuration: thrown when a client, receiver or plugin is created.
  INVALID_OPTIONS: { status: null, wire: null },
} as const satisfies Record<string, ErrorRow>;

/** Every stable code auditnotify uses. */
export type ErrorCode = keyof typeof ERROR_TABLE;

/** Free-form, JSON-serialisable context for an error. Never holds key material. */
export type ErrorDetail = Record<string, unknown>;

/** One problem of a body: the field (`''` for the body itself) and what to fix. */
export interface FieldIssueDetail {
  field: string;
  issue: string;
}

/**
 * The typed `detail` of the error families whose callers read it; other codes carry a free-form
 * {@link ErrorDetail}. Narrow on `code` and the detail narrows with it.
 *
 * @example
 * ```ts
 * if (isAuditNotifyError(error) && error.code === 'VALIDATION_FAILED') error.detail?.issues.map((i) => i.field);
 * ```
 */
export interface ErrorDetails {
  PARAM_ERROR: { field: string; issue: string; issues: FieldIssueDetail[]; location?: string; value?: unknown };
  VALIDATION_FAILED: { field: string; issue: string; issues: FieldIssueDetail[]; location?: string; value?: unknown };
  AUTH_MISSING: { reason: AuthorizationProblem };
  AUTH_MALFORMED: { reason: AuthorizationProblem };
  // line and issue when a decoder located the problem (src/decode/decode-error.ts).
  DECODE_FAILED: { line?: number; issue?: string };
  ANSWER_HEADERS_MISSING: { missing: string[] };
  ANSWER_SERIAL_UNKNOWN: { keyId: string; known: string[] };
  ANSWER_TIMESTAMP_OUT_OF_WINDOW: { reason: 'not_digits' | 'milliseconds' | 'skew'; now: number; windowSeconds: number; timestamp?: number; skewSeconds?: number };
  ANSWER_SIGNATURE_INVALID: { reason: 'probe_signature' | 'not_base64' | 'mismatch' | 'not_checked'; keyId: string; messageLength: number };
}

/**
 * The `detail` type of a code: its {@link ErrorDetails} entry, or a free-form {@link ErrorDetail}.
 *
 * @example
 * ```ts
 * const detail: ErrorDetailOf<'ANSWER_HEADERS_MISSING'> = { missing: ['Wechatpay-Signature'] };
 * ```
 */
export type ErrorDetailOf<C extends ErrorCode> = C extends keyof ErrorDetails ? ErrorDetails[C] & ErrorDetail : ErrorDetail;

export interface AuditNotifyErrorOptions<C extends ErrorCode = ErrorCode> {
  detail?: ErrorDetailOf<C>;
  cause?: unknown;
}

/**
 * The base class of every error auditnotify throws (modelled on jose's `JOSEError`).
 *
 * @example
 * ```ts
 * throw new AuditNotifyError('KEY_ENCRYPTED', 'The private key is encrypted: export it without a passphrase.');
 * ```
 */
export class AuditNotifyError<C extends ErrorCode = ErrorCode> extends Error {
  override readonly name: string = 'AuditNotifyError';
  readonly code: C;
  readonly detail: ErrorDetailOf<C> | undefined;

  constructor(code: C, message: string, options: AuditNotifyErrorOptions<C> = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.detail = options.detail;
  }

  /** HTTP status a receiver answers with for this error, or `null` where there is no HTTP. */
  get status(): number | null {
    return statusOf(this.code);
  }

  /** The wire code of the APIv3 error body, or `null` where there is no HTTP. */
  get wireCode(): WireCode | null {
    return ERROR_TABLE[this.code].wire;
  }

  toJSON(): { name: string; code: C; message: string; detail?: ErrorDetailOf<C> } {
    return { name: this.name, code: this.code, message: this.message, ...(this.detail ? { detail: this.detail } : {}) };
  }
}

/**
 * HTTP status of a code, from {@link ERROR_TABLE}.
 *
 * @example
 * ```ts
 * statusOf('RATE_LIMITED'); // 429
 * ```
 */
export function statusOf(code: ErrorCode): number | null {
  return ERROR_TABLE[code].status;
}

/**
 * An {@link AuditNotifyError} of any code, as a union over codes: checking `code` narrows `detail`.
 *
 * @example
 * ```ts
 * function fieldsOf(error: AnyAuditNotifyError) { return error.code === 'PARAM_ERROR' ? error.detail?.issues : []; }
 * ```
 */
export type AnyAuditNotifyError = { [C in ErrorCode]: AuditNotifyError<C> }[ErrorCode];

/**
 * True for errors raised by auditnotify (by `instanceof`, or by shape across package copies).
 *
 * @example
 * ```ts
 * if (isAuditNotifyError(error)) console.error(error.code);
 * ```
 */
export function isAuditNotifyError(value: unknown): value is AnyAuditNotifyError {
  if (value instanceof AuditNotifyError) return true;
  if (!(value instanceof Error)) return false;
  const code: unknown = (value as Error & { code?: unknown }).code;
  return typeof code === 'string' && Object.hasOwn(ERROR_TABLE, code);
}
