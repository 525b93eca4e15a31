/**
 * How a failed command tells the user why: one line on stderr with the command, the stable code and the
 * message (redacted as a last line of defence, so key material never reaches the terminal).
 */
import { isCliError } from './cli-error.js';
import { isAuditNotifyError } from '@auditnotify/core';
import { isCollectionError } from './collection/index.js';
import type { TextSink } from './io.js';
import { redact } from './output/redact.js';
import { isOutboxError } from './outbox/is-outbox-error.js';

/**
 * Writes `auditnotify COMMAND: CODE: message` (and a hint for usage errors) to `sink`.
 *
 * @example
 * ```ts
 * reportError(io.stderr, 'sign', new CliError('USAGE_ERROR', 'missing --mchid'));
 * // auditnotify sign: USAGE_ERROR: missing --mchid
 * // (see: auditnotify sign --help)
 * ```
 */
export function reportError(sink: TextSink, command: string, error: unknown): void {
  const prefix = command === '' ? 'auditnotify' : `auditnotify ${command}`;
  if (isAuditNotifyError(error) || isCliError(error) || isCollectionError(error) || isOutboxError(error)) {
    sink.write(`${prefix}: ${error.code}: ${redact(error.message)}\n`);
    if (error.code === 'USAGE_ERROR') sink.write(`(see: ${prefix} --help)\n`);
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  sink.write(`${prefix}: unexpected error: ${redact(message)}\n`);
}
