import { jsonPointer } from './json-pointer.js';
import type { z } from 'zod';
import { AuditNotifyError } from '../errors.js';
import { jsonTypeName } from './api-string.js';
import { NOTIFICATION_FIELDS, isNotificationField } from './fields.js';
import { lintNotification, type LintWarning } from './lint-notification.js';
import { isCleanNotification, notificationSchema, type AuditResultNotification, type UnknownFields } from './notification-schema.js';

/**
 * A valid notification with what the schema noticed besides errors.
 *
 * @example
 * ```ts
 * const { notification, unknownFields, warnings }: ParsedNotification = parseNotification(JSON.parse(text));
 * ```
 */
export interface ParsedNotification {
  /** The documented fields only. */
  notification: AuditResultNotification;
  /** Fields the endpoint's documentation does not define, with their values: kept, never dropped (forward compatibility). */
  unknownFields: UnknownFields;
  warnings: LintWarning[];
}

/**
 * One problem of a body, as `detail.issues` lists them.
 *
 * @example
 * ```ts
 * const issue: FieldIssue = { field: 'fail_code', issue: 'is 40 bytes in UTF-8, over the limit of 32; …' };
 * ```
 */
export interface FieldIssue {
  /** JSON field name; nested paths joined by `.`; `''` for the body itself. */
  field: string;
  /** The same place as a JSON Pointer (RFC 6901: `/mchid`, `/extra/list/1`), as WeChat Pay's answers name it. */
  pointer: string;
  /** What is wrong and what to fix. */
  issue: string;
}

/**
 * Outcome of {@link safeParseNotification}.
 *
 * @example
 * ```ts
 * const result: SafeParseNotificationResult = safeParseNotification(body);
 * if (!result.ok) console.error(result.error.detail?.field);
 * ```
 */
export type SafeParseNotificationResult = ({ ok: true } & ParsedNotification) | { ok: false; error: AuditNotifyError; issues: FieldIssue[] };

const ORDER = new Map(NOTIFICATION_FIELDS.map((f, i) => [f.name, i]));
const VALUE_PREVIEW_CHARS = 128;

/**
 * Validates a parsed JSON body against the documentation's schema. Returns the notification (the documented fields),
 * the unknown fields with their values, and lint warnings; throws `PARAM_ERROR` naming the first bad field in the documentation's
 * order, with `detail = { field, pointer, issue, value?, location: 'body', issues }` (protocol.md §2).
 *
 * @example
 * ```ts
 * const { notification, warnings } = parseNotification(JSON.parse(bodyText));
 * try {
 *   parseNotification({ mchid: '1900016681', audit_result: 'PASS' });
 * } catch (error) {
 *   (error as AuditNotifyError).detail?.field; // 'out_request_no'
 * }
 * ```
 */
export function parseNotification(value: unknown): ParsedNotification {
  const result = safeParseNotification(value);
  if (!result.ok) throw result.error;
  return { notification: result.notification, unknownFields: result.unknownFields, warnings: result.warnings };
}

/**
 * {@link parseNotification} without throwing.
 *
 * @example
 * ```ts
 * const result = safeParseNotification({ out_request_no: 'R1', mchid: '1900016681', audit_result: 'OK' });
 * if (!result.ok) console.log(result.error.message);
 * // audit_result (审核结果): must be PASS or REJECT (upper case), got "OK"
 * ```
 */
export function safeParseNotification(value: unknown): SafeParseNotificationResult {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const issue = `the body must be a JSON object, got ${jsonTypeName(value)}`;
    const issues = [{ field: '', pointer: '', issue }];
    return { ok: false, issues, error: new AuditNotifyError('PARAM_ERROR', issue, { detail: { field: '', pointer: '', issue, location: 'body', issues } }) };
  }
  // The common case, a body of documented fields that keeps every rule, skips zod; all others meet the schema.
  const parsed = isCleanNotification(value) ? undefined : notificationSchema.safeParse(value);
  if (parsed !== undefined && !parsed.success) {
    const issues = fieldIssuesOf(parsed.error);
    return { ok: false, issues, error: toParamError(parsed.error, issues, value as Record<string, unknown>) };
  }
  return { ok: true, ...splitFields(value as Record<string, unknown>), warnings: lintNotification(value as Record<string, unknown>) };
}

// The documented fields go to `notification` in the documentation's order (as zod's output had them), the rest
// to `unknownFields` in body order, both as plain data: a `__proto__` key (JSON.parse makes it an own property)
// lands in an object without a prototype, never touching one.
function splitFields(body: Record<string, unknown>): { notification: AuditResultNotification; unknownFields: UnknownFields } {
  const notification: Record<string, unknown> = {};
  for (const { name } of NOTIFICATION_FIELDS) if (Object.hasOwn(body, name)) notification[name] = body[name];
  const unknownFields: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(body)) if (!isNotificationField(key)) unknownFields[key] = body[key];
  return { notification: notification as AuditResultNotification, unknownFields };
}

function sortedIssues(error: z.ZodError) {
  return (
    error.issues
      .map((issue, index) => ({ path: issue.path, message: issue.message, index }))
      // The documentation's field order, then unknown fields, then zod's order: "the first bad field" is stable.
      .sort((a, b) => rank(a.path) - rank(b.path) || a.index - b.index)
  );
}

function fieldIssuesOf(error: z.ZodError): FieldIssue[] {
  return sortedIssues(error).map((i) => ({ field: i.path.map(String).join('.'), pointer: jsonPointer(i.path), issue: i.message }));
}

function toParamError(error: z.ZodError, fieldIssues: FieldIssue[], body: Record<string, unknown>): AuditNotifyError {
  const first = sortedIssues(error)[0];
  const head = fieldIssues[0] ?? { field: '', pointer: '', issue: 'is not valid' };
  const meta = NOTIFICATION_FIELDS.find((f) => f.name === head.field);
  const label = meta ? ` (${meta.labelZh})` : '';
  const value = first ? valueAt(body, first.path) : undefined;
  const more = fieldIssues.length > 1 ? ` (and ${fieldIssues.length - 1} more)` : '';
  return new AuditNotifyError('PARAM_ERROR', `${head.field}${label}: ${head.issue}${more}`, {
    detail: {
      field: head.field,
      pointer: head.pointer,
      issue: head.issue,
      ...(value === undefined ? {} : { value: preview(value) }),
      location: 'body',
      issues: fieldIssues,
    },
  });
}

function rank(path: readonly PropertyKey[]): number {
  return ORDER.get(String(path[0])) ?? ORDER.size;
}

function valueAt(body: Record<string, unknown>, path: readonly PropertyKey[]): unknown {
  let current: unknown = body;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

// The value goes back in an error body: keep it short and JSON-safe.
function preview(value: unknown): unknown {
  if (typeof value === 'string') return value.length > VALUE_PREVIEW_CHARS ? `${value.slice(0, VALUE_PREVIEW_CHARS)}…` : value;
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  return jsonTypeName(value);
}
