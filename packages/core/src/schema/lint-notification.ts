import { isNotificationField } from './fields.js';

/**
 * Advice about a notification that is valid but probably not what the sender meant. Never an error.
 *
 * @example
 * ```ts
 * const warning: LintWarning = { code: 'UNKNOWN_FIELD', field: 'trace_id', message: 'trace_id is not a field …' };
 * ```
 */
export interface LintWarning {
  /** `REJECT_WITHOUT_FAIL_CODE`, `REJECT_WITHOUT_FAIL_MSG`, `FAIL_FIELDS_WITH_PASS` or `UNKNOWN_FIELD`. */
  code: string;
  /** JSON field name the warning is about. */
  field?: string;
  message: string;
}


/**
 * Names of the fields the endpoint's documentation does not define, in body order.
 *
 * @example
 * ```ts
 * unknownFieldsOf({ out_request_no: 'R1', mchid: '1', audit_result: 'PASS', trace_id: 'x' }); // ['trace_id']
 * ```
 */
export function unknownFieldsOf(notification: Readonly<Record<string, unknown>>): string[] {
  return Object.keys(notification).filter((key) => !isNotificationField(key));
}

const present = (value: unknown): boolean => typeof value === 'string' && value.length > 0;

/**
 * Warnings for a notification, never errors: `fail_code`/`fail_msg` belong to REJECT, so a REJECT without
 * them and a PASS with them are flagged, but both are accepted (the documentation's own example sends them with
 * PASS, protocol.md §1); unknown fields are kept and reported. Composers show these before sending.
 *
 * @example
 * ```ts
 * lintNotification({ out_request_no: 'R1', mchid: '1900016681', audit_result: 'REJECT' }).map((w) => w.code);
 * // ['REJECT_WITHOUT_FAIL_CODE', 'REJECT_WITHOUT_FAIL_MSG']
 * ```
 */
export function lintNotification(notification: Readonly<Record<string, unknown>>): LintWarning[] {
  const warnings: LintWarning[] = [];
  if (notification.audit_result === 'REJECT') {
    if (!present(notification.fail_code)) {
      warnings.push({
        code: 'REJECT_WITHOUT_FAIL_CODE',
        field: 'fail_code',
        message: 'audit_result is REJECT but fail_code (审核驳回错误码) is missing: the merchant cannot tell why it was rejected.',
      });
    }
    if (!present(notification.fail_msg)) {
      warnings.push({
        code: 'REJECT_WITHOUT_FAIL_MSG',
        field: 'fail_msg',
        message: 'audit_result is REJECT but fail_msg (审核驳回错误原因) is missing: the documentation says it is passed when rejected.',
      });
    }
  } else if (notification.audit_result === 'PASS') {
    for (const field of ['fail_code', 'fail_msg'] as const) {
      if (notification[field] === undefined) continue;
      warnings.push({
        code: 'FAIL_FIELDS_WITH_PASS',
        field,
        message: `${field} is sent with audit_result PASS; it only means something for REJECT (accepted: the documentation's example does this).`,
      });
    }
  }
  for (const field of unknownFieldsOf(notification)) {
    warnings.push({
      code: 'UNKNOWN_FIELD',
      field,
      message: `${field} is not a field of this notification; it is kept as is (check the spelling if you meant a known field).`,
    });
  }
  return warnings;
}
