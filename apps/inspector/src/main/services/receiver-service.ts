/**
 * The local receiver: the Express plugin (`@auditnotify/express`) on 127.0.0.1, trusting the stored keys
 * (merchant public keys verify requests, platform private keys sign answers). Every request it gets is kept
 * with its raw bytes, as an event the renderer polls and as a `received` history entry.
 */
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type RequestHandler } from 'express';
import { NOTIFY_PATH, parseAuthorization } from '@auditnotify/core';
import { createExpressMiddleware } from '@auditnotify/express';
import type { ReceiverEvent, ReceiverStatus } from '../../shared/api.js';
import { bytesView, fromUtf8, omittedBytesView } from './bytes.js';
import type { HistoryStore } from './history-store.js';
import { InspectorError, toApiError } from './errors.js';
import type { KeyStore } from './key-store.js';
import type { ProfileStore } from './profile-store.js';
import { rawRequestBytes, recordExchange, type RecordedExchange } from './receiver-recorder.js';
import { notificationFacts } from './send-service.js';

/**
 * The local receiver service.
 *
 * @example
 * ```ts
 * const receiver: ReceiverService = createReceiverService({ keys, history });
 * const { url } = await receiver.start();
 * receiver.events({ since: 0 }).events;
 * ```
 */
export interface ReceiverService {
  start(options?: { port?: number }): Promise<ReceiverStatus>;
  stop(): Promise<ReceiverStatus>;
  status(): ReceiverStatus;
  events(options?: { since?: number; limit?: number }): { events: ReceiverEvent[]; next: number; status: ReceiverStatus };
  /** URL of the notify endpoint, starting the receiver when it is stopped. */
  ensureUrl(): Promise<string>;
  /** Raw HTTP bytes of a recorded request (for `decode.run`). */
  rawRequest(eventId: string): Uint8Array | undefined;
}

/** Events kept in memory (bodies bounded like the history's). */
const EVENT_LIMIT = 500;
/** Only the loopback interface: the receiver is a local test double, never reachable from the network. */
const HOST = '127.0.0.1';
/** Largest body read at all; the plugin's own 64 KiB limit answers 413 for anything between. */
const RAW_LIMIT = 1024 * 1024;

/**
 * Creates the local receiver service (not started).
 *
 * @example
 * ```ts
 * const receiver = createReceiverService({ keys, history });
 * const { url } = await receiver.start();
 * ```
 */
export function createReceiverService(deps: { keys: KeyStore; history: HistoryStore; profiles?: ProfileStore }): ReceiverService {
  let server: Server | undefined;
  let port: number | undefined;
  /** The port of the last run: Start after Stop listens there again, so a URL pasted elsewhere stays right. */
  let lastPort: number | undefined;
  let seq = 0;
  let accepted = 0;
  let rejected = 0;
  const events: ReceiverEvent[] = [];
  const raw = new Map<string, Uint8Array>();
  let plugin: RequestHandler = notReady('no keys yet');
  /** Why the last start failed (a taken port), until the next start succeeds. */
  let startError: ReceiverStatus['error'];
  const pinnedPort = (): number | undefined => deps.profiles?.current().receiverPort;

  const rebuild = (): void => {
    const merchants = deps.keys.list().filter((k) => k.role === 'merchant');
    const platforms = deps.keys.list().filter((k) => k.role === 'platform' && k.hasPrivateKey);
    if (merchants.length === 0 || platforms.length === 0) {
      plugin = notReady('import or generate a merchant key and a platform key first');
      return;
    }
    try {
      plugin = createExpressMiddleware({
        senders: merchants.map((k) => ({
          serialNo: k.keyId,
          publicKey: deps.keys.get(k.id).publicKey,
          ...(k.mchid ? { mchids: [k.mchid] } : {}),
        })),
        answerKeys: platforms.map((k) => ({ id: k.keyId, privateKey: deps.keys.get(k.id).privateKey! })),
        // Nothing to store: the feed records every exchange; the sender gets 200 {"ret_msg":"SUCC"}.
        handler: () => undefined,
        // The inspector is a test bench: integrators send bursts on purpose.
        rateLimiter: false,
        logger: { warn: () => undefined },
      });
    } catch (error) {
      plugin = notReady(error instanceof Error ? error.message : String(error));
    }
  };
  rebuild();
  deps.keys.onChange(rebuild);

  const record = (exchange: RecordedExchange): void => {
    const id = `e_${randomBytes(6).toString('hex')}`;
    const answer = jsonObject(exchange.responseBody);
    const notification = jsonObject(exchange.requestBody);
    const ok = exchange.status >= 200 && exchange.status < 300;
    const reason = typeof (answer?.['detail'] as { reason?: unknown } | undefined)?.reason === 'string' ? ((answer?.['detail'] as { reason: string }).reason) : undefined;
    const code = ok ? undefined : reason ?? (typeof answer?.['code'] === 'string' ? (answer['code'] as string) : `HTTP_${exchange.status}`);
    const message = ok ? 'accepted' : typeof answer?.['message'] === 'string' ? (answer['message'] as string) : `answered ${exchange.status}`;
    const headers = headerMap(exchange.rawHeaders);
    const auth = authorizationFacts(headers['authorization']);
    const requestId = exchange.responseHeaders['request-id'];
    if (ok) accepted += 1;
    else rejected += 1;
    const facts = notificationFacts(notification);
    // Only the notify path's bodies are worth keeping; anything else sent here is recorded by its length and
    // SHA-256 (a flood of junk must not fill the history, see history-store.ts).
    const onNotifyPath = exchange.url.split('?')[0] === NOTIFY_PATH;
    const requestBody = onNotifyPath ? bytesView(exchange.requestBody) : omittedBytesView(bytesView(exchange.requestBody), 'not-notify-path');
    const entry = deps.history.add({
      direction: 'received',
      method: exchange.method,
      url: exchange.url,
      status: exchange.status,
      ok,
      code: code ?? 'accepted',
      title: ok ? `${exchange.status} accepted` : `${exchange.status} ${code ?? ''}`.trim(),
      ...facts,
      request: { method: exchange.method, url: exchange.url, headers, body: requestBody },
      response: { status: exchange.status, headers: exchange.responseHeaders, body: bytesView(exchange.responseBody) },
    });
    // The event shows what the history kept; the raw request (for Decode) only when its body was kept.
    const kept = entry.request.body.omitted === undefined;
    const rawBytes = kept ? rawRequestBytes(exchange) : undefined;
    seq += 1;
    events.push({
      seq,
      id,
      at: entry.at,
      outcome: ok ? 'accepted' : 'rejected',
      status: exchange.status,
      ...(code ? { code } : {}),
      message,
      ...(requestId ? { requestId } : {}),
      ...auth,
      ...(facts.outRequestNo ? { outRequestNo: facts.outRequestNo } : {}),
      ...(facts.auditResult ? { auditResult: facts.auditResult } : {}),
      request: entry.request,
      response: entry.response!,
      rawRequestBase64: rawBytes ? Buffer.from(rawBytes).toString('base64') : '',
      historyId: entry.id,
    });
    if (rawBytes) raw.set(id, rawBytes);
    while (events.length > EVENT_LIMIT) raw.delete(events.shift()!.id);
  };

  const app = express();
  app.disable('x-powered-by');
  // Raw bytes first: the plugin verifies the Buffer express.raw() leaves in req.body, and the recorder keeps it.
  app.use(express.raw({ type: () => true, limit: RAW_LIMIT }));
  app.use((req, res, next) => {
    recordExchange(req, res, record);
    next();
  });
  app.use((req, res, next) => plugin(req, res, next));
  app.use((_req, res) => {
    res.status(404).json({ code: 'INVALID_REQUEST', message: `The local receiver answers only POST ${NOTIFY_PATH}.` });
  });

  const status = (): ReceiverStatus => ({
    running: server !== undefined,
    ...(server && port !== undefined ? { url: `http://${HOST}:${port}${NOTIFY_PATH}`, port } : {}),
    path: NOTIFY_PATH,
    senders: deps.keys.list().filter((k) => k.role === 'merchant').map((k) => k.keyId),
    answerKeys: deps.keys.list().filter((k) => k.role === 'platform' && k.hasPrivateKey).map((k) => k.keyId),
    accepted,
    rejected,
    ...(pinnedPort() === undefined ? {} : { pinnedPort: pinnedPort() }),
    ...(startError ? { error: startError } : {}),
  });

  const start = async (options: { port?: number } = {}): Promise<ReceiverStatus> => {
    if (server) return status();
    const listen = async (wanted: number): Promise<Server> => {
      const listening = app.listen(wanted, HOST);
      await new Promise<void>((resolve, reject) => {
        listening.once('listening', resolve);
        listening.once('error', reject);
      });
      return listening;
    };
    // An explicit port, else the chosen profile's pinned port, else the last run's port, else any free one.
    const wanted = options.port ?? pinnedPort();
    let listening: Server;
    try {
      listening = await listen(wanted ?? lastPort ?? 0);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
      if (wanted !== undefined && wanted !== 0) {
        const taken = new InspectorError('RECEIVER_PORT_IN_USE', `Port ${wanted} on ${HOST} is in use by another program: stop it, or choose another port for the profile.`, { port: wanted });
        startError = toApiError(taken);
        throw taken;
      }
      // The previous port was taken meanwhile: any free one.
      listening = await listen(0);
    }
    startError = undefined;
    server = listening;
    port = (listening.address() as AddressInfo).port;
    lastPort = port;
    return status();
  };

  return {
    start,
    async stop() {
      const closing = server;
      server = undefined;
      port = undefined;
      if (closing) {
        closing.closeAllConnections();
        await new Promise<void>((resolve) => closing.close(() => resolve()));
      }
      return status();
    },
    status,
    events({ since = 0, limit = 200 } = {}) {
      const newer = events.filter((e) => e.seq > since).slice(0, limit);
      return { events: newer, next: newer.at(-1)?.seq ?? Math.max(since, 0), status: status() };
    },
    async ensureUrl() {
      const current = server ? status() : await start();
      return current.url ?? '';
    },
    rawRequest: (eventId) => raw.get(eventId),
  };
}

function notReady(reason: string): RequestHandler {
  return (_req, res) => {
    res.status(503).json({ code: 'SYSTEM_ERROR', message: `The local receiver is not ready: ${reason}.` });
  };
}

function headerMap(rawHeaders: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = (rawHeaders[i] ?? '').toLowerCase();
    headers[name] = headers[name] === undefined ? rawHeaders[i + 1] ?? '' : `${headers[name]}, ${rawHeaders[i + 1] ?? ''}`;
  }
  return headers;
}

function authorizationFacts(header: string | undefined): { mchid?: string; serialNo?: string } {
  try {
    const fields = parseAuthorization(header);
    return { mchid: fields.mchid, serialNo: fields.serialNo };
  } catch {
    return {};
  }
}

function jsonObject(bytes: Uint8Array): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(fromUtf8(bytes));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
