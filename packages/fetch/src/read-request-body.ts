import type { RawBodyResult } from '@auditnotify/core/node';

/**
 * Reads the body of a Fetch `Request` with `limit` enforced while streaming: a `Content-Length` over the limit
 * is refused before a byte is read, and a body without one is refused as soon as the running total passes the
 * limit. Either way the rest is left unread (never buffered), and the 413 goes out while the sender is still
 * sending; the runtime deals with the unread rest once the answer is written (it drops it, or closes the
 * connection as workerd does). Reading it here would pull the body in as fast as the sender produces it
 * for as long as the answer takes, and cancelling the stream resets the connection before the 413 is read.
 * A body somebody already read (`request.bodyUsed`) is reported at once as `RAW_BODY_UNAVAILABLE`; a sender
 * that goes away mid-body as `ABORTED`.
 *
 * @example
 * ```ts
 * const result = await readRequestBody(request, 65_536);
 * if (result.ok) console.log(result.body.byteLength);
 * ```
 */
export async function readRequestBody(request: Request, limit: number): Promise<RawBodyResult> {
  if (request.bodyUsed) {
    return {
      ok: false,
      code: 'RAW_BODY_UNAVAILABLE',
      message: 'the request body was already read (request.bodyUsed) and no raw body bytes were kept',
    };
  }
  const body = request.body;
  if (body === null) return { ok: true, body: new Uint8Array(0) };
  const reader = body.getReader();
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (declared > limit) {
    reader.releaseLock();
    return tooLarge(limit, 0);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    let step: Awaited<ReturnType<typeof reader.read>>;
    try {
      step = await reader.read();
    } catch {
      // A sender that disconnects mid-body is not a fault of the server: nothing to answer, nothing to throw.
      return { ok: false, code: 'ABORTED', message: 'the client closed the connection before the body was complete', receivedBytes: total };
    }
    if (step.done) break;
    total += step.value.byteLength;
    if (total > limit) {
      reader.releaseLock();
      return tooLarge(limit, total);
    }
    chunks.push(step.value);
  }
  return { ok: true, body: concat(chunks, total) };
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1 && chunks[0] !== undefined) return chunks[0];
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function tooLarge(limit: number, receivedBytes: number): RawBodyResult {
  return { ok: false, code: 'BODY_TOO_LARGE', message: `the request body is larger than the limit of ${limit} bytes`, receivedBytes };
}

