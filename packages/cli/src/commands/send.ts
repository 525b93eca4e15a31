/**
 * `auditnotify send --url URL [sender flags] (--body FILE|- | --field name=value …)`: validates, signs,
 * sends with core's client, verifies the signed answer and prints the result as JSON.
 */
import { BACKUP_HOST, createClient, isAuditNotifyError, NOTIFY_PATH, PRIMARY_HOST } from '@auditnotify/core';
import type { NotificationFields } from '@auditnotify/core';
import type { Command } from '../command.js';
import { EXIT, exitCodeFor } from '../exit-codes.js';
import { EXIT_CODES_HELP, SENDER_FLAGS_HELP } from '../help-text.js';
import { readNotification } from '../input/read-notification.js';
import { splitUrl } from '../input/split-url.js';
import { resolveSender, SENDER_OPTIONS } from '../options/sender-options.js';
import { writeJson } from '../output/write-json.js';
import { parseFlags, requireFlag } from '../parse-flags.js';
import { redact } from '../output/redact.js';
import { usageError } from '../usage-error.js';

const OPTIONS = {
  ...SENDER_OPTIONS,
  url: { type: 'string' },
  body: { type: 'string' },
  field: { type: 'string', multiple: true },
  json: { type: 'boolean' },
} as const;

function describeError(error: unknown): Record<string, unknown> {
  if (!isAuditNotifyError(error)) {
    return { code: 'NETWORK_ERROR', message: redact(error instanceof Error ? error.message : String(error)) };
  }
  const api = error as unknown as Record<string, unknown>;
  return {
    code: error.code,
    message: redact(error.message),
    ...(typeof api.status === 'number' ? { status: api.status } : {}),
    ...(typeof api.wireCode === 'string' ? { wireCode: api.wireCode } : {}),
    ...(typeof api.apiMessage === 'string' ? { apiMessage: api.apiMessage } : {}),
    ...(typeof api.requestId === 'string' ? { requestId: api.requestId } : {}),
    ...(error.detail === undefined ? {} : { detail: error.detail }),
  };
}

/** An answer body (an HTML error page…) on one line of at most `max` characters. */
function oneLine(text: string, max = 240): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

/** A 404/405 that is not an APIv3 error body: the URL is not this endpoint. Says so, and what to fix. */
function wrongEndpointHint(described: Record<string, unknown>, pathAndQuery: string): string {
  if (described.code !== 'API_ERROR' || described.wireCode !== undefined) return '';
  if (described.status !== 404 && described.status !== 405) return '';
  const path = pathAndQuery.split('?')[0] ?? '';
  return path === NOTIFY_PATH
    ? ' (the server does not serve the notify endpoint at this path: is the receiver mounted there?)'
    : ` (${path} is not the notify endpoint ${NOTIFY_PATH}: check --url)`;
}

/**
 * The `send` command.
 *
 * @example
 * ```sh
 * auditnotify send --url http://127.0.0.1:8080/v3/aggracct-bc/wb-channel/control-orders/info/update/result/notify \
 *   --keys ./keys --field out_request_no=R1 --field mchid=1900016681 --field audit_result=PASS
 * ```
 */
export const sendCommand: Command = {
  name: 'send',
  summary: 'Validate, sign and send a notification; verify the signed answer',
  help: `Usage: auditnotify send --url URL [sender flags] (--body FILE|- | --field name=value ...)

Validates the notification against the endpoint's schema, signs it, sends it, verifies the answer's
Wechatpay-* signature and prints the result as JSON ({ok, status, answer, requestId, attempts, url, ...},
or {ok: false, error: {code, message, status, wireCode, ...}}).

With a full URL (http://127.0.0.1:8080/v3/…) it talks to that server only. With a path (/v3/…) it uses
the primary host ${PRIMARY_HOST} and fails over to the backup ${BACKUP_HOST}.

Flags:
  --url URL               full URL, or the path for the WeChat Pay hosts (required)
  --body FILE|-           the notification as JSON (- reads stdin)
  --field name=value      one field (repeatable), instead of --body
  --json                  accepted for symmetry: the result is always JSON

${SENDER_FLAGS_HELP}
Example:
  auditnotify send --keys ./keys \\
    --url http://127.0.0.1:8080/v3/aggracct-bc/wb-channel/control-orders/info/update/result/notify \\
    --field out_request_no=htozr8denqegbt6tk6u10iymo7yww5pn --field mchid=1900016681 --field audit_result=PASS

${EXIT_CODES_HELP}`,
  async run(args, io) {
    const flags = parseFlags(args, OPTIONS);
    const url = splitUrl(requireFlag(flags.url, '--url'));
    const value = await readNotification({ body: flags.body, fields: flags.field }, io);
    if (url.origin === undefined && url.pathAndQuery !== NOTIFY_PATH) {
      // The WeChat Pay hosts serve this endpoint at one path; anything else needs a full URL.
      throw usageError(`--url: a bare path must be ${NOTIFY_PATH}; give a full URL for another server`, { flag: '--url' });
    }
    const sender = await resolveSender(flags, io, { needWechatpayKey: true });
    const client = createClient({
      mchid: sender.mchid,
      serialNo: sender.serialNo,
      privateKey: sender.privateKey,
      wechatpayPublicKeys: sender.wechatpayPublicKeys,
    });
    try {
      // A full URL talks to that server only; without one the client tries the primary, then the backup host.
      // The file's JSON is untyped: the client checks it at run time (a non-object or a bad field is
      // VALIDATION_FAILED, nothing sent), so the CLI reports core's own message for it.
      const result = await client.send(value as NotificationFields, url.origin === undefined ? {} : { url: `${url.origin}${url.pathAndQuery}` });
      for (const warning of result.warnings) io.stderr.write(`warning: ${warning.code}: ${warning.message}\n`);
      writeJson(io.stdout, {
        ok: true,
        status: result.status,
        answer: result.answer,
        requestId: result.requestId,
        attempts: result.attempts,
        url: result.url,
        verified: result.verified,
        warnings: result.warnings,
        request: { body: result.requestBody },
        response: { headers: result.headers, body: result.responseBody },
      });
      return EXIT.OK;
    } catch (error) {
      const described = describeError(error);
      writeJson(io.stdout, { ok: false, error: described });
      io.stderr.write(`auditnotify send: ${String(described.code)}: ${oneLine(String(described.message))}${wrongEndpointHint(described, url.pathAndQuery)}\n`);
      return exitCodeFor(error);
    }
  },
};
