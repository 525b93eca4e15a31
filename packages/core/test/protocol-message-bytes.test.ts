// The signing messages and answer bodies are written byte by byte when their text is ASCII: the bytes must be
// exactly TextEncoder's for every string (non-ASCII, lone surrogates included), in an exact-size buffer.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { encodeMessage, encodeUtf8 } from '../src/protocol/message-bytes.js';

const encoder = new TextEncoder();
const text = fc.oneof(fc.string({ unit: 'grapheme-ascii' }), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }));

describe('message bytes', () => {
  it('encodeUtf8 gives the bytes TextEncoder gives', () => {
    fc.assert(
      fc.property(text, (value) => {
        const bytes = encodeUtf8(value);
        expect(bytes).toEqual(encoder.encode(value));
        expect(bytes.buffer.byteLength).toBe(bytes.byteLength);
      }),
    );
  });

  it('encodeMessage gives head, body and the final newline, in an exact-size buffer', () => {
    fc.assert(
      fc.property(text, fc.uint8Array({ maxLength: 64 }), (head, body) => {
        const message = encodeMessage(head, body);
        expect(message).toEqual(new Uint8Array([...encoder.encode(head), ...body, 0x0a]));
        expect(message.buffer.byteLength).toBe(message.byteLength);
      }),
    );
  });

  it('takes a head with a non-ASCII character as UTF-8', () => {
    expect([...encodeMessage('审\n', new Uint8Array([0x7b]))]).toEqual([0xe5, 0xae, 0xa1, 0x0a, 0x7b, 0x0a]);
    expect([...encodeMessage('a\ud800\n', new Uint8Array([]))]).toEqual([0x61, 0xef, 0xbf, 0xbd, 0x0a, 0x0a]);
  });
});
