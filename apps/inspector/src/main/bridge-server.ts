/**
 * Browser mode's stand-in for the preload: a local HTTP server bound to 127.0.0.1 only that answers
 * `POST /api/<method>` with the same handlers as IPC and serves the built renderer with the strict CSP.
 *
 * Guards, in order (a web page in the user's browser must never reach the API):
 * 1. `Host` must be `127.0.0.1:PORT` or `localhost:PORT` → else 403 (DNS rebinding).
 * 2. An `Origin`, when sent, must be this server's own → else 403 (cross-site requests).
 * 3. API calls need the per-run token in `x-auditnotify-token` (timing-safe compare) → else 401. The token
 *    is never served: `npm start` prints it in the URL fragment (`#token=…`), where only the page reads it.
 * 4. API calls must be `application/json` POSTs, at most 20 MiB.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BRIDGE_ROUTE_PREFIX, BRIDGE_TOKEN_HEADER, isApiMethod, type ApiErrorShape } from '../shared/api.js';
import { CONTENT_SECURITY_POLICY } from '../shared/csp.js';
import type { ApiHandlers } from './api-handlers.js';
import { readRendererFile } from './renderer-files.js';

/**
 * Options of {@link startBridgeServer}.
 *
 * @example
 * ```ts
 * const options: BridgeServerOptions = { handlers, rendererDir: 'dist/renderer', port: 0 };
 * ```
 */
export interface BridgeServerOptions {
  handlers: ApiHandlers;
  /** Directory of the built renderer (`dist/renderer`). */
  rendererDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Per-run token; a fresh random one by default. */
  token?: string;
}

/**
 * A running bridge server.
 *
 * @example
 * ```ts
 * const bridge: BridgeServer = await startBridgeServer(options);
 * await bridge.close();
 * ```
 */
export interface BridgeServer {
  /** `http://127.0.0.1:PORT/` */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** Largest API request body. */
const BODY_LIMIT = 20 * 1024 * 1024;
const HOST = '127.0.0.1';

/**
 * Starts the bridge server.
 *
 * @example
 * ```ts
 * const bridge = await startBridgeServer({ handlers: createApiHandlers(services), rendererDir, port: 0 });
 * console.log(`inspector: ${bridge.url}#token=${bridge.token}`);
 * ```
 */
export async function startBridgeServer(options: BridgeServerOptions): Promise<BridgeServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  let port = 0;
  const server: Server = createServer((req, res) => {
    handle(req, res, options, token, port).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { code: 'INTERNAL_ERROR', message: error instanceof Error ? error.message : String(error) });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://${HOST}:${port}/`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, options: BridgeServerOptions, token: string, port: number): Promise<void> {
  const allowedHosts = [`${HOST}:${port}`, `localhost:${port}`];
  if (!allowedHosts.includes(req.headers.host ?? '')) return sendJson(res, 403, { code: 'FORBIDDEN', message: 'Host not allowed.' });
  const origin = req.headers.origin;
  if (origin !== undefined && !allowedHosts.some((h) => origin === `http://${h}`)) {
    return sendJson(res, 403, { code: 'FORBIDDEN', message: 'Origin not allowed.' });
  }
  const path = (req.url ?? '/').split('?')[0] ?? '/';

  if (path.startsWith(BRIDGE_ROUTE_PREFIX)) {
    if (!tokenMatches(req.headers[BRIDGE_TOKEN_HEADER], token)) return sendJson(res, 401, { code: 'FORBIDDEN', message: 'Missing or wrong bridge token.' });
    const method = path.slice(BRIDGE_ROUTE_PREFIX.length);
    if (!isApiMethod(method)) return sendJson(res, 404, { code: 'UNKNOWN_METHOD', message: `No API method ${method}.` });
    if (req.method !== 'POST') return sendJson(res, 405, { code: 'INVALID_INPUT', message: 'Use POST.' });
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
      return sendJson(res, 415, { code: 'INVALID_INPUT', message: 'Send application/json.' });
    }
    const body = await readBody(req);
    if (body === undefined) return sendJson(res, 413, { code: 'INVALID_INPUT', message: 'Request too large.' });
    let input: unknown;
    try {
      input = body.byteLength === 0 ? {} : (JSON.parse(body.toString('utf8')) as unknown);
    } catch {
      return sendJson(res, 400, { code: 'INVALID_INPUT', message: 'The request body is not JSON.' });
    }
    const result = await options.handlers[method](input);
    return writeJson(res, 200, result);
  }

  if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { code: 'INVALID_INPUT', message: 'Only GET for files.' });
  const file = readRendererFile(options.rendererDir, path);
  const headers = securityHeaders();
  if (!file) {
    const missing = readRendererFile(options.rendererDir, '/') === undefined;
    res.writeHead(missing ? 503 : 404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(missing ? 'The inspector UI is not built: run `npm run build -w @auditnotify/inspector`.\n' : 'Not found\n');
    return;
  }
  res.writeHead(200, { ...headers, 'Content-Type': file.contentType, 'Content-Length': file.body.byteLength, 'Cache-Control': 'no-store' });
  res.end(req.method === 'HEAD' ? undefined : file.body);
}

function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'X-Frame-Options': 'DENY',
  };
}

function tokenMatches(given: string | string[] | undefined, token: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.byteLength === b.byteLength && timingSafeEqual(a, b);
}

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    req.on('data', (chunk: Buffer) => {
      total += chunk.byteLength;
      if (total > BODY_LIMIT) {
        resolve(undefined);
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, error: ApiErrorShape): void {
  writeJson(res, status, { ok: false, error });
}

function writeJson(res: ServerResponse, status: number, value: unknown): void {
  const body = Buffer.from(JSON.stringify(value));
  res.writeHead(status, { ...securityHeaders(), 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': body.byteLength, 'Cache-Control': 'no-store' });
  res.end(body);
}
