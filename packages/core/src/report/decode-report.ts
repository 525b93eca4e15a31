// The one decode report of a captured request: what the CLI's `decode` prints and the inspector's decode pane
// shows. Each part has its own verdict, so a valid signature with a stale timestamp reads as exactly that.
import { defaultEngine } from '#runtime';
import { isAuditNotifyError, type ErrorCode } from '../errors.js';
import { diagnoseSignature, type SignatureDiagnosis } from '../diagnose/diagnose-signature.js';
import { DEFAULT_WINDOW_SECONDS } from '../protocol/constants.js';
import { readHeader } from '../protocol/header-value.js';
import { parseAuthorization } from '../protocol/parse-authorization.js';
import type { AuthorizationFields } from '../protocol/authorization.js';
import { buildRequestMessage } from '../protocol/request-message.js';
import { checkTimestamp, describeSkew, explainTimestamp, type TimestampVerdict } from '../protocol/timestamp.js';
import { NOTIFICATION_FIELDS, type FieldMeta } from '../schema/fields.js';
import { lintNotification, unknownFieldsOf, type LintWarning } from '../schema/lint-notification.js';
import { safeParseNotification, type FieldIssue } from '../schema/parse-notification.js';
import { utf8ByteLength } from '../schema/utf8.js';
import { systemClock } from '../signing/system-clock.js';
import type { Clock, HeaderInput, PublicKeyHandle, SignatureEngine } from '../types.js';

/**
 * One field of the notification as found in a body: its metadata, whether it is there, its value, its size
 * and its schema issue.
 *
 * @example
 * ```ts
 * const field: ReportedField = report.body.fields.find((f) => f.name === 'mchid')!;
 * ```
 */
export interface ReportedField extends FieldMeta {
  present: boolean;
  value?: unknown;
  /** UTF-8 bytes of a string value. */
  byteLength?: number;
  issue?: string;
}

/**
 * What a body holds, checked against the notification's schema. A body that fails the schema is linted all
 * the same, so its warnings show beside its errors.
 *
 * @example
 * ```ts
 * const body: BodyReport = reportNotificationBody(new TextEncoder().encode(text));
 * ```
 */
export interface BodyReport {
  bytes: number;
  json: boolean;
  /** JSON.parse's message when the body is not JSON. */
  jsonError?: string;
  /** The parsed body when it is a JSON object. */
  object?: Record<string, unknown>;
  fields: ReportedField[];
  unknownFields: string[];
  schemaErrors: FieldIssue[];
  warnings: LintWarning[];
}

/**
 * The verdict on the `Authorization` timestamp and nonce, separate from the signature's.
 *
 * @example
 * ```ts
 * console.log(report.timestamp?.text); // '600 s ago, outside the 300 s window'
 * ```
 */
export interface TimestampReport {
  verdict: TimestampVerdict;
  /** "600 s ago", "42 s from now, outside the 300 s window", "milliseconds, not seconds". */
  text: string;
  nonceOk: boolean;
}

/**
 * The verdict on the signature alone: `unchecked` without a known key.
 *
 * @example
 * ```ts
 * if (report.signature.status === 'valid') console.log('signed by', report.signature.keyId);
 * ```
 */
export interface SignatureReport {
  status: 'valid' | 'invalid' | 'unchecked';
  keyId?: string;
  detail: string;
}

/**
 * The overall reading, for a badge: the first problem in the order a receiver meets them.
 *
 * @example
 * ```ts
 * badge(report.verdict.ok ? 'green' : 'red', report.verdict.title);
 * ```
 */
export interface DecodeVerdict {
  kind: 'verified' | 'signature-invalid' | 'timestamp-invalid' | 'body-invalid' | 'unverifiable';
  ok: boolean;
  title: string;
  message: string;
  /** An `ErrorCode` the receiver would answer with, or a diagnosis cause code. */
  code?: string;
}

/**
 * The decode report of one request.
 *
 * @example
 * ```ts
 * const report: DecodeReport = await buildDecodeReport({ method, url, headers, body, publicKeys });
 * ```
 */
export interface DecodeReport {
  authorization: { ok: true; fields: AuthorizationFields } | { ok: false; code: ErrorCode; reason?: string; message: string };
  /** The message the signature must cover, when the Authorization header parses. */
  message?: Uint8Array;
  timestamp?: TimestampReport;
  signature: SignatureReport;
  body: BodyReport;
  /** Core's signature diagnosis, when keys were given. */
  diagnosis?: SignatureDiagnosis;
  verdict: DecodeVerdict;
}

/**
 * What {@link buildDecodeReport} reads.
 *
 * @example
 * ```ts
 * const input: DecodeReportInput = { method: 'POST', url, headers, body, publicKeys, clock: () => 1757900000 };
 * ```
 */
export interface DecodeReportInput {
  method: string;
  url: string;
  headers: HeaderInput;
  body: Uint8Array;
  /** Senders' public keys by serial_no: with them (even none) the report carries core's diagnosis; a signature no key checks is `unchecked`. */
  publicKeys?: ReadonlyMap<string, PublicKeyHandle>;
  /** The receiver's answer public keys by id: diagnosis names a request signed with one of them. */
  answerKeys?: ReadonlyMap<string, PublicKeyHandle>;
  clock?: Clock;
  windowSeconds?: number;
  engine?: SignatureEngine;
}

const utf8 = new TextDecoder('utf-8');
const NONCE = /^[0-9A-Za-z]{32}$/;

/**
 * Checks a body against the notification's schema and describes every field; a body that fails the schema
 * is linted all the same.
 *
 * @example
 * ```ts
 * const { schemaErrors, warnings } = reportNotificationBody(bytes);
 * ```
 */
export function reportNotificationBody(body: Uint8Array): BodyReport {
  let value: unknown;
  try {
    value = JSON.parse(utf8.decode(body));
  } catch (error) {
    const jsonError = error instanceof Error ? error.message : String(error);
    return { bytes: body.byteLength, json: false, jsonError, fields: [], unknownFields: [], schemaErrors: [{ field: '', pointer: '', issue: `the body is not JSON: ${jsonError}` }], warnings: [] };
  }
  return { bytes: body.byteLength, ...reportNotificationValue(value) };
}

/**
 * {@link reportNotificationBody} for a value already parsed from JSON (an editor's content, say).
 *
 * @example
 * ```ts
 * const { fields, schemaErrors } = reportNotificationValue(JSON.parse(text));
 * ```
 */
export function reportNotificationValue(value: unknown): Omit<BodyReport, 'bytes'> {
  const object = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  const record = object ?? {};
  const parsed = safeParseNotification(value);
  const schemaErrors = parsed.ok ? [] : parsed.issues;
  const issueOf = new Map(schemaErrors.map((issue) => [issue.field, issue.issue]));
  const fields = NOTIFICATION_FIELDS.map((meta): ReportedField => {
    const present = Object.hasOwn(record, meta.name);
    const fieldValue = record[meta.name];
    const issue = issueOf.get(meta.name);
    return {
      ...meta,
      present,
      ...(present ? { value: fieldValue } : {}),
      ...(typeof fieldValue === 'string' ? { byteLength: utf8ByteLength(fieldValue) } : {}),
      ...(issue === undefined ? {} : { issue }),
    };
  });
  return {
    json: true,
    ...(object ? { object } : {}),
    fields,
    unknownFields: object ? unknownFieldsOf(object) : [],
    schemaErrors,
    warnings: parsed.ok ? parsed.warnings : object ? lintNotification(object) : [],
  };
}

function timestampText(verdict: TimestampVerdict): string {
  if (!verdict.ok && verdict.problem === 'not_digits') return 'not Unix seconds';
  if (!verdict.ok && verdict.problem === 'milliseconds') return 'milliseconds, not seconds';
  const skew = describeSkew(verdict.skewSeconds);
  return verdict.ok ? `${skew}, inside the ${verdict.windowSeconds} s window` : `${skew}, outside the ${verdict.windowSeconds} s window`;
}

/**
 * Builds the {@link DecodeReport} of a captured request: the Authorization fields, the signing message, the
 * timestamp and nonce verdict, the signature verdict (with `publicKeys`: core's diagnosis), the body against
 * the schema, and an overall verdict.
 *
 * @example
 * ```ts
 * const request = parseCurlCommand(pasted);
 * const report = await buildDecodeReport({ ...request, publicKeys: new Map([[serialNo, senderPublicKey]]) });
 * console.log(report.verdict.title);
 * ```
 */
export async function buildDecodeReport(input: DecodeReportInput): Promise<DecodeReport> {
  const windowSeconds = input.windowSeconds ?? DEFAULT_WINDOW_SECONDS;
  const now = (input.clock ?? systemClock)();
  const body = reportNotificationBody(input.body);
  const header = readHeader(input.headers, 'authorization');
  let authorization: DecodeReport['authorization'];
  try {
    authorization = { ok: true, fields: parseAuthorization(header) };
  } catch (error) {
    authorization = isAuditNotifyError(error)
      ? { ok: false, code: error.code, ...(typeof error.detail?.reason === 'string' ? { reason: error.detail.reason } : {}), message: error.message }
      : { ok: false, code: 'AUTH_MALFORMED', message: 'The Authorization header could not be read.' };
  }

  let message: Uint8Array | undefined;
  let timestamp: TimestampReport | undefined;
  if (authorization.ok) {
    const auth = authorization.fields;
    message = buildRequestMessage({ method: input.method, url: input.url, timestamp: auth.timestamp, nonce: auth.nonce, body: input.body });
    const verdict = checkTimestamp(String(auth.timestamp), now, windowSeconds, 'request');
    timestamp = { verdict, text: timestampText(verdict), nonceOk: NONCE.test(auth.nonce) };
  }

  let diagnosis: SignatureDiagnosis | undefined;
  let signature: SignatureReport = { status: 'unchecked', detail: 'no keys to check the signature with' };
  if (input.publicKeys !== undefined) {
    diagnosis = await diagnoseSignature({
      kind: 'request',
      method: input.method,
      url: input.url,
      headers: input.headers,
      body: input.body,
      publicKeys: input.publicKeys,
      ...(input.answerKeys === undefined ? {} : { answerKeys: input.answerKeys }),
      clock: () => now,
      windowSeconds,
      engine: input.engine ?? defaultEngine(),
    });
    const check = diagnosis.checks.find((c) => c.name === 'signature');
    const keyKnown = diagnosis.checks.find((c) => c.name === 'key_known')?.ok === true;
    if (authorization.ok) {
      signature = !keyKnown
        ? { status: 'unchecked', detail: `no key is known under serial_no ${authorization.fields.serialNo}` }
        : { status: check?.ok ? 'valid' : 'invalid', keyId: authorization.fields.serialNo, detail: check?.detail ?? '' };
    }
  }

  return {
    authorization,
    ...(message ? { message } : {}),
    ...(timestamp ? { timestamp } : {}),
    signature,
    body,
    ...(diagnosis ? { diagnosis } : {}),
    verdict: verdictOf(authorization, timestamp, signature, body, diagnosis),
  };
}

function verdictOf(
  authorization: DecodeReport['authorization'],
  timestamp: TimestampReport | undefined,
  signature: SignatureReport,
  body: BodyReport,
  diagnosis: SignatureDiagnosis | undefined,
): DecodeVerdict {
  if (!authorization.ok && authorization.code !== 'AUTH_MISSING') {
    // A header that is there but unreadable fails like a bad signature: the receiver answers SIGN_ERROR.
    return { kind: 'signature-invalid', ok: false, title: 'Authorization header unreadable', message: authorization.message, code: authorization.code };
  }
  if (!authorization.ok) {
    return { kind: 'unverifiable', ok: false, title: authorization.code === 'AUTH_MISSING' ? 'No Authorization header' : 'Authorization header unreadable', message: authorization.message, code: authorization.code };
  }
  if (signature.status === 'unchecked') {
    // Diagnosis may know more (the signature verifies with a key known under another id).
    const cause = diagnosis?.likelyCause;
    const message = cause?.explanation ?? `Give the sender's certificate or public key for serial_no ${authorization.fields.serialNo}: ${signature.detail}.`;
    return { kind: 'unverifiable', ok: false, title: cause?.title ?? 'No key to verify with', message, code: 'UNKNOWN_SERIAL' };
  }
  if (signature.status === 'invalid') {
    const cause = diagnosis?.likelyCause;
    return { kind: 'signature-invalid', ok: false, title: cause?.title ?? 'Signature does not verify', message: cause?.explanation ?? signature.detail, code: cause?.code ?? 'SIGNATURE_MISMATCH' };
  }
  if (timestamp !== undefined && !timestamp.verdict.ok) {
    return { kind: 'timestamp-invalid', ok: false, title: 'Signature valid, timestamp outside the window', message: `The signature is valid, but ${explainTimestamp(timestamp.verdict)}`, code: diagnosis?.likelyCause?.code ?? 'TIMESTAMP_OUT_OF_WINDOW' };
  }
  if (body.schemaErrors.length > 0) {
    const first = body.schemaErrors[0]!;
    return { kind: 'body-invalid', ok: false, title: 'Signature valid, body invalid', message: first.field === '' ? first.issue : `${first.field}: ${first.issue}`, code: 'PARAM_ERROR' };
  }
  return { kind: 'verified', ok: true, title: 'Signature valid, body valid', message: `Signed by ${signature.keyId ?? 'a known key'}; the notification matches the schema.` };
}
