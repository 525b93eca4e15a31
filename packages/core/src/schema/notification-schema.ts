import { z } from 'zod';
import { apiString, apiStringIssue, jsonTypeName, unsupportedCharacterIssue, type ApiStringOptions } from './api-string.js';
import { NOTIFICATION_FIELDS, isNotificationField } from './fields.js';
import { rfc3339Issue } from './rfc3339.js';

/**
 * `PASS` 审核通过 (approved) or `REJECT` 审核驳回 (rejected).
 *
 * @example
 * ```ts
 * const result: AuditResult = 'REJECT';
 * ```
 */
export type AuditResult = 'PASS' | 'REJECT';

const limit = (name: string): number | undefined => NOTIFICATION_FIELDS.find((f) => f.name === name)?.maxBytes;
/**
 * Deepest nesting of objects and arrays a body may have, the body itself counting as level 1. A 64 KiB body
 * can nest thousands of levels, enough to overflow the stack of any handler that serialises the notification
 * again; no notification needs more than a few levels. Deeper bodies are a `PARAM_ERROR` before the handler.
 *
 * @example
 * ```ts
 * notificationSchema.safeParse({ ...fields, ext: JSON.parse('['.repeat(MAX_JSON_NESTING) + ']'.repeat(MAX_JSON_NESTING)) }).success; // false
 * ```
 */
export const MAX_JSON_NESTING = 32;

/**
 * zod 4 schema of the notification: every field of the endpoint's documentation with its limits in UTF-8 bytes, no 4-byte
 * characters anywhere, `audit_result` PASS|REJECT, `audit_finish_time` RFC 3339 with an offset. Unknown
 * keys pass through. Messages say what to fix; use {@link parseNotification} for a `PARAM_ERROR`.
 *
 * @example
 * ```ts
 * const result = notificationSchema.safeParse({ out_request_no: 'R1', mchid: '1900016681', audit_result: 'PASS' });
 * result.success; // true
 * ```
 */
// The notification's fields: the one definition the type below and the schema come from; limits and
// labels come from NOTIFICATION_FIELDS (test/schema-shape.test.ts checks the three agree).
// The string rules of each string field, read by the schema below and by isCleanNotification alike.
const STRING_RULES = {
  out_request_no: { nonEmpty: true, maxBytes: limit('out_request_no') },
  mchid: { nonEmpty: true },
  audit_finish_time: { check: rfc3339Issue },
  attach_info: {},
  fail_code: { maxBytes: limit('fail_code') },
  fail_msg: { maxBytes: limit('fail_msg') },
} as const satisfies Record<string, ApiStringOptions>;
const AUDIT_RESULTS = ['PASS', 'REJECT'] as const;

const notificationFields = {
    out_request_no: apiString(STRING_RULES.out_request_no),
    mchid: apiString(STRING_RULES.mchid),
    audit_result: z.enum(AUDIT_RESULTS, {
      error: (issue) =>
        issue.input === undefined
          ? 'is required'
          : `must be PASS or REJECT (upper case), got ${typeof issue.input === 'string' ? JSON.stringify(issue.input) : jsonTypeName(issue.input)}`,
    }),
    audit_finish_time: apiString(STRING_RULES.audit_finish_time).optional(),
    attach_info: apiString(STRING_RULES.attach_info).optional(),
    fail_code: apiString(STRING_RULES.fail_code).optional(),
    fail_msg: apiString(STRING_RULES.fail_msg).optional(),
};
const STRING_FIELDS = Object.entries(STRING_RULES).map(([name, rules]) => ({
  name,
  rules: rules as ApiStringOptions,
  // Stryker disable next-line OptionalChaining: every name of STRING_RULES is a documented field.
  required: NOTIFICATION_FIELDS.find((field) => field.name === name)?.required === true,
}));

/**
 * True when `value` is a plain object holding only documented fields, each within the rules of the schema
 * (the same rule functions, STRING_RULES and AUDIT_RESULTS): then {@link notificationSchema} accepts it, and
 * the receiver's common case is checked without building zod's issues machinery. Anything else (an unknown
 * field, a bad value, another prototype) answers false and goes through the schema, which names the problem.
 * test/schema-clean-notification.test.ts checks that true never disagrees with the schema.
 *
 * @example
 * ```ts
 * isCleanNotification({ out_request_no: 'R1', mchid: '1900016681', audit_result: 'PASS' }); // true
 * isCleanNotification({ out_request_no: 'R1', mchid: '1900016681', audit_result: 'pass' }); // false
 * ```
 */
export function isCleanNotification(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return false;
  const body = value as Record<string, unknown>;
  for (const key of Object.keys(body)) if (!isNotificationField(key)) return false;
  if (!(AUDIT_RESULTS as readonly unknown[]).includes(body.audit_result)) return false;
  for (const { name, rules, required } of STRING_FIELDS) {
    const field = body[name];
    if (field === undefined && !required) continue;
    if (typeof field !== 'string' || apiStringIssue(field, rules) !== undefined) return false;
  }
  return true;
}

/**
 * The fields of the audit-result notification (请求参数 of the endpoint's documentation, docs/protocol.md §1),
 * derived from the schema: what `client.send` takes, so `audit_result: 'pass'` does not compile.
 *
 * @example
 * ```ts
 * const notification: NotificationFields = {
 *   out_request_no: 'htozr8denqegbt6tk6u10iymo7yww5pn',
 *   mchid: '1900016681',
 *   audit_result: 'PASS',
 *   audit_finish_time: '2015-05-20T13:29:35+08:00',
 * };
 * ```
 */
export type NotificationFields = z.output<z.ZodObject<typeof notificationFields>>;

/**
 * A notification as received: exactly the fields of the endpoint's documentation, typed, with no index
 * signature (so `notification.nonexistent` does not compile). Fields the documentation does not define are
 * never dropped: they are kept, with their values as they came, in the `unknownFields` of
 * {@link ParsedNotification} and of the receiver's handler context (protocol.md §1: forward compatibility).
 *
 * @example
 * ```ts
 * const { notification, unknownFields } = parseNotification(JSON.parse(text));
 * notification.audit_result; // 'PASS' | 'REJECT'
 * unknownFields.trace_id; // unknown: whatever the sender put there
 * ```
 */
export type AuditResultNotification = NotificationFields;

/**
 * The body fields the documentation does not define, by name, with their values as they came (a `__proto__`
 * key is kept as plain data). An object without a prototype: `Object.keys(unknownFields)` lists the names in
 * body order.
 *
 * @example
 * ```ts
 * const unknownFields: UnknownFields = parseNotification(JSON.parse(text)).unknownFields;
 * Object.keys(unknownFields); // ['trace_id']
 * ```
 */
export type UnknownFields = Readonly<Record<string, unknown>>;

export const notificationSchema = z
  .object(notificationFields)
  .loose()
  .superRefine((value, ctx) => {
    for (const [key, inner] of Object.entries(value)) {
      if (isNotificationField(key)) continue;
      // Unknown values are walked for 4-byte characters too (the rule is about the whole body), at every depth.
      walkUnknown(inner, [key], 2, (path, message) => ctx.addIssue({ code: 'custom', message, path }));
    }
  });

/** `level` is the nesting level `value` would have as an object or array (a top-level field's value: 2). */
function walkUnknown(value: unknown, path: (string | number)[], level: number, report: (path: (string | number)[], message: string) => void): boolean {
  const keyIssue = unsupportedCharacterIssue(String(path[path.length - 1]));
  if (keyIssue) {
    report(path, `name ${keyIssue}`);
    return true;
  }
  if (typeof value === 'string') {
    const issue = unsupportedCharacterIssue(value);
    if (issue) report(path, issue);
    return issue !== undefined;
  }
  if (value === null || typeof value !== 'object') return false;
  if (level > MAX_JSON_NESTING) {
    report(path, `nests objects and arrays more than ${MAX_JSON_NESTING} levels deep (the body counts as level 1): send a flatter value`);
    return true;
  }
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  for (const [k, v] of entries) if (walkUnknown(v, [...path, k], level + 1, report)) return true;
  return false;
}
