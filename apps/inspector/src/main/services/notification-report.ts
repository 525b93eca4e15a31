/**
 * One report of a notification body for the composer and the decoder: schema errors naming fields, lint
 * warnings, unknown fields and every field with its labels, value and UTF-8 byte length: core's report, reshaped.
 */
import { reportNotificationValue, type BodyReport } from '@auditnotify/core';
import type { FieldReport, LintWarningView, SchemaIssue } from '../../shared/api.js';

/**
 * What {@link reportNotification} finds.
 *
 * @example
 * ```ts
 * const report: NotificationReport = reportNotification(JSON.parse(text));
 * report.errors.map((e) => e.field);
 * ```
 */
export interface NotificationReport {
  ok: boolean;
  errors: SchemaIssue[];
  warnings: LintWarningView[];
  unknownFields: string[];
  fields: FieldReport[];
}

/**
 * Checks a parsed JSON value against the documentation's schema (core `safeParseNotification`) and describes every field.
 *
 * @example
 * ```ts
 * reportNotification({ mchid: '1900016681' }).errors[0]?.field; // 'out_request_no'
 * ```
 */
export function reportNotification(value: unknown): NotificationReport {
  return fromCoreBody(reportNotificationValue(value));
}

/**
 * The renderer's view of core's body report (`reportNotificationBody`/`reportNotificationValue`).
 *
 * @example
 * ```ts
 * const view = fromCoreBody(report.body);
 * ```
 */
export function fromCoreBody(body: Omit<BodyReport, 'bytes'>): NotificationReport {
  const fields: FieldReport[] = body.fields.map((f) => ({
    name: f.name,
    required: f.required,
    type: f.type,
    labelZh: f.labelZh,
    labelEn: f.labelEn,
    description: f.description,
    ...(f.maxBytes === undefined ? {} : { maxBytes: f.maxBytes }),
    ...(f.enum ? { enum: [...f.enum] } : {}),
    ...(f.enumValues ? { enumValues: f.enumValues.map((v) => ({ ...v })) } : {}),
    present: f.present,
    ...(f.present ? { value: f.value } : {}),
    ...(f.byteLength === undefined ? {} : { byteLength: f.byteLength }),
    ...(f.issue === undefined ? {} : { issue: f.issue }),
  }));
  return {
    ok: body.schemaErrors.length === 0,
    errors: body.schemaErrors.map((i) => ({ field: i.field, issue: i.issue, message: i.field ? `${i.field}: ${i.issue}` : i.issue })),
    warnings: body.warnings.map((w) => ({ ...w })),
    unknownFields: body.unknownFields,
    fields,
  };
}
