/**
 * Bad command-line usage is an `AuditNotifyError` with the code `USAGE_ERROR` (exit code 2).
 */
import { AuditNotifyError } from '@auditnotify/core';

/**
 * Builds the error for a wrong flag, a missing flag or a bad flag value.
 *
 * @example
 * ```ts
 * throw usageError('--timestamp must be Unix seconds (digits only)', { flag: '--timestamp' });
 * ```
 */
export function usageError(message: string, detail?: Record<string, unknown>): AuditNotifyError {
  return new AuditNotifyError('USAGE_ERROR', message, detail ? { detail } : {});
}
