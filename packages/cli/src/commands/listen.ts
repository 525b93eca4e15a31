/**
 * `auditnotify listen [--host 127.0.0.1] [--port 0] [--store …] [receiver flags]`: runs the Express plugin at
 * the endpoint's path with durable state (store-option.ts) and bounded connections (server-limits.ts); one
 * JSON line per notification handed to the handler on stdout; duplicates, conflicts and rejections on stderr.
 */
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { AuditNotifyError, ERROR_TABLE, NOTIFY_PATH, systemClock } from '@auditnotify/core';
import type { ReceiverStores } from '@auditnotify/core';
import type { Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { EXIT_CODES_HELP, RECEIVER_FLAGS_HELP } from '../help-text.js';
import { RECEIVER_OPTIONS, resolveReceiver, type ReceiverKeys } from '../options/receiver-options.js';
import type { CliIo } from '../io.js';
import { errnoWords } from '../output/errno-words.js';
import { writeJson } from '../output/write-json.js';
import { parseFlags } from '../parse-flags.js';
import { usageError } from '../usage-error.js';
import { describeStore, openStores, parseStoreFlag, type StoreSpec } from '../options/store-option.js';
import { DEFAULT_SERVER_LIMITS, SERVER_OPTIONS, applyServerLimits, parseServerLimits, type ServerLimits } from './server-limits.js';

const OPTIONS = {
  ...RECEIVER_OPTIONS,
  host: { type: 'string' },
  port: { type: 'string' },
  store: { type: 'string' },
  'headers-timeout': { type: 'string' },
  'request-timeout': { type: 'string' },
  'keep-alive-timeout': { type: 'string' },
  'max-connections': { type: 'string' },
} as const;

function parsePort(value: string | undefined): number {
  if (value === undefined) return 0;
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) throw usageError('--port must be 0-65535', { flag: '--port' });
  return Number(value);
}

function listenOn(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      // The flags were fine: the machine refused (port taken, address not here). A failure, exit 1.
      const hint = error.code === 'EADDRINUSE' ? `: another program listens on port ${port}; choose another --port, or --port 0 for a free one` : '';
      reject(new AuditNotifyError('NETWORK_ERROR', `cannot listen on ${host}:${port}: ${errnoWords(error.code)}${hint}`, { detail: { flag: '--port', port, issue: error.code } }));
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve(server.address() as AddressInfo);
    });
  });
}

/**
 * The `listen` command.
 *
 * @example
 * ```sh
 * auditnotify listen --keys ./keys --port 8080
 * ```
 */
export const listenCommand: Command = {
  name: 'listen',
  summary: 'Run a receiver (the Express plugin) and print each accepted notification',
  help: `Usage: auditnotify listen [--host 127.0.0.1] [--port 0] [--store sqlite:PATH] [receiver flags]

Runs a receiver at POST /v3/aggracct-bc/wb-channel/control-orders/info/update/result/notify with the
Express plugin. The first line on stdout is "listening on http://HOST:PORT" (port 0 picks a free port),
then one JSON line per notification handed to the handler: each notification once, however often it is
delivered. The first line on stderr names the store. Resends of a processed notification ("duplicate"),
the same out_request_no with other fields ("rejected … OUT_REQUEST_NO_CONFLICT") and every other
rejection go to stderr. Ctrl-C or SIGTERM closes the server and exits 0.

Flags:
  --host HOST               interface to listen on (default 127.0.0.1)
  --port PORT               port (default 0: any free port)
  --store sqlite:PATH       keep replayed nonces, the rate limit and processed notifications in an
                            SQLite file (default: sqlite:auditnotify-state.db in the working directory),
                            so a restart still refuses replays and processes nothing twice
  --store redis://HOST:PORT[/DB]
                            keep them in Redis, shared by several listen processes
  --store memory            keep them in memory (forgotten when listen stops)
  --headers-timeout MS      time to receive a request's head (default ${DEFAULT_SERVER_LIMITS.headersTimeoutMs})
  --request-timeout MS      time to receive a whole request (default ${DEFAULT_SERVER_LIMITS.requestTimeoutMs})
  --keep-alive-timeout MS   idle time of a kept-alive connection (default ${DEFAULT_SERVER_LIMITS.keepAliveTimeoutMs})
  --max-connections N       most open connections; more are closed at once (default ${DEFAULT_SERVER_LIMITS.maxConnections})

${RECEIVER_FLAGS_HELP}
Example:
  auditnotify listen --keys ./keys --port 8080

${EXIT_CODES_HELP}`,
  async run(args, io) {
    const flags = parseFlags(args, OPTIONS);
    const host = flags.host ?? '127.0.0.1';
    const port = parsePort(flags.port);
    const store = parseStoreFlag(flags.store, process.cwd());
    const limits = parseServerLimits(flags);
    const keys = await resolveReceiver(flags, io, { needSenders: true, needAnswerKey: true });
    const stores = await openStores(store, systemClock);
    try {
      return await serve({ io, keys, stores, store, limits, host, port });
    } finally {
      await stores.close();
    }
  },
};

interface Serving {
  io: CliIo;
  keys: ReceiverKeys;
  stores: ReceiverStores;
  store: StoreSpec;
  limits: ServerLimits;
  host: string;
  port: number;
}

/** Runs the server until Ctrl-C or SIGTERM; the caller closes the stores afterwards. */
async function serve({ io, keys, stores, store, limits, host, port }: Serving): Promise<number> {
  // Loaded here, not at start-up: only listen and demo need Express (it is a third of the CLI's load time).
  const { createExpressMiddleware } = await import('@auditnotify/express');
  const { default: express } = await import('express');
  const app = express();
  app.use(
    createExpressMiddleware({
      senders: keys.senders,
      answerKeys: keys.answerKeys,
      nonceStore: stores.nonceStore,
      rateLimiter: stores.rateLimiter,
      inbox: stores.inbox,
      handler: (context) => {
        writeJson(
          io.stdout,
          {
            event: 'accepted',
            requestId: context.requestId,
            mchid: context.mchid,
            serialNo: context.serialNo,
            notification: context.notification,
            warnings: context.warnings,
            unknownFields: context.unknownFields,
          },
          { compact: true },
        );
      },
      onRejected: (event) => {
        const wire = ERROR_TABLE[event.code].wire ?? event.code;
        io.stderr.write(`rejected ${event.status} ${wire} (${event.code}): ${event.message} [Request-ID ${event.requestId}]\n`);
      },
      onDuplicate: (event) => {
        io.stderr.write(`duplicate ${event.mchid}/${event.outRequestNo}: processed before, answered 200 from the store without printing it again [Request-ID ${event.requestId}]\n`);
      },
      onUnknownAnswerKey: (event) => {
        io.stderr.write(`unknown answer key: Wechatpay-Serial ${event.answerKeyId} names no key of this receiver; answered with ${event.answeredWith} [Request-ID ${event.requestId}]\n`);
      },
      onError: (_error, event) => {
        io.stderr.write(`failed ${event.status} (${event.code}): ${event.message} [Request-ID ${event.requestId}]\n`);
      },
      logger: { warn: (message: string) => io.stderr.write(`warning: ${message}\n`) },
    }),
  );
  const server = createServer(SERVER_OPTIONS, app);
  applyServerLimits(server, limits);
  // Signal handlers go in before the "listening on" line: whoever reads that line may stop us at once.
  let stop = (): void => {
    stopRequested = true;
  };
  let stopRequested = false;
  const removeStopHandler = io.onStop(() => stop());
  let address: AddressInfo;
  try {
    address = await listenOn(server, port, host);
  } catch (error) {
    removeStopHandler();
    throw error;
  }
  const closed = new Promise<void>((resolve) => {
    stop = () => {
      server.close(() => resolve());
      server.closeAllConnections();
    };
  });
  if (stopRequested) stop();
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  io.stdout.write(`listening on http://${shown}:${address.port}\n`);
  io.stderr.write(`state: ${describeStore(store)}\n`);
  io.stderr.write(
    `receiving POST http://${shown}:${address.port}${NOTIFY_PATH}` +
      ` (senders: ${keys.senders.map((sender) => sender.serialNo).join(', ')}; answers signed as ${keys.answerKeys[0]?.id ?? '?'})\n`,
  );
  await closed;
  io.stderr.write('stopped\n');
  return EXIT.OK;
}
