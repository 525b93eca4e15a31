/**
 * Schemas of the `compose.*` methods: a sample notification, and live validation of the JSON being edited
 * (schema errors, lint warnings and per-field metadata from core's `NOTIFICATION_FIELDS`).
 */
import { z } from 'zod';
import { lintWarningSchema, schemaIssueSchema } from './common-schemas.js';

/**
 * `compose.sample` request.
 *
 * @example
 * ```ts
 * composeSampleInputSchema.parse({ auditResult: 'REJECT' });
 * ```
 */
export const composeSampleInputSchema = z
  .object({ auditResult: z.enum(['PASS', 'REJECT']).optional() })
  .strict();
/**
 * `compose.sample` answer: the documentation's example as an object and as pretty text to edit, and the documentation's curl
 * request example (Decode's sample input; the renderer cannot import core, so the backend delivers it).
 *
 * @example
 * ```ts
 * const { text, curlExample } = composeSampleOutputSchema.parse(result.data);
 * ```
 */
export const composeSampleOutputSchema = z.object({
  notification: z.record(z.string(), z.unknown()),
  text: z.string(),
  /** The endpoint page's curl request example, as `sampleCurlCommand()` of `@auditnotify/core/testing` gives it. */
  curlExample: z.string(),
});

/**
 * `compose.validate` request: the editor's JSON text (checked for JSON syntax too) or an object.
 *
 * @example
 * ```ts
 * await api.compose.validate({ text: '{"mchid":"1900016681"}' });
 * ```
 */
export const composeValidateInputSchema = z
  .object({
    text: z.string().max(1024 * 1024).optional(),
    notification: z.record(z.string(), z.unknown()).optional(),
  })
  .strict()
  .refine((v) => v.text !== undefined || v.notification !== undefined, { message: 'give text or notification' });

/**
 * One field of the notification with its metadata and the value being edited.
 *
 * @example
 * ```ts
 * fieldReportSchema.parse({ name: 'mchid', required: true, type: 'string', labelZh: '商户号', labelEn: 'Merchant id', description: '…', present: false });
 * ```
 */
export const fieldReportSchema = z.object({
  name: z.string(),
  required: z.boolean(),
  type: z.string(),
  labelZh: z.string(),
  labelEn: z.string(),
  description: z.string(),
  maxBytes: z.number().int().optional(),
  enum: z.array(z.string()).optional(),
  /** The documentation's labels of the allowed values, in the order of `enum` (core's `NOTIFICATION_FIELDS`). */
  enumValues: z.array(z.object({ value: z.string(), labelZh: z.string(), labelEn: z.string() })).optional(),
  present: z.boolean(),
  value: z.unknown().optional(),
  /** UTF-8 byte length of a string value (protocol.md §1: limits count bytes). */
  byteLength: z.number().int().optional(),
  /** Issue of this field, if any. */
  issue: z.string().optional(),
});
/**
 * See {@link fieldReportSchema}.
 *
 * @example
 * ```ts
 * const field: FieldReport = report.fields.find((f) => f.name === 'fail_msg')!;
 * `${field.byteLength ?? 0} / ${field.maxBytes}`; // '24 / 1024'
 * ```
 */
export type FieldReport = z.infer<typeof fieldReportSchema>;

/**
 * `compose.validate` answer. `ok` means core would accept the body (warnings may remain).
 *
 * @example
 * ```ts
 * const report = composeValidateOutputSchema.parse(result.data);
 * report.ok; // false when a field is invalid
 * ```
 */
export const composeValidateOutputSchema = z.object({
  ok: z.boolean(),
  jsonError: z.object({ message: z.string(), line: z.number().int().optional(), column: z.number().int().optional() }).optional(),
  errors: z.array(schemaIssueSchema),
  warnings: z.array(lintWarningSchema),
  unknownFields: z.array(z.string()),
  fields: z.array(fieldReportSchema),
  /** Compact serialisation core would send (`serializeNotification`), when the body is valid JSON. */
  serialized: z.string().optional(),
  serializedByteLength: z.number().int().optional(),
});

