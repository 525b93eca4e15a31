/**
 * Records what reaches the local receiver byte for byte. The request body is read once by `express.raw()`
 * in front of the Express plugin (which takes the raw Buffer from `req.body`, so both see the same bytes);
 * the answer is kept from `write`/`end`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * One recorded exchange.
 *
 * @example
 * ```ts
 * recordExchange(req, res, (exchange: RecordedExchange) => console.log(exchange.status, exchange.requestBody.byteLength));
 * ```
 */
export interface RecordedExchange {
  method: string;
  url: string;
  httpVersion: string;
  /** Header name/value pairs exactly as received (names in their original case). */
  rawHeaders: string[];
  requestBody: Uint8Array;
  status: number;
  responseHeaders: Record<string, string>;
  responseBody: Uint8Array;
}

/**
 * Taps one request/response pair and calls `onDone` once the answer is finished.
 *
 * @example
 * ```ts
 * app.use(express.raw({ type: () => true }), (req, res, next) => { recordExchange(req, res, (x) => events.push(x)); next(); });
 * ```
 */
export function recordExchange(req: IncomingMessage, res: ServerResponse, onDone: (exchange: RecordedExchange) => void): void {
  const responseChunks: Buffer[] = [];
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  const keep = (chunk: unknown, encoding: unknown): void => {
    if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
    responseChunks.push(typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8') : Buffer.from(chunk as Uint8Array));
  };
  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    keep(chunk, rest[0]);
    return write(chunk, ...rest);
  }) as typeof res.write;
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    keep(chunk, rest[0]);
    return end(chunk, ...rest);
  }) as typeof res.end;

  // Headers handed to writeHead() directly never show up in getHeaders(): keep them as they pass.
  const written: Record<string, string> = {};
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
  res.writeHead = ((status: number, ...rest: unknown[]) => {
    const headers = rest.find((r) => r !== null && typeof r === 'object');
    if (headers) for (const [name, value] of Object.entries(headers)) written[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    return writeHead(status, ...rest);
  }) as typeof res.writeHead;

  res.once('finish', () => {
    const responseHeaders: Record<string, string> = {};
    for (const [name, value] of Object.entries(res.getHeaders())) {
      if (value !== undefined) responseHeaders[name] = Array.isArray(value) ? value.join(', ') : String(value);
    }
    Object.assign(responseHeaders, written);
    onDone({
      method: req.method ?? 'GET',
      url: (req as { originalUrl?: string }).originalUrl ?? req.url ?? '/',
      httpVersion: req.httpVersion,
      rawHeaders: [...req.rawHeaders],
      requestBody: bodyOf(req),
      status: res.statusCode,
      responseHeaders,
      responseBody: Buffer.concat(responseChunks),
    });
  });
}

/**
 * The recorded request as HTTP/1.1 text bytes, ready for core's `parseRawHttpRequest`.
 *
 * @example
 * ```ts
 * parseRawHttpRequest(rawRequestBytes(exchange)).body; // the exact body bytes
 * ```
 */
export function rawRequestBytes(exchange: RecordedExchange): Uint8Array {
  const lines = [`${exchange.method} ${exchange.url} HTTP/${exchange.httpVersion}`];
  let hasLength = false;
  for (let i = 0; i + 1 < exchange.rawHeaders.length; i += 2) {
    const name = exchange.rawHeaders[i] ?? '';
    // The body is kept de-chunked, so a chunked request is written back with its length instead.
    if (name.toLowerCase() === 'transfer-encoding') continue;
    if (name.toLowerCase() === 'content-length') hasLength = true;
    lines.push(`${name}: ${exchange.rawHeaders[i + 1] ?? ''}`);
  }
  if (!hasLength) lines.push(`Content-Length: ${exchange.requestBody.byteLength}`);
  const head = Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
  return Buffer.concat([head, exchange.requestBody]);
}

function bodyOf(req: IncomingMessage): Uint8Array {
  const body: unknown = (req as IncomingMessage & { body?: unknown }).body;
  return Buffer.isBuffer(body) ? body : new Uint8Array();
}
