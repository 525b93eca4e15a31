/**
 * `auditnotify verify --request FILE|- [receiver flags] [--now UNIX]`: runs a captured request through
 * core's receiver exactly as a live receiver would, with an injected clock, and prints the verdict.
 */
import { createReceiver } from '@auditnotify/core';
import type { NotifyContext, RejectedEvent } from '@auditnotify/core';
import type { Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { EXIT_CODES_HELP, RECEIVER_FLAGS_HELP } from '../help-text.js';
import { readCapturedRequest } from '../input/read-captured-request.js';
import { createEphemeralAnswerKey } from '../options/ephemeral-answer-key.js';
import { resolveReceiver } from '../options/receiver-options.js';
import { writeJson } from '../output/write-json.js';

/**
 * The `verify` command.
 *
 * @example
 * ```sh
 * auditnotify verify --request captured.http --keys ./keys --now 1757900000
 * ```
 */
export const verifyCommand: Command = {
  name: 'verify',
  summary: 'Check a captured HTTP request exactly as the receiver would',
  help: `Usage: auditnotify verify (--request FILE|- | --curl FILE|-) [receiver flags] [--now UNIX]

Reads a raw HTTP request (request line, headers, blank line, body: what a proxy or "nc -l" captures),
runs it through the receiver pipeline of @auditnotify/core (Authorization grammar, serial_no, time
window, signature over the raw bytes, nonce, JSON and schema) and prints the verdict as JSON:
{verdict, status, code, reason, message, requestId, notification?, warnings?, answer}.
Without --answer-key the answer is signed with a throwaway key (the request is checked all the same).

Flags:
  --request FILE|-     the captured request (- reads stdin)
  --curl FILE|-        a curl command instead (as in the endpoint's documentation)
  --now UNIX           judge the timestamp as if it were this Unix time (default: now)
  --json               accepted for symmetry: the verdict is always JSON

${RECEIVER_FLAGS_HELP}
Example:
  nc -l 8080 > captured.http        # then point the sender at http://127.0.0.1:8080
  auditnotify verify --request captured.http --keys ./keys --now 1757900000

The exit code is 0 when the receiver would accept the request, 1 when it would reject it.
For the likely cause of a signature failure, run "auditnotify decode" with the same flags.

${EXIT_CODES_HELP}`,
  async run(args, io) {
    const { clock, request, flags } = await readCapturedRequest(args, io);
    const keys = await resolveReceiver(flags, io, { needSenders: true, needAnswerKey: false });
    const answerKeys =
      keys.answerKeys.length > 0 ? keys.answerKeys : [createEphemeralAnswerKey(request.headers['wechatpay-serial'])];

    let accepted: NotifyContext | undefined;
    let rejected: RejectedEvent | undefined;
    const receiver = createReceiver({
      senders: keys.senders,
      answerKeys,
      clock,
      // One request, judged on its own: no rate limit; the nonce store is this run's fresh one.
      rateLimiter: false,
      handler: (context) => {
        accepted = context;
      },
      onRejected: (event) => {
        rejected = event;
      },
      onError: (_error, event) => {
        rejected = event;
      },
    });
    const response = await receiver.handle({
      method: request.method,
      url: request.url,
      headers: request.headers,
      body: request.body,
    });
    const answerText = Buffer.from(response.body).toString('utf8');
    let answerBody: unknown = answerText;
    try {
      answerBody = JSON.parse(answerText);
    } catch {
      // Not JSON: shown as text.
    }
    const ok = response.status >= 200 && response.status < 300 && accepted !== undefined;
    const wire = (answerBody as { code?: unknown } | null)?.code;
    writeJson(io.stdout, {
      verdict: ok ? 'accepted' : 'rejected',
      status: response.status,
      ...(ok
        ? {}
        : {
            code: typeof wire === 'string' ? wire : undefined,
            reason: rejected?.code,
            message: rejected?.message,
            ...(wire === 'SIGN_ERROR'
              ? { hint: 'run "auditnotify decode" on the same request with the same flags for the most likely cause' }
              : {}),
          }),
      requestId: response.headers['Request-ID'],
      now: clock(),
      request: {
        method: request.method,
        url: request.url,
        bodyBytes: request.body.byteLength,
        mchid: accepted?.mchid ?? rejected?.mchid,
        serialNo: accepted?.serialNo ?? rejected?.serialNo,
      },
      ...(accepted === undefined
        ? {}
        : { notification: accepted.notification, warnings: accepted.warnings, unknownFields: accepted.unknownFields }),
      answer: {
        status: response.status,
        headers: response.headers,
        body: answerBody,
        signedWith: keys.answerKeys.length > 0 ? answerKeys[0]?.id : 'a throwaway key (no --answer-key given)',
      },
    });
    return ok ? EXIT.OK : EXIT.CHECK_FAILED;
  },
};
