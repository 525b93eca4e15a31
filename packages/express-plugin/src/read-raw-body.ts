import type { IncomingMessage } from 'node:http';

/** The outcome of reading a request body: the bytes, or the reason there are none to verify. */
export type RawBodyResult =
  | { ok: true; body: Uint8Array }
  | { ok: false; code: 'BODY_TOO_LARGE' | 'RAW_BODY_UNAVAILABLE'; message: string };

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
  if (declared > limit) return Promise.resolve(tooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const cleanup = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    const onData = (chunk: Buffer): void => {
      total += chunk.length;
      if (total <= limit) return void chunks.push(chunk);
      cleanup();
      // Keep the stream flowing with no listener: the remaining bytes are dropped as they arrive.
      req.resume();
      resolve(tooLarge(limit));
    };
    const onEnd = (): void => {
      cleanup();
      resolve({ ok: true, body: Buffer.concat(chunks, total) });
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(error);
    };
    const onClose = (): void => {
      cleanup();
      reject(new Error('the client closed the connection before the request body was complete'));
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

function tooLarge(limit: number): RawBodyResult {
  return { ok: false, code: 'BODY_TOO_LARGE', message: `the request body is larger than the limit of ${limit} bytes` };
}
