/**
 * What `auditnotify decode` knows about a request: its Authorization, the signing message, each body field
 * with the documentation's label, schema errors, lint warnings, and (with keys) core's signature diagnosis. All of it
 * comes from core, so the CLI and the desktop inspector show the same findings.
 */
import { createHash } from 'node:crypto';
import { buildDecodeReport as buildCoreReport } from '@auditnotify/core';
import type { Clock, DecodeVerdict, LintWarning, PublicKeyHandle, RawHttpRequest } from '@auditnotify/core';

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
  /** The signature alone, apart from the timestamp. */
  signature: { status: 'valid' | 'invalid' | 'unchecked'; detail: string };
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
  /** The timestamp's own verdict: "600 s ago, outside the 300 s window". */
  timestamp?: { ok: boolean; text: string; nonceOk: boolean } | undefined;
  /** The overall reading, as the inspector shows it. */
  verdict: DecodeVerdict;
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

/**
 * Decodes a parsed request into a {@link DecodeReport} with core's `buildDecodeReport`; with `publicKeys` it
 * also carries core's signature diagnosis for the verdict and the most likely cause of a failure.
 *
 * @example
 * ```ts
 * const report = await buildDecodeReport(parseCurlCommand(pasted), { publicKeys });
 * report.verification?.likelyCause?.code; // e.g. 'BODY_RESERIALISED'
 * ```
 */
export async function buildDecodeReport(request: RawHttpRequest, options: BuildDecodeReportOptions = {}): Promise<DecodeReport> {
  const core = await buildCoreReport({
    method: request.method,
    url: request.url,
    headers: request.headers,
    body: request.body,
    ...(options.publicKeys === undefined ? {} : { publicKeys: options.publicKeys }),
    ...(options.answerKeys === undefined ? {} : { answerKeys: options.answerKeys }),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
  });
  const auth = core.authorization;
  const diagnosis = core.diagnosis;
  return {
    request: { method: request.method, url: request.url, httpVersion: request.httpVersion, host: request.headers.host, headers: request.headers },
    authorization: auth.ok
      ? { ok: true, mchid: auth.fields.mchid, nonce_str: auth.fields.nonce, timestamp: auth.fields.timestamp, serial_no: auth.fields.serialNo, signature: auth.fields.signature }
      : { ok: false, code: auth.code, reason: auth.reason, message: auth.message },
    message: core.message && {
      text: Buffer.from(core.message).toString('utf8'),
      bytes: core.message.byteLength,
      sha256: createHash('sha256').update(core.message).digest('hex'),
    },
    body: {
      bytes: core.body.bytes,
      json: core.body.json,
      fields: core.body.fields.map((f) => ({ name: f.name, labelZh: f.labelZh, labelEn: f.labelEn, required: f.required, present: f.present, ...(f.present ? { value: f.value } : {}) })),
      unknownFields: core.body.unknownFields,
      schemaErrors: core.body.json ? core.body.schemaErrors : [{ field: '', issue: 'the body is not JSON' }],
      warnings: core.body.warnings,
    },
    verification:
      diagnosis === undefined
        ? undefined
        : {
            verified: diagnosis.verified,
            keyId: diagnosis.keyId,
            checks: diagnosis.checks.map((check) => ({ name: check.name, ok: check.ok, detail: check.detail })),
            matchingVariants: diagnosis.variants.filter((v) => v.verifies).map((v) => ({ name: v.name, description: v.description })),
            likelyCause: diagnosis.likelyCause,
            signature: { status: core.signature.status, detail: core.signature.detail },
          },
    timestamp: core.timestamp && { ok: core.timestamp.verdict.ok, text: core.timestamp.text, nonceOk: core.timestamp.nonceOk },
    verdict: core.verdict,
  };
}
