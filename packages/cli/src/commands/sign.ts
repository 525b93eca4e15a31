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
import { curlCommand } from '../output/curl-command.js';
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
  curl: { type: 'string' },
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
                        [--body FILE|-] [--json | --explain | --curl ORIGIN]

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
  --curl ORIGIN        print the signed request as a curl command to ORIGIN (e.g. http://127.0.0.1:8080),
                       for a shell, "auditnotify decode --curl" or "auditnotify verify --curl"

${SENDER_FLAGS_HELP}
Examples:
  auditnotify sign --keys ./keys --body notification.json
  auditnotify sign --keys ./keys --body notification.json --curl http://127.0.0.1:8080 > request.sh
  auditnotify sign --mchid 1900016681 --key apiclient_key.pem --serial 5157F09E… \\
    --timestamp 1757900000 --nonce 593BEC0C930BF1AFEB40B4A08C8FB242 --body - --explain < body.json

${EXIT_CODES_HELP}`,
  async run(args, io) {
    const flags = parseFlags(args, OPTIONS);
    const outputs = (['json', 'explain', 'curl'] as const).filter((name) => flags[name] !== undefined && flags[name] !== false);
    if (outputs.length > 1) throw usageError(`${outputs.map((name) => `--${name}`).join(' and ')} exclude each other: choose one output`);
    const origin = flags.curl === undefined ? undefined : parseOrigin(flags.curl);
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
    } else if (origin !== undefined) {
      const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json', Authorization: signed.authorization };
      const answerKeyId = sender.wechatpayPublicKeys[0]?.id;
      if (answerKeyId !== undefined) headers['Wechatpay-Serial'] = answerKeyId;
      io.stdout.write(curlCommand({ method, url: origin + url, headers, body: Buffer.from(body).toString('utf8') }));
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

/** `--curl`'s origin: scheme, host and port only (the path is `--url`'s). */
function parseOrigin(value: string): string {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw usageError(`--curl must be an origin such as http://127.0.0.1:8080, got ${JSON.stringify(value)}`, { flag: '--curl' });
  }
  if (!/^https?:$/.test(parsed.protocol) || (parsed.pathname !== '/' && parsed.pathname !== '') || parsed.search !== '') {
    throw usageError(`--curl must be an origin such as http://127.0.0.1:8080 (no path: --url gives it), got ${JSON.stringify(value)}`, { flag: '--curl' });
  }
  return parsed.origin;
}
