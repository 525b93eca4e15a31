import http from 'node:http';
import { Readable } from 'node:stream';

/**
 * An HTTP answer as the client received it.
 *
 * @example
 * ```ts
 * const { status, headers, text }: ClientAnswer = await send(url, { method: 'GET', url: '/health' });
 * ```
 */
export interface ClientAnswer {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: Uint8Array;
  /** The body decoded as UTF-8. */
  text: string;
}

/**
 * A request to send: method, path plus query exactly as signed, headers and body bytes.
 *
 * @example
 * ```ts
 * const request: ClientRequest = await createTestRequest({ keys }); // has the same shape
 * ```
 */
export interface ClientRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: Uint8Array | string;
}

/**
 * Sends one request with Node's `fetch` (undici) and reads the whole answer as bytes.
 *
 * @example
 * ```ts
 * const answer = await send('http://127.0.0.1:3000', { method: 'GET', url: '/health' });
 * console.log(answer.status, answer.text);
 * ```
 */
export async function send(base: string, request: ClientRequest): Promise<ClientAnswer> {
  const response = await fetch(base + request.url, {
    method: request.method,
    headers: request.headers ?? {},
    ...(request.body === undefined ? {} : { body: request.body }),
  });
  const body = new Uint8Array(await response.arrayBuffer());
  return {
    status: response.status,
    headers: Object.fromEntries(response.headers),
    body,
    text: Buffer.from(body).toString('utf8'),
  };
}

/**
 * What {@link sendEndlessBody} saw.
 *
 * @example
 * ```ts
 * const { status, answeredBeforeBodyEnd }: EndlessBodyResult = await sendEndlessBody(url, options);
 * ```
 */
export interface EndlessBodyResult {
  status: number;
  text: string;
  /** Bytes of body the client had produced when the answer arrived. */
  bytesProduced: number;
  /** True when the answer arrived before the client finished sending the body. */
  answeredBeforeBodyEnd: boolean;
}

/**
 * Streams a body of `totalBytes` with `node:http`, produced lazily one chunk at a time (so nothing is sent
 * faster than the server reads it), and stops producing as soon as the answer arrives. With
 * `declareLength` the request carries `Content-Length: totalBytes`; without it, chunked encoding.
 *
 * @example
 * ```ts
 * const result = await sendEndlessBody(url, { path: '/notify', headers, totalBytes: 1 << 30, declareLength: false });
 * console.log(result.status, result.bytesProduced);
 * ```
 */
export function sendEndlessBody(
  base: string,
  options: { path: string; headers: Record<string, string>; totalBytes: number; declareLength: boolean },
): Promise<EndlessBodyResult> {
  const { hostname, port } = new URL(base);
  const chunk = Buffer.alloc(256 * 1024, 0x20);
  return new Promise((resolve, reject) => {
    let produced = 0;
    let answered = false;
    const body = new Readable({
      read() {
        if (answered) return;
        if (produced >= options.totalBytes) return void this.push(null);
        const size = Math.min(chunk.length, options.totalBytes - produced);
        produced += size;
        this.push(chunk.subarray(0, size));
      },
    });
    const headers = { ...options.headers };
    if (options.declareLength) headers['content-length'] = String(options.totalBytes);
    const req = http.request({ host: hostname, port: Number(port), method: 'POST', path: options.path, headers });
    req.on('response', (res) => {
      answered = true;
      const bytesProduced = produced;
      const answeredBeforeBodyEnd = produced < options.totalBytes;
      const parts: Buffer[] = [];
      res.on('data', (part: Buffer) => parts.push(part));
      res.on('end', () => {
        body.destroy();
        req.destroy();
        resolve({
          status: res.statusCode ?? 0,
          text: Buffer.concat(parts).toString('utf8'),
          bytesProduced,
          answeredBeforeBodyEnd,
        });
      });
      res.on('error', reject);
    });
    // Once the server has answered and closed, writing the rest fails: that is expected, not an error.
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    body.pipe(req);
  });
}

/**
 * Starts a request with `Content-Length: declaredBytes`, waits until the server has taken it (its
 * `100 Continue` answer to `Expect: 100-continue`), sends a few bytes and disconnects: a client that goes
 * away mid-body. With `expectContinue: false` (a server that never answers `Expect`, such as workerd) the
 * few bytes go out with the request head and the client disconnects once they are written.
 *
 * @example
 * ```ts
 * await abandonBody(url, { path: '/notify', headers, declaredBytes: 1000 });
 * ```
 */
export function abandonBody(
  base: string,
  options: { path: string; headers: Record<string, string>; declaredBytes: number; expectContinue?: boolean },
): Promise<void> {
  const { hostname, port } = new URL(base);
  const expectContinue = options.expectContinue ?? true;
  return new Promise((resolve) => {
    const req = http.request({
      host: hostname,
      port: Number(port),
      method: 'POST',
      path: options.path,
      headers: { ...options.headers, 'content-length': String(options.declaredBytes), ...(expectContinue ? { expect: '100-continue' } : {}) },
    });
    const abandon = (): void => {
      req.write('{"out_re', () => {
        req.destroy();
        resolve();
      });
    };
    if (expectContinue) req.on('continue', abandon);
    else abandon();
    req.on('error', () => undefined);
  });
}

/**
 * Sends one request with `node:http`, whose header values may be lists: each value goes on its own header
 * line (as `fetch` never does), for requests that repeat a header.
 *
 * @example
 * ```ts
 * const answer = await sendRepeatingHeaders(url, { method: 'POST', url: '/notify', headers: { authorization: [first, second] }, body });
 * ```
 */
export function sendRepeatingHeaders(
  base: string,
  request: { method: string; url: string; headers: Record<string, string | string[]>; body?: Uint8Array | string },
): Promise<ClientAnswer> {
  return new Promise((resolve, reject) => {
    const outgoing = http.request(base + request.url, { method: request.method, headers: request.headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const body = new Uint8Array(Buffer.concat(chunks));
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(response.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
        resolve({ status: response.statusCode ?? 0, headers, body, text: Buffer.from(body).toString('utf8') });
      });
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(request.body);
  });
}
