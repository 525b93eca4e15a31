/**
 * A non-2xx answer of WeChat Pay (or any APIv3 receiver) as a typed error (protocol.md §2).
 */
import type { ErrorDetail, WireCode } from '../errors.js';
import { AuditNotifyError } from '../errors.js';

const WIRE_CODES: ReadonlySet<string> = new Set<WireCode>([
  'PARAM_ERROR',
  'INVALID_REQUEST',
  'SIGN_ERROR',
  'NO_AUTH',
  'FREQUENCY_LIMITED',
  'SYSTEM_ERROR',
]);

/**
 * What {@link ApiError} is made from.
 *
 * @example
 * ```ts
 * new ApiError({ status: 429, apiCode: 'FREQUENCY_LIMITED', apiMessage: '频率超限', url, attempts: 1, headers: {}, responseBody: new Uint8Array() });
 * ```
 */
export interface ApiErrorInit {
  status: number;
  /** `code` of the error body exactly as sent, when the body was an APIv3 error body. */
  apiCode?: string;
  /** `message` of the error body, or the start of a body that was not one. */
  apiMessage?: string;
  /** `detail` of the error body. */
  detail?: ErrorDetail;
  /** The answer's `Request-ID` header: quote it to WeChat Pay support. */
  requestId?: string;
  /** The URL that answered. */
  url: string;
  /** HTTP requests made, failovers included. */
  attempts: number;
  /** The answer's headers, names in lower case. */
  headers: Record<string, string>;
  /** The answer's body bytes. */
  responseBody: Uint8Array;
}

/**
 * Thrown by `client.send` for an answer outside 2xx, after retries: code `API_ERROR`, with the HTTP
 * `status`, the answer's `wireCode`/`apiCode`, `apiMessage`, `detail` and `requestId`. Branch on `status`
 * (a 429 may carry `FREQUENCY_LIMITED` or `RATELIMIT_EXCEEDED`, protocol.md §2).
 *
 * @example
 * ```ts
 * try {
 *   await client.send(notification);
 * } catch (error) {
 *   if (error instanceof ApiError && error.status === 400) console.error(error.wireCode, error.detail?.field, error.requestId);
 * }
 * ```
 */
export class ApiError extends AuditNotifyError {
  override readonly name: string = 'ApiError';
  /** `code` of the error body exactly as sent (also codes outside {@link WireCode}, like `RATELIMIT_EXCEEDED`). */
  readonly apiCode: string | undefined;
  /** `message` of the error body. */
  readonly apiMessage: string | undefined;
  /** The answer's `Request-ID`. */
  readonly requestId: string | undefined;
  readonly url: string;
  readonly attempts: number;
  readonly headers: Record<string, string>;
  readonly responseBody: Uint8Array;
  readonly #status: number;

  constructor(init: ApiErrorInit) {
    const code = init.apiCode === undefined ? '' : ` ${init.apiCode}`;
    const text = init.apiMessage === undefined || init.apiMessage === '' ? '' : `: ${init.apiMessage}`;
    const id = init.requestId === undefined ? '' : ` (Request-ID ${init.requestId})`;
    super('API_ERROR', `The receiver answered HTTP ${init.status}${code}${text}${id}.`, init.detail ? { detail: init.detail } : {});
    this.#status = init.status;
    this.apiCode = init.apiCode;
    this.apiMessage = init.apiMessage;
    this.requestId = init.requestId;
    this.url = init.url;
    this.attempts = init.attempts;
    this.headers = init.headers;
    this.responseBody = init.responseBody;
  }

  /** HTTP status of the answer. */
  override get status(): number {
    return this.#status;
  }

  /** The answer's `code` when it is one of the APIv3 wire codes of protocol.md §2, else `null` (see `apiCode`). */
  override get wireCode(): WireCode | null {
    return this.apiCode !== undefined && WIRE_CODES.has(this.apiCode) ? (this.apiCode as WireCode) : null;
  }

  override toJSON(): ReturnType<AuditNotifyError['toJSON']> & { status: number; apiCode?: string; requestId?: string } {
    return {
      ...super.toJSON(),
      status: this.#status,
      ...(this.apiCode === undefined ? {} : { apiCode: this.apiCode }),
      ...(this.requestId === undefined ? {} : { requestId: this.requestId }),
    };
  }
}
