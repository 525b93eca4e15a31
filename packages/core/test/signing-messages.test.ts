import { describe, expect, it } from 'vitest';
import { buildRequestMessage, buildResponseMessage } from '../src/protocol/index.js';
import { utf8, vectors } from './vectors-fixtures.js';

const decode = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

describe('buildRequestMessage (protocol.md §3)', () => {
  it.each(vectors.requests.map((v) => [`${v.method} ${v.url}`, v] as const))(
    'builds the vector message byte for byte for %s, from a string body and from bytes',
    (_name, v) => {
      const input = { method: v.method, url: v.url, timestamp: v.timestamp, nonce: v.nonce_str };
      expect(buildRequestMessage({ ...input, body: v.body })).toEqual(utf8(v.message));
      expect(buildRequestMessage({ ...input, body: utf8(v.body) })).toEqual(utf8(v.message));
      expect(buildRequestMessage({ ...input, timestamp: Number(v.timestamp), body: utf8(v.body) })).toEqual(utf8(v.message));
    },
  );

  it('ends an empty body with the blank final line "NONCE\\n\\n"', () => {
    const message = buildRequestMessage({ method: 'GET', url: '/v3/x?a=1', timestamp: 1, nonce: 'N', body: '' });
    expect(decode(message)).toBe('GET\n/v3/x?a=1\n1\nN\n\n');
  });

  it('upper-cases the method', () => {
    expect(decode(buildRequestMessage({ method: 'post', url: '/', timestamp: 1, nonce: 'N', body: '' }))).toMatch(/^POST\n/);
  });

  it('copies body bytes unchanged, even bytes that are not valid UTF-8 (never re-encodes)', () => {
    const body = new Uint8Array([0xff, 0xfe, 0x00, 0xe4, 0xbd, 0xa0, 0x0d, 0x0a]);
    const message = buildRequestMessage({ method: 'POST', url: '/p', timestamp: 7, nonce: 'N', body });
    const head = utf8('POST\n/p\n7\nN\n');
    expect(message.subarray(0, head.length)).toEqual(head);
    expect(message.subarray(head.length, head.length + body.length)).toEqual(body);
    expect(message[message.length - 1]).toBe(0x0a);
    expect(message.length).toBe(head.length + body.length + 1);
    expect(message.buffer.byteLength).toBe(message.length);
  });

  it('keeps the query string exactly as given (no re-encoding, no sorting)', () => {
    const url = '/v3/x?b=2&a=%E4%BD%A0&c=a+b';
    expect(decode(buildRequestMessage({ method: 'GET', url, timestamp: 1, nonce: 'N', body: '' }))).toContain(`\n${url}\n`);
  });

  it('encodes a string body as UTF-8 (Chinese text, protocol.md §7 item 7)', () => {
    const message = buildRequestMessage({ method: 'POST', url: '/', timestamp: 1, nonce: 'N', body: '你好' });
    expect(Array.from(message.subarray(-7))).toEqual([0xe4, 0xbd, 0xa0, 0xe5, 0xa5, 0xbd, 0x0a]);
  });
});

describe('buildResponseMessage (protocol.md §4)', () => {
  it.each(vectors.responses.map((v, i) => [i, v] as const))('builds response vector %i byte for byte', (_i, v) => {
    expect(buildResponseMessage({ timestamp: v.timestamp, nonce: v.nonce, body: v.body })).toEqual(utf8(v.message));
    expect(buildResponseMessage({ timestamp: Number(v.timestamp), nonce: v.nonce, body: utf8(v.body) })).toEqual(utf8(v.message));
  });

  it('gives "ts\\nnonce\\n\\n" for a 204 without body', () => {
    expect(decode(buildResponseMessage({ timestamp: 1757900002, nonce: 'N', body: new Uint8Array(0) }))).toBe('1757900002\nN\n\n');
  });
});
