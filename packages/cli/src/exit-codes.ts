/**
 * Exit codes of the `auditnotify` command: 0 success, 1 a check or the remote call failed, 2 bad usage or
 * unreadable input (the README's "Exit codes" table).
 */
import { isCliError, type CliErrorCode } from './cli-error.js';
import { isAuditNotifyError } from '@auditnotify/core';
import { isCollectionError } from './collection/index.js';
import type { ErrorCode } from '@auditnotify/core';
import { isOutboxError } from './outbox/is-outbox-error.js';

// An outbox address that is wrong or a store that cannot be reached: nothing was read or sent.
const OUTBOX_USAGE_CODES: ReadonlySet<string> = new Set(['OUTBOX_STORE_INVALID', 'OUTBOX_STORE_UNAVAILABLE']);

/**
 * The three exit codes.
 *
 * @example
 * ```ts
 * process.exitCode = EXIT.CHECK_FAILED;
 * ```
 */
export const EXIT = { OK: 0, CHECK_FAILED: 1, USAGE: 2 } as const;

/**
 * One of the values of {@link EXIT}.
 *
 * @example
 * ```ts
 * const code: ExitCode = exitCodeFor(error);
 * ```
 */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

// Input the user handed us that we could not read or load: the command never got as far as a check.
const USAGE_CODES: ReadonlySet<ErrorCode | CliErrorCode> = new Set<ErrorCode | CliErrorCode>([
  'USAGE_ERROR',
  'INPUT_UNREADABLE',
  'INVALID_OPTIONS',
  'KEY_UNREADABLE',
  'KEY_FORMAT_UNKNOWN',
  'KEY_ENCRYPTED',
  'KEY_NOT_RSA',
  'KEY_TOO_SMALL',
  'KEY_PASSWORD_WRONG',
  'KEY_CERT_MISMATCH',
  'CERT_INVALID',
  'PKCS12_INVALID',
  'DECODE_FAILED',
]);

/**
 * The exit code for an error a command ended with: 2 for bad usage, unreadable input or unloadable keys,
 * 1 for everything else (a failed check, a remote error, a network failure).
 *
 * @example
 * ```ts
 * exitCodeFor(new CliError('USAGE_ERROR', 'missing --url')); // 2
 * exitCodeFor(new AuditNotifyError('API_ERROR', 'SIGN_ERROR')); // 1
 * ```
 */
export function exitCodeFor(error: unknown): ExitCode {
  // A collection folder or file that cannot be read or parsed: nothing was sent.
  if (isCollectionError(error)) return EXIT.USAGE;
  if ((isAuditNotifyError(error) || isCliError(error)) && USAGE_CODES.has(error.code)) return EXIT.USAGE;
  if (isOutboxError(error) && OUTBOX_USAGE_CODES.has(error.code)) return EXIT.USAGE;
  return EXIT.CHECK_FAILED;
}
