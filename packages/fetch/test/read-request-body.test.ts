import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAuditNotifyError } from '@auditnotify/core';
import { createFetchHandler, readRequestBody } from '../src/index.js';

/** A Request whose body arrives in the given chunks, with or without a Content-Length. */
function streamed(chunks: Uint8Array[], declareLength: boolean): Request {
  const total = chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0);
  let next = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[next++];
      if (chunk === undefined) controller.close();
      else controller.enqueue(chunk);
    },
  });
  const headers = declareLength ? { 'content-length': String(total) } : undefined;
  return new Request('http://127.0.0.1/notify', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);
}

describe('readRequestBody', () => {
  it('returns the exact bytes up to the limit and BODY_TOO_LARGE past it, however the body is chunked', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.uint8Array({ maxLength: 64 }), { maxLength: 12 }), fc.nat(400), fc.boolean(), async (chunks, limit, declareLength) => {
        const bytes = Uint8Array.from(chunks.flatMap((chunk) => [...chunk]));
        const result = await readRequestBody(streamed(chunks, declareLength), limit);
        if (bytes.byteLength <= limit) {
          expect(result).toEqual({ ok: true, body: bytes });
        } else {
          expect(result).toMatchObject({ ok: false, code: 'BODY_TOO_LARGE' });
          // Reading stops at the first chunk past the limit (or before any, when Content-Length says so).
          const received = (result as { receivedBytes?: number }).receivedBytes ?? -1;
          expect(received).toBeLessThanOrEqual(limit + 64);
          if (declareLength) expect(received).toBe(0);
        }
      }),
    );
  });

  it('reports a body that was already read as RAW_BODY_UNAVAILABLE', async () => {
    const request = new Request('http://127.0.0.1/notify', { method: 'POST', body: '{}' });
    await request.text();
    expect(await readRequestBody(request, 100)).toMatchObject({ ok: false, code: 'RAW_BODY_UNAVAILABLE' });
  });

  it('reports a body stream that fails mid-way as ABORTED', async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array([123]));
        controller.error(new Error('connection reset'));
      },
    });
    const request = new Request('http://127.0.0.1/notify', { method: 'POST', body, duplex: 'half' } as RequestInit);
    expect(await readRequestBody(request, 100)).toMatchObject({ ok: false, code: 'ABORTED' });
  });
});

describe('createFetchHandler options', () => {
  it('throws INVALID_OPTIONS naming fallback when it is not a function', () => {
    let thrown: unknown;
    try {
      createFetchHandler({ senders: [], answerKeys: [], handler: () => undefined, fallback: 'index.html' as never });
    } catch (error) {
      thrown = error;
    }
    expect(isAuditNotifyError(thrown) && thrown.code).toBe('INVALID_OPTIONS');
    expect((thrown as Error).message).toMatch(/fallback must be a function/);
  });

  it('throws INVALID_OPTIONS for options that are not an object', () => {
    expect(() => createFetchHandler(undefined as never)).toThrow(/options must be an object/);
  });
});
