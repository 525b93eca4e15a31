/**
 * `auditnotify decode (--request FILE|- | --curl FILE|-) [receiver flags] [--now UNIX] [--json]`: shows
 * what a request says and, with keys, whether and why its signature fails (core's diagnostics).
 */
import type { Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { EXIT_CODES_HELP, RECEIVER_FLAGS_HELP } from '../help-text.js';
import { readCapturedRequest } from '../input/read-captured-request.js';
import { hasReceiverFlags, resolveReceiver } from '../options/receiver-options.js';
import { writeJson } from '../output/write-json.js';
import { buildDecodeReport } from '../report/build-decode-report.js';
import { formatDecodeReport } from '../report/format-decode-report.js';

/**
 * The `decode` command.
 *
 * @example
 * ```sh
 * auditnotify decode --curl example.sh
 * auditnotify decode --request captured.http --keys ./keys --now 1757900000
 * ```
 */
export const decodeCommand: Command = {
  name: 'decode',
  summary: 'Explain a captured request or curl command (fields, message, why a signature fails)',
  help: `Usage: auditnotify decode (--request FILE|- | --curl FILE|-) [receiver flags] [--now UNIX] [--json]

Prints the parsed Authorization header, the signing message with visible line ends, every body field with
its label from the endpoint's documentation, schema errors and lint warnings. With receiver flags it also
checks the signature and, when it fails, names the mistake the sender most likely made (\\uXXXX or \\/
escapes, JSON keys reordered, GBK bytes, a message without its final \\n or with CRLF, a lower-case method,
a proxy prefix in the signed URL, a serial_no in decimal or lower case, the answer key used to sign…).
With an answer key (--answer-key or --keys) it also recognises a request signed with that key.

Flags:
  --request FILE|-     a raw HTTP request (request line, headers, blank line, body)
  --curl FILE|-        a curl command (-X, -H, -d/--data/--data-raw/--data-binary, \\ continuations)
  --now UNIX           judge the timestamp as if it were this Unix time (default: now)
  --json               print the report as JSON

${RECEIVER_FLAGS_HELP}
Examples:
  auditnotify decode --curl example.sh
  auditnotify decode --request captured.http --keys ./keys --now 1757900000
  auditnotify decode --curl example.sh --sender-cert old_cert.pem --sender-cert new_cert.pem

The exit code is 0 when the request decoded (and, with receiver flags, verified), 1 when the signature
check failed.

${EXIT_CODES_HELP}`,
  async run(args, io) {
    const { flags, clock, request } = await readCapturedRequest(args, io);
    const verify = hasReceiverFlags(flags);
    const keys = verify ? await resolveReceiver(flags, io, { needSenders: true, needAnswerKey: false }) : undefined;
    const report = await buildDecodeReport(request, { publicKeys: keys?.publicKeys, answerKeys: keys?.answerPublicKeys, clock });
    if (flags.json === true) writeJson(io.stdout, report);
    else io.stdout.write(formatDecodeReport(report, clock()));
    return report.verification === undefined || report.verification.verified ? EXIT.OK : EXIT.CHECK_FAILED;
  },
};
