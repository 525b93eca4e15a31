/**
 * `@auditnotify/cli` as a library: run the `auditnotify` command in-process.
 *
 * @example
 * ```ts
 * import { createProcessIo, runCli } from '@auditnotify/cli';
 * process.exitCode = await runCli(['demo'], createProcessIo());
 * ```
 */
export { runCli, COMMANDS } from './run-cli.js';
export { createProcessIo } from './io.js';
// Types re-exported below carry their TSDoc and examples in their own modules.
export type { CliIo, TextSink } from './io.js';
export type { Command } from './command.js';
export { EXIT, exitCodeFor } from './exit-codes.js';
export type { ExitCode } from './exit-codes.js';
export { KEY_SET_LAYOUT } from './keys/key-set-layout.js';
export type { KeySetManifest } from './keys/key-set-layout.js';
