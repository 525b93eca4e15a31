import type { IncomingMessage } from 'node:http';

/**
 * The outcome of reading a request body: the bytes, or the reason there are none to verify (`ABORTED`: the
 * client went away mid-body, so there is nobody to answer).
 *
 * @example
 * ```ts
 * const result: RawBodyResult = { ok: false, code: 'BODY_TOO_LARGE', message: 'over 65536 bytes' };
 * ```
 */
export type RawBodyResult =
  | { ok: true; body: Uint8Array }
  | {
      ok: false;
      code: 'BODY_TOO_LARGE' | 'RAW_BODY_UNAVAILABLE' | 'ABORTED';
      message: string;
      /**
       * BODY_TOO_LARGE: bytes that arrived before reading stopped (0 when Content-Length alone was over);
       * ABORTED: bytes that arrived before the client went away.
       */
      receivedBytes?: number;
    };

/**
 * Reads the raw body of a Node request stream with `limit` enforced while streaming: a `Content-Length`
 * over the limit is refused before a byte is read, and a chunked body is refused as soon as the running
 * total passes the limit (the rest is discarded as it arrives, never buffered). A stream that somebody else
 * already read (a body parser mounted first) is reported at once instead of waiting for an `end` that will
 * never come.
 *
 * @example
 * ```ts
 * const result = await readRawBody(req, 65_536);
 * if (result.ok) console.log(result.body.byteLength);
 * ```
 */
export function readRawBody(req: IncomingMessage, limit: number): Promise<RawBodyResult> {
  if (req.readableDidRead || req.readableEnded || req.destroyed) {
    return Promise.resolve({
      ok: false,
      code: 'RAW_BODY_UNAVAILABLE',
      message: 'the request stream was already consumed and no raw body bytes were kept',
    });
  }
  const declared = Number(req.headers['content-length'] ?? Number.NaN);
  if (declared > limit) return Promise.resolve(tooLarge(limit, 0));
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const cleanup = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onAborted);
      req.off('close', onAborted);
    };
    const onData = (chunk: Buffer): void => {
      total += chunk.length;
      if (total <= limit) return void chunks.push(chunk);
      cleanup();
      // Keep the stream flowing with no listener: the remaining bytes are dropped as they arrive.
      req.resume();
      resolve(tooLarge(limit, total));
    };
    const onEnd = (): void => {
      cleanup();
      resolve({ ok: true, body: Buffer.concat(chunks, total) });
    };
    // A client that disconnects mid-body is not a fault of the server: nothing to answer, nothing to throw.
    const onAborted = (): void => {
      cleanup();
      resolve({ ok: false, code: 'ABORTED', message: 'the client closed the connection before the body was complete', receivedBytes: total });
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onAborted);
    req.on('close', onAborted);
  });
}

function tooLarge(limit: number, receivedBytes: number): RawBodyResult {
  return { ok: false, code: 'BODY_TOO_LARGE', message: `the request body is larger than the limit of ${limit} bytes`, receivedBytes };
}
