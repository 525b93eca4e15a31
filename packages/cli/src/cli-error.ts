/**
 * The command line's own errors: bad usage and input it cannot read. They are not core's (core's error table
 * holds only what core raises), but they have the same shape: a stable `code`, a message that says what to
 * fix, and a `detail` naming the flag.
 */

/**
 * The CLI's codes: both exit with code 2.
 *
 * @example
 * ```ts
 * const code: CliErrorCode = 'USAGE_ERROR';
 * ```
 */
export type CliErrorCode = 'USAGE_ERROR' | 'INPUT_UNREADABLE';

/**
 * An error of the command line itself.
 *
 * @example
 * ```ts
 * throw new CliError('INPUT_UNREADABLE', '--key: cannot read k.pem (no such file)', { detail: { flag: '--key' } });
 * ```
 */
export class CliError extends Error {
  override readonly name = 'CliError';
  readonly code: CliErrorCode;
  readonly detail: { flag?: string; [key: string]: unknown } | undefined;

  constructor(code: CliErrorCode, message: string, options: { detail?: { flag?: string; [key: string]: unknown }; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.detail = options.detail;
  }
}

/**
 * True for a {@link CliError}.
 *
 * @example
 * ```ts
 * if (isCliError(error) && error.code === 'USAGE_ERROR') printHelpHint();
 * ```
 */
export function isCliError(value: unknown): value is CliError {
  return value instanceof CliError;
}
