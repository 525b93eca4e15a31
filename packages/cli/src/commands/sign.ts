/**
 * `auditnotify sign`: signs a request message (protocol.md §3) and prints the Authorization header value,
 * the JSON of the parts, or the message with visible line ends.
 */
import { NOTIFY_PATH, signRequest } from '@auditnotify/core';
import type { Command } from '../command.js';
import { EXIT_CODES_HELP, SENDER_FLAGS_HELP } from '../help-text.js';
import { readInput } from '../input/read-input.js';
import { splitUrl } from '../input/split-url.js';
import { resolveSender, SENDER_OPTIONS } from '../options/sender-options.js';
import { explainMessage } from '../output/explain-message.js';
import { writeJson } from '../output/write-json.js';
import { parseFlags } from '../parse-flags.js';
import { usageError } from '../usage-error.js';

const OPTIONS = {
  ...SENDER_OPTIONS,
  method: { type: 'string' },
  url: { type: 'string' },
  timestamp: { type: 'string' },
  nonce: { type: 'string' },
  body: { type: 'string' },
  json: { type: 'boolean' },
  explain: { type: 'boolean' },
} as const;

/**
 * The `sign` command.
 *
 * @example
 * ```sh
 * auditnotify sign --keys ./keys --body notification.json --json
 * ```
 */
export const signCommand: Command = {
  name: 'sign',
  summary: 'Sign a request and print its Authorization header value',
  help: `Usage: auditnotify sign [sender flags] [--method POST] [--url PATH] [--timestamp T] [--nonce N]
                        [--body FILE|-] [--json | --explain]

Builds the request message METHOD␊URL␊TIMESTAMP␊NONCE␊BODY␊, signs it with SHA256-RSA (PKCS#1 v1.5)
and prints the Authorization header value.

Flags:
  --method METHOD      HTTP method (default POST)
  --url PATH           path and query as sent (default the notify path); a full URL's host is dropped
  --timestamp T        Unix seconds (default now)
  --nonce N            nonce_str (default 32 random [0-9A-Za-z])
  --body FILE|-        the exact body bytes (- reads stdin; default empty)
  --json               print {message, signature, authorization, timestamp, nonce}
  --explain            show the message with visible line ends, its byte length and SHA-256

${SENDER_FLAGS_HELP}
Examples:
  auditnotify sign --keys ./keys --body notification.json
  auditnotify sign --mchid 1900016681 --key apiclient_key.pem --serial 5157F09E… \\
    --timestamp 1757900000 --nonce 593BEC0C930BF1AFEB40B4A08C8FB242 --body - --explain < body.json

${EXIT_CODES_HELP}`,
  async run(args, io) {
    const flags = parseFlags(args, OPTIONS);
    if (flags.json === true && flags.explain === true) throw usageError('--json and --explain exclude each other');
    const method = flags.method ?? 'POST';
    if (!/^[A-Za-z]+$/.test(method)) throw usageError('--method must be letters only, e.g. POST', { flag: '--method' });
    const url = splitUrl(flags.url ?? NOTIFY_PATH).pathAndQuery;
    let timestamp: number | undefined;
    if (flags.timestamp !== undefined) {
      if (!/^\d{1,12}$/.test(flags.timestamp)) {
        throw usageError('--timestamp must be Unix seconds (digits only)', { flag: '--timestamp' });
      }
      timestamp = Number(flags.timestamp);
    }
    // The header has no escaping (protocol.md §3): a nonce with '"', ',' or spaces could not be carried.
    if (flags.nonce !== undefined && (!/^[\x21-\x7e]{1,64}$/.test(flags.nonce) || /[",]/.test(flags.nonce))) {
      throw usageError('--nonce must be 1-64 printable characters without spaces, \'"\' or \',\'', { flag: '--nonce' });
    }
    const body = flags.body === undefined ? new Uint8Array() : await readInput(flags.body, io, '--body');
    const sender = await resolveSender(flags, io, { needWechatpayKey: false });
    const signed = await signRequest({
      method,
      url,
      body,
      mchid: sender.mchid,
      serialNo: sender.serialNo,
      privateKey: sender.privateKey,
      ...(timestamp === undefined ? {} : { timestamp }),
      ...(flags.nonce === undefined ? {} : { nonce: flags.nonce }),
    });
    if (flags.json === true) {
      writeJson(io.stdout, {
        message: Buffer.from(signed.message).toString('utf8'),
        signature: signed.signature,
        authorization: signed.authorization,
        timestamp: signed.timestamp,
        nonce: signed.nonce,
      });
    } else if (flags.explain === true) {
      io.stdout.write(
        [
          `Signing ${method} ${url} as mchid ${sender.mchid}, serial_no ${sender.serialNo}`,
          explainMessage(signed.message),
          `signature (Base64, ${signed.signature.length} chars):`,
          `  ${signed.signature}`,
          'Authorization:',
          `  ${signed.authorization}`,
          '',
        ].join('\n'),
      );
    } else {
      io.stdout.write(`${signed.authorization}\n`);
    }
    return 0;
  },
};
