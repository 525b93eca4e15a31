/**
 * Error helpers of the inspector services: every failure is an `AuditNotifyError` with a code of core's
 * `ERROR_TABLE`, and reaches the renderer as `{ code, message, detail }`.
 */
import { AuditNotifyError, isAuditNotifyError, type ErrorCode } from '@auditnotify/core';
import type { ApiErrorShape } from '../../shared/api.js';

/**
 * Throws an `AuditNotifyError`.
 *
 * @example
 * ```ts
 * fail('NOT_FOUND', 'no key k_1', { id: 'k_1' });
 * ```
 */
export function fail(code: ErrorCode, message: string, detail?: Record<string, unknown>): never {
  throw new AuditNotifyError(code, message, detail ? { detail } : {});
}

/**
 * The `{ code, message, detail }` shape of any thrown value. Unknown errors become `INTERNAL_ERROR` with only
 * their message (never a stack, never key material: core's messages never hold any).
 *
 * @example
 * ```ts
 * const shape = toApiError(error); // { code: 'KEY_ENCRYPTED', message: '…' }
 * ```
 */
export function toApiError(error: unknown): ApiErrorShape {
  if (isAuditNotifyError(error)) {
    const detail = (error as AuditNotifyError).detail;
    return { code: error.code, message: error.message, ...(detail ? { detail: jsonSafe(detail) } : {}) };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL_ERROR', message };
}

function jsonSafe(detail: Record<string, unknown>): Record<string, unknown> {
  try {
    return JSON.parse(JSON.stringify(detail, (_key, value: unknown) => (value instanceof Uint8Array ? Buffer.from(value).toString('base64') : value))) as Record<string, unknown>;
  } catch {
    return {};
  }
}
