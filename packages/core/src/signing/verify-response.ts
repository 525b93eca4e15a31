import { defaultEngine } from '#runtime';
import { checkSignedMessage } from '../protocol/check-signed-message.js';
import { DEFAULT_WINDOW_SECONDS, PROBE_SIGNATURE_PREFIX } from '../protocol/constants.js';
import { AuditNotifyError } from '../errors.js';
import type { Clock, HeaderInput, PublicKeyHandle, SignatureEngine, UnixSeconds } from '../types.js';
import { readHeader } from '../protocol/header-value.js';
import type { MessageBody } from '../protocol/message-bytes.js';
import { buildResponseMessage } from '../protocol/response-message.js';
import { systemClock } from './system-clock.js';

/**
 * What {@link verifyResponse} checks.
 *
 * @example
 * ```ts
 * const options: VerifyResponseOptions = {
 *   headers: response.headers,
 *   body: new Uint8Array(await response.arrayBuffer()),
 *   publicKeys: new Map([['PUB_KEY_ID_0119000166812025091500000000000001', wechatpayPublicKey]]),
 * };
 * ```
 */
export interface VerifyResponseOptions {
  headers: HeaderInput;
  /** The raw answer bytes as received (protocol.md §4: the signature covers exactly these). */
  body: MessageBody;
  /** Trusted keys by id (`PUB_KEY_ID_…` or platform certificate serial); `Wechatpay-Serial` must be one. */
  publicKeys: ReadonlyMap<string, PublicKeyHandle>;
  clock?: Clock;
  /** Accept |now − timestamp| below this many seconds; 300 as the official SDKs (protocol.md §4). */
  windowSeconds?: number;
  engine?: SignatureEngine;
}

/**
 * A verified answer's signing facts.
 *
 * @example
 * ```ts
 * const { keyId }: VerifiedResponse = await verifyResponse(options);
 * ```
 */
export interface VerifiedResponse {
  /** The `Wechatpay-Serial` that signed the answer. */
  keyId: string;
  timestamp: UnixSeconds;
  nonce: string;
}

const SIGNED_HEADERS = ['Wechatpay-Timestamp', 'Wechatpay-Nonce', 'Wechatpay-Signature', 'Wechatpay-Serial'] as const;
// Processed-but-unverified answers must not be resent as new requests (protocol.md §4).
const DO_NOT_RESEND = 'The request may still have been processed: do not resend it with a new out_request_no.';

function checkWindow(windowSeconds: number): void {
  if (!Number.isFinite(windowSeconds) || windowSeconds <= 0) {
    throw new AuditNotifyError('INVALID_OPTIONS', 'windowSeconds must be a positive number of seconds.', {
      detail: { field: 'windowSeconds' },
    });
  }
}

/**
 * Verifies a signed APIv3 answer (protocol.md §4), cheapest check first: all four `Wechatpay-*` headers
 * present (names in any case), `Wechatpay-Serial` equal to a configured key id, |now − timestamp| below
 * the window, and the signature valid over `TIMESTAMP\nNONCE\nBODY\n`. Treat a 2xx that fails as forged.
 * Also verifies the standard callbacks signed the same way (protocol.md §6).
 *
 * Throws `AuditNotifyError` with `ANSWER_HEADERS_MISSING`, `ANSWER_SERIAL_UNKNOWN`,
 * `ANSWER_TIMESTAMP_OUT_OF_WINDOW` or `ANSWER_SIGNATURE_INVALID` (`detail.reason` says more: a probe
 * signature, bad Base64, milliseconds), or `INVALID_OPTIONS` for a bad `windowSeconds`.
 *
 * @example
 * ```ts
 * const response = await fetch(url, init);
 * const body = new Uint8Array(await response.arrayBuffer());
 * const { keyId } = await verifyResponse({
 *   headers: response.headers,
 *   body,
 *   publicKeys: new Map([['PUB_KEY_ID_0119000166812025091500000000000001', wechatpayPublicKey]]),
 * });
 * ```
 */
export async function verifyResponse(options: VerifyResponseOptions): Promise<VerifiedResponse> {
  const windowSeconds = options.windowSeconds ?? DEFAULT_WINDOW_SECONDS;
  checkWindow(windowSeconds);
  const [timestampText, nonce, signature, keyId] = SIGNED_HEADERS.map((name) => readHeader(options.headers, name));
  const missing = SIGNED_HEADERS.filter((_name, i) => [timestampText, nonce, signature, keyId][i] === undefined);
  if (timestampText === undefined || nonce === undefined || signature === undefined || keyId === undefined) {
    throw new AuditNotifyError(
      'ANSWER_HEADERS_MISSING',
      `The answer lacks ${missing.join(', ')}: every 2xx answer must carry the signed Wechatpay-* headers (protocol.md §4). Treat it as forged. ${DO_NOT_RESEND}`,
      { detail: { missing } },
    );
  }

  const now = (options.clock ?? systemClock)();
  const message = buildResponseMessage({ timestamp: timestampText, nonce, body: options.body });
  const engine = options.engine ?? defaultEngine();
  const verdict = await checkSignedMessage({ fields: { keyId, timestamp: timestampText, nonce, signature }, message, publicKeys: options.publicKeys, now, windowSeconds, engine });
  if (verdict.ok && verdict.timestamp.ok) return { keyId, timestamp: verdict.timestamp.timestamp, nonce };

  if (verdict.failed === 'key_known') {
    const known = verdict.knownKeyIds;
    throw new AuditNotifyError(
      'ANSWER_SERIAL_UNKNOWN',
      `Wechatpay-Serial "${keyId.slice(0, 80)}" is not a configured key id (configured: ${known.join(', ') || 'none'}). Add the receiver's public key under this id, or check that the ids are not mixed up (protocol.md §7 item 3).`,
      { detail: { keyId: keyId.slice(0, 80), known } },
    );
  }

  const window = verdict.timestamp;
  if (!window.ok) {
    if (window.problem === 'not_digits') {
      throw new AuditNotifyError(
        'ANSWER_TIMESTAMP_OUT_OF_WINDOW',
        `Wechatpay-Timestamp "${window.text}" is not Unix seconds in decimal digits (protocol.md §4).`,
        { detail: { reason: 'not_digits', now, windowSeconds } },
      );
    }
    const skew = window.skewSeconds;
    const explanation =
      window.problem === 'milliseconds'
        ? 'it looks like milliseconds; APIv3 timestamps are seconds (protocol.md §7 item 4).'
        : `it is ${Math.abs(skew)} s ${skew > 0 ? 'old' : 'in the future'}; check both clocks (NTP) or whether the answer was replayed.`;
    throw new AuditNotifyError(
      'ANSWER_TIMESTAMP_OUT_OF_WINDOW',
      `Wechatpay-Timestamp ${timestampText} is outside the ${windowSeconds} s window around ${now}: ${explanation}`,
      { detail: { reason: window.problem, timestamp: window.timestamp, now, skewSeconds: skew, windowSeconds } },
    );
  }

  // The reason only shapes the message: every failure is the same code and is never retried as success.
  // Stryker disable next-line StringLiteral: unreachable, the signature has failed when this line runs (the key and timestamp passed).
  const reason = verdict.signature.ok ? 'mismatch' : verdict.signature.problem;
  // Stryker disable next-line LogicalOperator,OptionalChaining: the key is known here, and bits shapes only the message text.
  const bits = verdict.key?.bits ?? 2048;
  const explanation =
    reason === 'probe_signature'
      ? `it is a ${PROBE_SIGNATURE_PREFIX} probe, which never verifies (protocol.md §4).`
      : reason === 'not_base64'
        ? `it is not the standard padded Base64 of a ${bits}-bit RSA signature.`
        : `it does not verify with key ${keyId} over TIMESTAMP\\nNONCE\\nBODY\\n: the body read may differ from the bytes sent (re-serialised, re-encoded, trimmed), or the key registered under this id is the wrong one (protocol.md §7 items 1–2).`;
  throw new AuditNotifyError('ANSWER_SIGNATURE_INVALID', `Wechatpay-Signature is invalid: ${explanation} ${DO_NOT_RESEND}`, {
    detail: { reason, keyId, messageLength: message.byteLength },
  });
}
