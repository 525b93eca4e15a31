/**
 * `auditnotify run DIR [--url URL] [sender flags]`: sends every saved request of a collection folder
 * (docs/collections.md) with fresh signatures, checks each one's expectations, prints one line per request
 * and a closing `N passed, N failed`, and exits 0 only when all passed (as newman and `bru run` do).
 */
import { isAuditNotifyError } from '@auditnotify/core';
import { CliError } from '../cli-error.js';
import { readCollection } from '../collection/index.js';
import type { Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { SENDER_FLAGS_HELP } from '../help-text.js';
import { splitUrl } from '../input/split-url.js';
import { resolveSender, SENDER_OPTIONS } from '../options/sender-options.js';
import { parseFlags } from '../parse-flags.js';
import { checkExpectations } from '../run/check-expectations.js';
import { sendSavedRequest, type RequestOutcome } from '../run/send-saved-request.js';
import { usageError } from '../usage-error.js';

const OPTIONS = {
  ...SENDER_OPTIONS,
  url: { type: 'string' },
  'timeout-ms': { type: 'string' },
} as const;

function describe(outcome: RequestOutcome): string {
  if (outcome.kind === 'no-answer') return 'no answer';
  const code = [outcome.code, outcome.reason].filter((part) => part !== undefined).join('/');
  return `${outcome.status}${code === '' ? '' : ` ${code}`}, answer ${outcome.answerVerified ? 'verified' : 'not verified'}`;
}

function timeoutOf(value: string | undefined): number {
  if (value === undefined) return 15_000;
  if (!/^\d{3,6}$/.test(value)) throw usageError('--timeout-ms must be a whole number of milliseconds from 100 to 999999', { flag: '--timeout-ms' });
  return Number(value);
}

/**
 * The `run` command.
 *
 * @example
 * ```sh
 * auditnotify run ./cases --keys ./keys --url http://127.0.0.1:8080/v3/aggracct-bc/wb-channel/control-orders/info/update/result/notify
 * ```
 */
export const runCommand: Command = {
  name: 'run',
  summary: 'Send every saved request of a collection with fresh signatures; check expectations',
  help: `Usage: auditnotify run DIR [--url URL] [sender flags]

Reads the collection folder DIR (collection.json and one *.request.json per saved request, as the
inspector saves them; docs/collections.md), then sends each request in file-name order with a fresh
timestamp, nonce and signature, the exact body bytes, and the method or path the case overrides. It
checks each answer against the request's expectations (status, answer code and reason, answer signature
verified with the answer key) and prints one line per request and "N passed, N failed".

Flags:
  --url URL               the notify endpoint, a full http(s) URL (default: "url" in collection.json)
  --timeout-ms N          time allowed for each answer (default 15000)

${SENDER_FLAGS_HELP}
Example:
  auditnotify run ./cases --keys ./keys \\
    --url http://127.0.0.1:8080/v3/aggracct-bc/wb-channel/control-orders/info/update/result/notify

Exit codes: 0 every request passed, 1 a request failed its expectations, 2 bad usage or an unreadable
collection (the message names the file and field).
`,
  async run(args, io) {
    const [dir, ...rest] = args;
    if (dir === undefined || dir.startsWith('-')) throw usageError('missing DIR: the collection folder to run', { flag: 'DIR' });
    const flags = parseFlags(rest, OPTIONS);
    const timeoutMs = timeoutOf(flags['timeout-ms']);
    const collection = readCollection(dir);
    const urlText = flags.url ?? collection.manifest.url;
    if (urlText === undefined) throw usageError('missing --url (collection.json names no "url")', { flag: '--url' });
    if (splitUrl(urlText).origin === undefined) throw usageError('--url must be a full http(s) URL of the notify endpoint', { flag: '--url' });
    if (collection.entries.length === 0) {
      throw new CliError('INPUT_UNREADABLE', `${dir} holds no *.request.json: save a request from the inspector first`, { detail: { path: dir } });
    }
    const sender = await resolveSender(flags, io, { needWechatpayKey: true });
    let passed = 0;
    let failed = 0;
    for (const { file, request } of collection.entries) {
      let outcome: RequestOutcome;
      try {
        outcome = await sendSavedRequest(request, { url: urlText, sender, timeoutMs });
      } catch (error) {
        outcome = { kind: 'no-answer', message: isAuditNotifyError(error) ? `${error.code}: ${error.message}` : String(error) };
      }
      const problems = checkExpectations(request.expect, outcome);
      if (problems.length === 0) passed += 1;
      else failed += 1;
      const verdict = problems.length === 0 ? 'PASS' : 'FAIL';
      io.stdout.write(`${verdict}  ${file}  ${request.name}: ${describe(outcome)}${problems.length === 0 ? '' : ` (${problems.join('; ')})`}\n`);
    }
    io.stdout.write(`${passed} passed, ${failed} failed\n`);
    return failed === 0 ? EXIT.OK : EXIT.CHECK_FAILED;
  },
};

