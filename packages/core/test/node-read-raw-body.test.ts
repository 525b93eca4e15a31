import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readRawBody } from '../src/node/index.js';

/** A byte stream shaped like a request: what readRawBody uses of IncomingMessage is a Readable and headers. */
function request(chunks: Uint8Array[], headers: Record<string, string> = {}): IncomingMessage {
  return Object.assign(Readable.from(chunks.map((chunk) => Buffer.from(chunk)), { objectMode: false }), { headers }) as unknown as IncomingMessage;
}

const chunks = fc.array(fc.uint8Array({ minLength: 1, maxLength: 64 }), { maxLength: 12 });

describe('readRawBody', () => {
  it('returns the exact bytes however they are chunked, or BODY_TOO_LARGE past the limit', async () => {
    await fc.assert(
      fc.asyncProperty(chunks, fc.integer({ min: 0, max: 800 }), async (parts, limit) => {
        const expected = Buffer.concat(parts);
        const result = await readRawBody(request(parts), limit);
        if (expected.length <= limit) expect(result).toEqual({ ok: true, body: expected });
        else {
          expect(result).toMatchObject({ ok: false, code: 'BODY_TOO_LARGE' });
          // The bytes that arrived before reading stopped: past the limit, never more than were sent.
          const received = result.ok ? -1 : (result.receivedBytes ?? -1);
          expect(received).toBeGreaterThan(limit);
          expect(received).toBeLessThanOrEqual(expected.length);
        }
      }),
    );
  });

  it('refuses a Content-Length over the limit before reading a byte', async () => {
    const req = request([Buffer.from('{}')], { 'content-length': '70000' });
    expect(await readRawBody(req, 65_536)).toMatchObject({ ok: false, code: 'BODY_TOO_LARGE', receivedBytes: 0 });
    expect(req.readableDidRead).toBe(false);
  });

  it('reports RAW_BODY_UNAVAILABLE at once for a stream somebody already read', async () => {
    const req = request([Buffer.from('{"a":1}')]);
    for await (const _chunk of req) {
      // a body parser mounted first
    }
    expect(await readRawBody(req, 65_536)).toMatchObject({ ok: false, code: 'RAW_BODY_UNAVAILABLE' });
  });

  it('reports ABORTED when the stream is destroyed mid-body', async () => {
    const req = Object.assign(new Readable({ read() {} }), { headers: {} }) as unknown as IncomingMessage;
    const pending = readRawBody(req, 65_536);
    req.push(Buffer.from('{"out_'));
    req.destroy();
    expect(await pending).toMatchObject({ ok: false, code: 'ABORTED' });
  });
});
