/**
 * What `auditnotify decode` knows about a request: its Authorization, the signing message, each body field
 * with the documentation's label, schema errors, lint warnings, and (with keys) core's signature diagnosis. All of it
 * comes from core, so the CLI and the desktop inspector show the same findings.
 */
import { createHash } from 'node:crypto';
import {
  buildRequestMessage,
  diagnoseSignature,
  isAuditNotifyError,
  lintNotification,
  NOTIFICATION_FIELDS,
  parseAuthorization,
  safeParseNotification,
  unknownFieldsOf,
} from '@auditnotify/core';
import type { AuthorizationFields, Clock, LintWarning, PublicKeyHandle, RawHttpRequest } from '@auditnotify/core';

/**
 * One body field, labelled as in the endpoint's documentation.
 *
 * @example
 * ```ts
 * const field: DecodedField = { name: 'mchid', labelZh: '商户号', labelEn: 'Merchant id', required: true, present: true, value: '1900016681' };
 * ```
 */
export interface DecodedField {
  name: string;
  labelZh: string;
  labelEn: string;
  required: boolean;
  present: boolean;
  value?: unknown;
}

/**
 * The signature part of a {@link DecodeReport}, present when receiver keys were given.
 *
 * @example
 * ```ts
 * if (report.verification?.verified === false) console.log(report.verification.likelyCause?.code);
 * ```
 */
export interface DecodeVerification {
  verified: boolean;
  keyId?: string | undefined;
  checks: { name: string; ok: boolean; detail: string }[];
  /** Variants of the message that do verify: they show what the sender really signed. */
  matchingVariants: { name: string; description: string }[];
  likelyCause?: { code: string; title: string; explanation: string } | undefined;
}

/**
 * Everything `decode` prints.
 *
 * @example
 * ```ts
 * const report: DecodeReport = await buildDecodeReport(request);
 * report.body.warnings.map((warning) => warning.code);
 * ```
 */
export interface DecodeReport {
  request: { method: string; url: string; httpVersion: string; host?: string | undefined; headers: Record<string, string> };
  authorization:
    | { ok: true; mchid: string; nonce_str: string; timestamp: number; serial_no: string; signature: string }
    | { ok: false; code: string; reason?: string | undefined; message: string };
  /** The message the Authorization's signature should cover, if the header parsed. */
  message?: { text: string; bytes: number; sha256: string } | undefined;
  body: {
    bytes: number;
    json: boolean;
    fields: DecodedField[];
    unknownFields: string[];
    schemaErrors: { field: string; issue: string }[];
    warnings: LintWarning[];
  };
  verification?: DecodeVerification | undefined;
}

/**
 * Options of {@link buildDecodeReport}.
 *
 * @example
 * ```ts
 * const options: BuildDecodeReportOptions = { publicKeys: keys.publicKeys, clock: () => 1757900000 };
 * ```
 */
export interface BuildDecodeReportOptions {
  /** Senders' public keys by serial_no: when given, the report includes core's signature diagnosis. */
  publicKeys?: ReadonlyMap<string, PublicKeyHandle> | undefined;
  /** The receiver's answer public keys by id: a request signed with one of them is named as such. */
  answerKeys?: ReadonlyMap<string, PublicKeyHandle> | undefined;
  clock?: Clock | undefined;
}

function decodeBody(body: Uint8Array): DecodeReport['body'] {
  const text = Buffer.from(body).toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return {
      bytes: body.byteLength,
      json: false,
      fields: [],
      unknownFields: [],
      schemaErrors: [{ field: '', issue: 'the body is not JSON' }],
      warnings: [],
    };
  }
  const isObject = value !== null && typeof value === 'object' && !Array.isArray(value);
  const record = (isObject ? value : {}) as Record<string, unknown>;
  const fields = NOTIFICATION_FIELDS.map((field) => ({
    name: field.name,
    labelZh: field.labelZh,
    labelEn: field.labelEn,
    required: field.required,
    present: Object.hasOwn(record, field.name),
    ...(Object.hasOwn(record, field.name) ? { value: record[field.name] } : {}),
  }));
  const parsed = safeParseNotification(value);
  const schemaErrors: { field: string; issue: string }[] = [];
  if (!parsed.ok) {
    const issues = parsed.error.detail?.issues;
    if (Array.isArray(issues)) schemaErrors.push(...(issues as { field: string; issue: string }[]));
    else schemaErrors.push({ field: String(parsed.error.detail?.field ?? ''), issue: parsed.error.message });
  }
  return {
    bytes: body.byteLength,
    json: true,
    fields,
    unknownFields: isObject ? unknownFieldsOf(record) : [],
    schemaErrors,
    warnings: parsed.ok ? parsed.warnings : isObject ? lintNotification(record) : [],
  };
}

/**
 * Decodes a parsed request into a {@link DecodeReport}; with `publicKeys` it also runs core's
 * `diagnoseSignature` for the verdict and the most likely cause of a failure.
 *
 * @example
 * ```ts
 * const report = await buildDecodeReport(parseCurlCommand(seedExample), { publicKeys });
 * report.verification?.likelyCause?.code; // e.g. 'BODY_RESERIALISED'
 * ```
 */
export async function buildDecodeReport(
  request: RawHttpRequest,
  options: BuildDecodeReportOptions = {},
): Promise<DecodeReport> {
  let auth: AuthorizationFields | undefined;
  let authorization: DecodeReport['authorization'];
  try {
    auth = parseAuthorization(request.headers.authorization);
    authorization = {
      ok: true,
      mchid: auth.mchid,
      nonce_str: auth.nonce,
      timestamp: auth.timestamp,
      serial_no: auth.serialNo,
      signature: auth.signature,
    };
  } catch (error) {
    authorization = isAuditNotifyError(error)
      ? { ok: false, code: error.code, reason: error.detail?.reason as string | undefined, message: error.message }
      : { ok: false, code: 'AUTH_MALFORMED', message: 'the Authorization header could not be read' };
  }
  let message: DecodeReport['message'];
  if (auth !== undefined) {
    const bytes = buildRequestMessage({
      method: request.method,
      url: request.url,
      timestamp: auth.timestamp,
      nonce: auth.nonce,
      body: request.body,
    });
    message = {
      text: Buffer.from(bytes).toString('utf8'),
      bytes: bytes.byteLength,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    };
  }
  let verification: DecodeVerification | undefined;
  if (options.publicKeys !== undefined) {
    const diagnosis = await diagnoseSignature({
      kind: 'request',
      method: request.method,
      url: request.url,
      headers: request.headers,
      body: request.body,
      publicKeys: options.publicKeys,
      ...(options.answerKeys === undefined ? {} : { answerKeys: options.answerKeys }),
      ...(options.clock === undefined ? {} : { clock: options.clock }),
    });
    verification = {
      verified: diagnosis.verified,
      keyId: diagnosis.keyId,
      checks: diagnosis.checks.map((check) => ({ name: check.name, ok: check.ok, detail: check.detail })),
      matchingVariants: diagnosis.variants
        .filter((variant) => variant.verifies)
        .map((variant) => ({ name: variant.name, description: variant.description })),
      likelyCause: diagnosis.likelyCause,
    };
  }
  return {
    request: {
      method: request.method,
      url: request.url,
      httpVersion: request.httpVersion,
      host: request.headers.host,
      headers: request.headers,
    },
    authorization,
    message,
    body: decodeBody(request.body),
    verification,
  };
}
