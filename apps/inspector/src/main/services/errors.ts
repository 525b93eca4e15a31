/**
 * Error helpers of the inspector services: a failure is core's `AuditNotifyError` or the inspector's own
 * {@link InspectorError} (its codes are not core's), and reaches the renderer as `{ code, message, detail }`.
 */
import { isCollectionError } from '@auditnotify/cli/collection';
import { AuditNotifyError, ERROR_TABLE, isAuditNotifyError, type ErrorCode } from '@auditnotify/core';
import type { ApiErrorShape } from '../../shared/api.js';
import type { InspectorErrorCode } from '../../shared/result.js';

/**
 * A failure of the inspector itself (unknown id, wrong key role, receiver stopped…), with a code of
 * `INSPECTOR_ERROR_CODES`.
 *
 * @example
 * ```ts
 * throw new InspectorError('NOT_FOUND', 'No stored key has the id k_9.', { id: 'k_9' });
 * ```
 */
export class InspectorError extends Error {
  override readonly name = 'InspectorError';
  constructor(
    readonly code: InspectorErrorCode,
    message: string,
    readonly detail?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/**
 * Whether `error` is an {@link InspectorError} with this code.
 *
 * @example
 * ```ts
 * if (!isInspectorError(error, 'RECEIVER_PORT_IN_USE')) throw error;
 * ```
 */
export function isInspectorError(error: unknown, code: InspectorErrorCode): error is InspectorError {
  return error instanceof InspectorError && error.code === code;
}

/**
 * Throws an `AuditNotifyError` for a code of core, an {@link InspectorError} for one of the inspector.
 *
 * @example
 * ```ts
 * fail('NOT_FOUND', 'no key k_1', { id: 'k_1' });
 * ```
 */
export function fail(code: ErrorCode | InspectorErrorCode, message: string, detail?: Record<string, unknown>): never {
  if (Object.hasOwn(ERROR_TABLE, code)) throw new AuditNotifyError(code as ErrorCode, message, detail ? { detail } : {});
  throw new InspectorError(code as InspectorErrorCode, message, detail);
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
  if (isAuditNotifyError(error) || error instanceof InspectorError || isCollectionError(error)) {
    const detail = error.detail;
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
