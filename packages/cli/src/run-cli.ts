/**
 * The dispatcher: picks the sub-command, prints help, and turns errors into a report and an exit code.
 */
import { readFileSync } from 'node:fs';
import type { Command } from './command.js';
import { decodeCommand } from './commands/decode.js';
import { decryptCommand } from './commands/decrypt.js';
import { demoCommand } from './commands/demo.js';
import { keygenCommand } from './commands/keygen.js';
import { listenCommand } from './commands/listen.js';
import { outboxCommand } from './commands/outbox.js';
import { runCommand } from './commands/run.js';
import { sendCommand } from './commands/send.js';
import { signCommand } from './commands/sign.js';
import { verifyCommand } from './commands/verify.js';
import { EXIT, exitCodeFor } from './exit-codes.js';
import { EXIT_CODES_HELP } from './help-text.js';
import type { CliIo } from './io.js';
import { reportError } from './report-error.js';

/**
 * Every sub-command, in the order `auditnotify --help` lists them.
 *
 * @example
 * ```ts
 * COMMANDS.map((command) => command.name); // ['keygen', 'sign', 'send', 'listen', 'verify', 'decode', 'decrypt', 'demo', 'run', 'outbox']
 * ```
 */
export const COMMANDS: readonly Command[] = [
  keygenCommand,
  signCommand,
  sendCommand,
  listenCommand,
  verifyCommand,
  decodeCommand,
  decryptCommand,
  demoCommand,
  runCommand,
  outboxCommand,
];

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

function topHelp(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length)) + 2;
  return `Usage: auditnotify <command> [flags]

Sign, send, receive, verify and decode the WeChat Pay APIv3 audit-result notification
(POST /v3/aggracct-bc/wb-channel/control-orders/info/update/result/notify).

Commands:
${COMMANDS.map((command) => `  ${command.name.padEnd(width)}${command.summary}`).join('\n')}

Run "auditnotify <command> --help" for its flags and an example.

Example (the whole round trip on fresh keys):
  auditnotify demo

${EXIT_CODES_HELP}`;
}

/**
 * Runs `auditnotify` with `argv` (without the node and script paths) and resolves to the exit code.
 * Never throws: failures are reported on `io.stderr`.
 *
 * @example
 * ```ts
 * process.exitCode = await runCli(['sign', '--keys', 'keys'], createProcessIo());
 * ```
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr.write(topHelp());
    return EXIT.USAGE;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    const topic = rest[0] === undefined ? undefined : COMMANDS.find((command) => command.name === rest[0]);
    io.stdout.write(topic === undefined ? topHelp() : topic.help);
    return EXIT.OK;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${version()}\n`);
    return EXIT.OK;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (command === undefined) {
    io.stderr.write(`auditnotify: unknown command "${name}"\n\n${topHelp()}`);
    return EXIT.USAGE;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(command.help);
    return EXIT.OK;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    reportError(io.stderr, command.name, error);
    return exitCodeFor(error);
  }
}
