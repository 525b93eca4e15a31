/**
 * `auditnotify demo`: the whole round trip on fresh keys in a temporary folder: keygen, a receiver (the
 * Express plugin) on 127.0.0.1 port 0, the documentation's example sent with core's client, the verified answer;
 * then everything is stopped and removed.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, generateTestKeySet, NOTIFY_PATH } from '@auditnotify/core';
import type { NotifyContext, RejectedEvent } from '@auditnotify/core';
import { sampleNotification } from '@auditnotify/core/testing';
import type { Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { EXIT_CODES_HELP } from '../help-text.js';
import { writeKeySet } from '../keys/write-key-set.js';
import { resolveReceiver } from '../options/receiver-options.js';
import { resolveSender } from '../options/sender-options.js';
import { writeJson } from '../output/write-json.js';
import { parseFlags } from '../parse-flags.js';

const OPTIONS = { json: { type: 'boolean' } } as const;

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}

// Bodies are shown exactly as they went over the wire: the signature covers these bytes, not a re-formatting.
function exactBody(bytes: Uint8Array): string {
  return `body (${bytes.byteLength} bytes, exactly as on the wire):\n${Buffer.from(bytes).toString('utf8')}`;
}

/**
 * The `demo` command (the repository's `npm start`).
 *
 * @example
 * ```sh
 * auditnotify demo
 * ```
 */
export const demoCommand: Command = {
  name: 'demo',
  summary: 'Run the whole round trip on fresh keys in a temporary folder',
  help: `Usage: auditnotify demo [--json]

Generates a test key set in a temporary folder, starts a receiver (the Express plugin) on 127.0.0.1 with a
free port, sends the documentation's example notification (with a fresh out_request_no) with the client of
@auditnotify/core, prints what was sent, what the receiver saw and the verified answer, then stops the
receiver and removes the folder.

Flags:
  --json     print {sent, received, answer} as JSON

Example:
  auditnotify demo

${EXIT_CODES_HELP}`,
  async run(args, io) {
    const flags = parseFlags(args, OPTIONS);
    const folder = await mkdtemp(join(tmpdir(), 'auditnotify-demo-'));
    const server = createServer();
    try {
      const keyDir = join(folder, 'keys');
      const keySet = generateTestKeySet();
      await writeKeySet(keyDir, keySet);
      const receiverKeys = await resolveReceiver({ keys: keyDir }, io, { needSenders: true, needAnswerKey: true });
      const sender = await resolveSender({ keys: keyDir }, io, { needWechatpayKey: true });

      let seenHeaders: Record<string, unknown> = {};
      let received: NotifyContext | undefined;
      let rejected: RejectedEvent | undefined;
      // Loaded here, not at start-up: only listen and demo need Express (it is a third of the CLI's load time).
      const { createExpressMiddleware } = await import('@auditnotify/express');
      const { default: express } = await import('express');
      const app = express();
      // Records the request head only; the plugin still reads the raw body untouched.
      app.use((req, _res, next) => {
        seenHeaders = { ...req.headers };
        next();
      });
      app.use(
        createExpressMiddleware({
          senders: receiverKeys.senders,
          answerKeys: receiverKeys.answerKeys,
          handler: (context) => {
            received = context;
          },
          onRejected: (event) => {
            rejected = event;
          },
        }),
      );
      server.on('request', app);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => resolve());
      });
      const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

      const notification = { ...sampleNotification(), out_request_no: `demo${randomBytes(12).toString('hex')}` };
      const client = createClient({
        mchid: sender.mchid,
        serialNo: sender.serialNo,
        privateKey: sender.privateKey,
        wechatpayPublicKeys: sender.wechatpayPublicKeys,
        hosts: [origin],
      });
      const result = await client.send(notification);

      if (flags.json === true) {
        writeJson(io.stdout, {
          keys: { folder: keyDir, mchid: keySet.mchid, serial_no: keySet.serialNo, wechatpay_public_key_id: keySet.wechatpayPublicKeyId },
          receiver: `${origin}${NOTIFY_PATH}`,
          sent: { method: 'POST', url: result.url, headers: seenHeaders, body: result.requestBody },
          received: received === undefined ? { rejected } : {
            mchid: received.mchid,
            serialNo: received.serialNo,
            requestId: received.requestId,
            notification: received.notification,
            warnings: received.warnings,
          },
          answer: { status: result.status, headers: result.headers, body: result.responseBody, verified: result.verified },
        });
      } else {
        const sentHeaders = ['authorization', 'wechatpay-serial', 'content-type', 'accept']
          .filter((name) => seenHeaders[name] !== undefined)
          .map((name) => `${name}: ${String(seenHeaders[name])}`);
        const answerHeaders = Object.entries(result.headers)
          .filter(([name]) => /^(wechatpay-|request-id)/i.test(name))
          .map(([name, value]) => `${name}: ${String(value)}`);
        const lines = [
          `1. Keys: a fresh test key set in ${keyDir}`,
          `     mchid ${keySet.mchid}, serial_no ${keySet.serialNo}, answer key ${keySet.wechatpayPublicKeyId}`,
          '',
          `2. Receiver: the Express plugin listening on ${origin}${NOTIFY_PATH}`,
          '',
          `3. Sent with core's client: POST ${result.url}`,
          indent(sentHeaders.join('\n')),
          '',
          indent(exactBody(result.requestBody)),
          '',
          received === undefined
            ? `4. Receiver's view: REJECTED ${rejected?.code ?? ''} ${rejected?.message ?? ''}`
            : `4. Receiver's view: verified request from mchid ${received.mchid} (serial_no ${received.serialNo}), Request-ID ${received.requestId}`,
          ...(received === undefined
            ? []
            : [
                `     out_request_no ${received.notification.out_request_no}, audit_result ${received.notification.audit_result}`,
                ...received.warnings.map((warning) => `     lint warning ${warning.code}: ${warning.message}`),
              ]),
          '',
          `5. Answer: ${result.status}, signature verified with ${result.verified.keyId} (${result.attempts} attempt${result.attempts === 1 ? '' : 's'})`,
          indent(answerHeaders.join('\n')),
          '',
          indent(exactBody(result.responseBody)),
          '',
          '6. Stopped the receiver and removed the temporary folder.',
          '',
        ];
        io.stdout.write(lines.join('\n'));
      }
      return received === undefined ? EXIT.CHECK_FAILED : EXIT.OK;
    } finally {
      if (server.listening) {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      }
      await rm(folder, { recursive: true, force: true });
    }
  },
};
