/**
 * Schemas of `decode.run`: paste what was received (a raw HTTP request, a curl command, headers + body, a
 * signed answer, or an APIv3 encrypted callback with the APIv3 key) and get labelled fields, a verdict and,
 * when the signature fails, core's `diagnoseSignature` variants with byte-level diffs and the likely cause.
 */
import { z } from 'zod';
import {
  base64Schema,
  bytesViewSchema,
  headersSchema,
  lintWarningSchema,
  schemaIssueSchema,
  unixSecondsSchema,
} from './common-schemas.js';
import { fieldReportSchema } from './compose-schemas.js';

/**
 * What to decode.
 *
 * @example
 * ```ts
 * await api.decode.run({ input: { kind: 'curl', text: seedCurlExample } });
 * await api.decode.run({ input: { kind: 'callback', text: rawHttp, apiV3Key: '0123…' } });
 * ```
 */
export const decodeSourceSchema = z.discriminatedUnion('kind', [
  /** A raw HTTP/1.1 request (request line, headers, blank line, body), as text or exact bytes. */
  z.object({ kind: z.literal('raw-http'), text: z.string().max(2 * 1024 * 1024).optional(), base64: base64Schema.optional() }),
  /** A curl command line (the documentation's example works). */
  z.object({ kind: z.literal('curl'), text: z.string().max(2 * 1024 * 1024) }),
  /** Separate pieces: header lines (`Name: value` per line) and a body. */
  z.object({
    kind: z.literal('parts'),
    method: z.string().max(16).optional(),
    url: z.string().max(4096).optional(),
    headers: z.union([z.string().max(256 * 1024), headersSchema]),
    body: z.string().max(2 * 1024 * 1024).optional(),
    bodyBase64: base64Schema.optional(),
  }),
  /** A raw HTTP response: a signed answer (protocol.md §4). */
  z.object({ kind: z.literal('answer'), text: z.string().max(2 * 1024 * 1024).optional(), base64: base64Schema.optional() }),
  /** A raw HTTP request carrying an APIv3 callback envelope (protocol.md §6), and the 32-byte APIv3 key to open it. */
  z.object({
    kind: z.literal('callback'),
    text: z.string().max(2 * 1024 * 1024).optional(),
    base64: base64Schema.optional(),
    apiV3Key: z.string().max(256).optional(),
  }),
  /** A request the local receiver recorded (`receiver.events`), by event id. */
  z.object({ kind: z.literal('receiver-event'), eventId: z.string().min(1).max(128) }),
]);
/**
 * See {@link decodeSourceSchema}.
 *
 * @example
 * ```ts
 * const source: DecodeSource = { kind: 'receiver-event', eventId: event.id };
 * ```
 */
export type DecodeSource = z.infer<typeof decodeSourceSchema>;

/**
 * `decode.run` request. `now` pins the clock for the timestamp-window check (default: now).
 *
 * @example
 * ```ts
 * decodeRunInputSchema.parse({ input: { kind: 'curl', text }, now: 1700000000 });
 * ```
 */
export const decodeRunInputSchema = z
  .object({ input: decodeSourceSchema, now: unixSecondsSchema.optional() })
  .strict();
/**
 * See {@link decodeRunInputSchema}.
 *
 * @example
 * ```ts
 * const input: DecodeRunInput = { input: { kind: 'answer', text: rawResponse } };
 * ```
 */
export type DecodeRunInput = z.input<typeof decodeRunInputSchema>;

/**
 * One run of a byte-level diff: bytes both sides share, only in the received message (removed), or only in the variant (added).
 *
 * @example
 * ```ts
 * diffSegmentSchema.parse({ kind: 'added', offsetA: 120, offsetB: 120, text: '\\n  ' });
 * ```
 */
export const diffSegmentSchema = z.object({
  kind: z.enum(['same', 'removed', 'added']),
  offsetA: z.number().int(),
  offsetB: z.number().int(),
  /** The run's bytes escaped (core `escapeBytes`): `\\n`, `\\r`, `\\xHH`, UTF-8 characters as themselves. */
  text: z.string(),
});
/**
 * See {@link diffSegmentSchema}.
 *
 * @example
 * ```ts
 * const removed = (diff.segments as DiffSegmentView[]).filter((s) => s.kind === 'removed');
 * ```
 */
export type DiffSegmentView = z.infer<typeof diffSegmentSchema>;

/**
 * Byte-level comparison of two messages (core's `diffBytes`): first differing offset, context on both sides, segments.
 *
 * @example
 * ```ts
 * const diff = byteDiffSchema.parse(variant.diff);
 * diff.offset; // first differing byte
 * ```
 */
export const byteDiffSchema = z.object({
  equal: z.boolean(),
  /** Offset of the first differing byte, or `null` when equal. */
  offset: z.number().int().nullable(),
  /** Escaped context around the offset in the received message (`left`) and the variant (`right`). */
  left: z.string(),
  right: z.string(),
  leftByteLength: z.number().int(),
  rightByteLength: z.number().int(),
  /** The whole of both messages as same/removed/added runs. */
  segments: z.array(diffSegmentSchema),
  /** `false` when the inputs were too different for a minimal diff. */
  minimal: z.boolean(),
});
/**
 * See {@link byteDiffSchema}.
 *
 * @example
 * ```ts
 * const diff: ByteDiff = variant.diff;
 * if (!diff.equal) console.log(`differs at byte ${diff.offset}: ${diff.left} vs ${diff.right}`);
 * ```
 */
export type ByteDiff = z.infer<typeof byteDiffSchema>;

/**
 * One check of the diagnosis (`header grammar`, `serial known`, `timestamp window`, `signature`, ...).
 *
 * @example
 * ```ts
 * diagnosisCheckSchema.parse({ name: 'timestamp_window', ok: false, detail: '412 s from now' });
 * ```
 */
export const diagnosisCheckSchema = z.object({ name: z.string(), ok: z.boolean(), detail: z.string() });

/**
 * One re-built message the diagnosis tried (re-serialised body, CRLF, dropped query, other key...).
 *
 * @example
 * ```ts
 * const variant = diagnosisVariantSchema.parse(result.diagnosis?.variants[0]);
 * ```
 */
export const diagnosisVariantSchema = z.object({
  name: z.string(),
  description: z.string(),
  verifies: z.boolean(),
  message: bytesViewSchema,
  /** How this variant's message differs from the message built from the bytes received. */
  diff: byteDiffSchema,
});
/**
 * See {@link diagnosisVariantSchema}.
 *
 * @example
 * ```ts
 * const proof: DiagnosisVariant | undefined = diagnosis.variants.find((v) => v.verifies);
 * ```
 */
export type DiagnosisVariant = z.infer<typeof diagnosisVariantSchema>;

/**
 * Core's `SignatureDiagnosis`, made serialisable.
 *
 * @example
 * ```ts
 * const diagnosis = diagnosisSchema.parse(result.diagnosis);
 * diagnosis.likelyCause?.code; // 'BODY_RESERIALISED'
 * ```
 */
export const diagnosisSchema = z.object({
  verified: z.boolean(),
  keyId: z.string().optional(),
  message: bytesViewSchema,
  messageVisible: z.string(),
  checks: z.array(diagnosisCheckSchema),
  variants: z.array(diagnosisVariantSchema),
  likelyCause: z.object({ code: z.string(), title: z.string(), explanation: z.string() }).optional(),
});
/**
 * See {@link diagnosisSchema}.
 *
 * @example
 * ```ts
 * const diagnosis: Diagnosis | undefined = result.diagnosis;
 * show(diagnosis?.messageVisible);
 * ```
 */
export type Diagnosis = z.infer<typeof diagnosisSchema>;

/**
 * A labelled header or Authorization field for display.
 *
 * @example
 * ```ts
 * labelledValueSchema.parse({ name: 'serial_no', label: 'serial_no — 证书序列号', value: '5157F0…', ok: true });
 * ```
 */
export const labelledValueSchema = z.object({
  name: z.string(),
  label: z.string(),
  value: z.string(),
  ok: z.boolean().optional(),
  note: z.string().optional(),
});
/**
 * See {@link labelledValueSchema}.
 *
 * @example
 * ```ts
 * const field: LabelledValue = result.signatureFields[0]!;
 * `${field.label}: ${field.value}`;
 * ```
 */
export type LabelledValue = z.infer<typeof labelledValueSchema>;

/**
 * Overall verdict of a decode.
 *
 * @example
 * ```ts
 * decodeVerdictSchema.parse({ kind: 'verified', ok: true, title: 'Signature valid, body valid', message: '…' });
 * ```
 */
export const decodeVerdictSchema = z.object({
  /** `verified`: signature good and body valid; `signature-invalid`; `body-invalid`: signature good, schema not; `unverifiable`: no usable key / headers. */
  kind: z.enum(['verified', 'signature-invalid', 'timestamp-invalid', 'body-invalid', 'unverifiable', 'parse-error']),
  ok: z.boolean(),
  title: z.string(),
  message: z.string(),
  code: z.string().optional(),
});
/**
 * See {@link decodeVerdictSchema}.
 *
 * @example
 * ```ts
 * const verdict: DecodeVerdict = result.verdict;
 * badge(verdict.ok ? 'green' : 'red', verdict.title);
 * ```
 */
export type DecodeVerdict = z.infer<typeof decodeVerdictSchema>;

/**
 * `decode.run` answer.
 *
 * @example
 * ```ts
 * const result = decodeRunOutputSchema.parse(answer.data);
 * ```
 */
export const decodeRunOutputSchema = z.object({
  kind: z.enum(['request', 'answer', 'callback']),
  request: z
    .object({ method: z.string(), url: z.string(), httpVersion: z.string().optional(), headers: headersSchema, body: bytesViewSchema })
    .optional(),
  response: z.object({ status: z.number().int(), headers: headersSchema, body: bytesViewSchema }).optional(),
  /** `Authorization` fields (request) or `Wechatpay-*` headers (answer, callback), labelled. */
  signatureFields: z.array(labelledValueSchema),
  /** Notification fields with labels (request kind with a JSON body). */
  fields: z.array(fieldReportSchema),
  notification: z.record(z.string(), z.unknown()).optional(),
  schemaErrors: z.array(schemaIssueSchema),
  warnings: z.array(lintWarningSchema),
  unknownFields: z.array(z.string()),
  verdict: decodeVerdictSchema,
  diagnosis: diagnosisSchema.optional(),
  /** Decrypted `resource` of an APIv3 callback. */
  decrypted: z.object({ plaintext: z.string(), json: z.unknown().optional() }).optional(),
  /** The envelope's cleartext fields (`id`, `event_type`, `summary`, ...). */
  envelope: z.record(z.string(), z.unknown()).optional(),
});
/**
 * See {@link decodeRunOutputSchema}.
 *
 * @example
 * ```ts
 * const result: DecodeRunOutput = unwrap(await api.decode.run({ input: { kind: 'curl', text } }));
 * ```
 */
export type DecodeRunOutput = z.infer<typeof decodeRunOutputSchema>;
