/**
 * The shape every `auditnotify` sub-command has.
 */
import type { CliIo } from './io.js';

/**
 * A sub-command: its name, a one-line summary for the command list, its `--help` text and its body.
 * `run` returns the exit code, or throws an `AuditNotifyError` that the dispatcher reports and maps to
 * an exit code.
 *
 * @example
 * ```ts
 * export const helloCommand: Command = {
 *   name: 'hello',
 *   summary: 'Say hello',
 *   help: 'Usage: auditnotify hello\n\nExample:\n  auditnotify hello\n',
 *   run: async (_args, io) => (io.stdout.write('hello\n'), 0),
 * };
 * ```
 */
export interface Command {
  readonly name: string;
  readonly summary: string;
  readonly help: string;
  run(args: string[], io: CliIo): Promise<number>;
}
