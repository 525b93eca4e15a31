/**
 * What `enqueue` stores, made from what the caller gave: validated by core's schema (an invalid notification
 * is refused before anything is stored) and hashed, so "the same notification" has one meaning everywhere.
 */
import { AuditNotifyError, isAuditNotifyError, notificationFieldsHash, parseNotification } from '@auditnotify/core';
import type { NotificationFields } from '@auditnotify/core';
import type { NewEntry } from './store.js';

/**
 * Validates a notification and hashes its fields for a store's `enqueue`; `VALIDATION_FAILED` (with the
 * schema's `detail`) when it is invalid.
 *
 * @example
 * ```ts
 * const entry = await prepareEntry({ out_request_no: 'htozr8denqegbt6tk6u10iymo7yww5pn', mchid: '1900016681', audit_result: 'PASS' });
 * await store.enqueue(entry, { replace: false });
 * ```
 */
export async function prepareEntry(notification: NotificationFields): Promise<NewEntry> {
  let parsed: ReturnType<typeof parseNotification>;
  try {
    parsed = parseNotification(notification);
  } catch (error) {
    if (!isAuditNotifyError(error)) throw error;
    throw new AuditNotifyError('VALIDATION_FAILED', `The notification is invalid, nothing was queued: ${error.message}`, {
      ...(error.code === 'PARAM_ERROR' && error.detail ? { detail: error.detail } : {}),
      cause: error,
    });
  }
  return { notification: parsed.notification, fieldsHash: await notificationFieldsHash(parsed.notification) };
}
