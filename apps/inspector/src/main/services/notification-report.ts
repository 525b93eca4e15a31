/**
 * One report of a notification body for the composer and the decoder: schema errors naming fields, lint
 * warnings, unknown fields and every seed field with its labels, value and UTF-8 byte length.
 */
import {
  NOTIFICATION_FIELDS,
  isAuditNotifyError,
  safeParseNotification,
  unknownFieldsOf,
  utf8ByteLength,
} from '@auditnotify/core';
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
  const result = safeParseNotification(value);
  const body = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const errors = result.ok ? [] : issuesOf(result.error);
  const byField = new Map(errors.map((e) => [e.field, e.issue]));
  const fields: FieldReport[] = NOTIFICATION_FIELDS.map((meta) => {
    const present = Object.hasOwn(body, meta.name);
    const value = body[meta.name];
    const issue = byField.get(meta.name);
    return {
      name: meta.name,
      required: meta.required,
      type: meta.type,
      labelZh: meta.labelZh,
      labelEn: meta.labelEn,
      description: meta.description,
      ...(meta.maxBytes === undefined ? {} : { maxBytes: meta.maxBytes }),
      ...(meta.enum ? { enum: [...meta.enum] } : {}),
      ...(meta.enumValues ? { enumValues: meta.enumValues.map((v) => ({ ...v })) } : {}),
      present,
      ...(present ? { value } : {}),
      ...(typeof value === 'string' ? { byteLength: utf8ByteLength(value) } : {}),
      ...(issue === undefined ? {} : { issue }),
    };
  });
  return {
    ok: result.ok,
    errors,
    warnings: result.ok ? result.warnings.map((w) => ({ ...w })) : [],
    unknownFields: result.ok ? result.unknownFields : unknownFieldsOf(body),
    fields,
  };
}

function issuesOf(error: unknown): SchemaIssue[] {
  if (!isAuditNotifyError(error)) return [{ field: '', issue: String(error), message: String(error) }];
  const detail = error.detail as { issues?: { field: string; issue: string }[]; field?: string; issue?: string } | undefined;
  const issues = detail?.issues ?? (detail?.field === undefined ? [] : [{ field: detail.field, issue: detail.issue ?? error.message }]);
  if (issues.length === 0) return [{ field: '', issue: error.message, message: error.message }];
  return issues.map((i) => ({ field: i.field, issue: i.issue, message: i.field ? `${i.field}: ${i.issue}` : i.issue }));
}
