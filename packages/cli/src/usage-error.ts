/**
 * Bad command-line usage is a `CliError` with the code `USAGE_ERROR` (exit code 2).
 */
import { CliError } from './cli-error.js';

/**
 * Builds the error for a wrong flag, a missing flag or a bad flag value.
 *
 * @example
 * ```ts
 * throw usageError('--timestamp must be Unix seconds (digits only)', { flag: '--timestamp' });
 * ```
 */
export function usageError(message: string, detail?: Record<string, unknown>): CliError {
  return new CliError('USAGE_ERROR', message, detail ? { detail } : {});
}
