import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import http from 'node:http';
import net from 'node:net';
import { once } from 'node:events';
import { parseRawHttpRequest, parseRawHttpResponse } from '../src/decode/index.js';
import { AuditNotifyError } from '../src/errors.js';
import { decodeFailure } from './decode-helpers.js';

const NOTIFY_PATH = '/v3/aggracct-bc/wb-channel/control-orders/info/update/result/notify';
const enc = (s: string) => new TextEncoder().encode(s);
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const BODY = '{"out_request_no":"请求单号-0001","mchid":"1900016681","audit_result":"PASS"}';

/** Captures the bytes one HTTP request puts on the wire, as `nc -l` would (a raw TCP server on port 0). */
async function captureRequest(send: (port: number) => void): Promise<Uint8Array> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  const [socket] = (await Promise.all([once(server, 'connection'), Promise.resolve(send(port))]))[0] as [net.Socket];
  const chunks: Buffer[] = [];
  // The head ends with an empty line; with Content-Length the request is complete when all its bytes are in.
  await new Promise<void>((resolve) => {
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      const all = Buffer.concat(chunks);
      const headEnd = all.indexOf('\r\n\r\n');
      if (headEnd === -1) return;
      const length = /content-length: *(\d+)/i.exec(all.subarray(0, headEnd).toString('latin1'))?.[1];
      if (all.length >= headEnd + 4 + Number(length ?? 0)) resolve();
    });
  });
  socket.destroy();
  server.close();
  return new Uint8Array(Buffer.concat(chunks));
}

/** Captures the bytes of a real Node HTTP server's answer. */
async function captureResponse(handler: http.RequestListener): Promise<Uint8Array> {
  const server = http.createServer(handler);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  const socket = net.connect(port, '127.0.0.1');
  socket.end('GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
  const chunks: Buffer[] = [];
  socket.on('data', (c: Buffer) => chunks.push(c));
  await once(socket, 'close');
  server.close();
  return new Uint8Array(Buffer.concat(chunks));
}

describe('parseRawHttpRequest', () => {
  it('decodes a request captured on the wire from Node http (CRLF, Content-Length in bytes)', async () => {
    const wire = await captureRequest((port) => {
      const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: `${NOTIFY_PATH}?a=1`, headers: { 'Content-Type': 'application/json', Authorization: 'WECHATPAY2-SHA256-RSA2048 mchid="1900016681"' } });
      req.on('error', () => undefined);
      req.end(BODY);
    });
    const req = parseRawHttpRequest(wire);
    expect(req.method).toBe('POST');
    expect(req.url).toBe(`${NOTIFY_PATH}?a=1`);
    expect(req.httpVersion).toBe('1.1');
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers.authorization).toBe('WECHATPAY2-SHA256-RSA2048 mchid="1900016681"');
    expect(req.headers.host).toBe(`127.0.0.1:${/:(\d+)/.exec(req.headers.host ?? '')?.[1]}`);
    expect(text(req.body)).toBe(BODY);
  });

  it('decodes a chunked request captured from Node http', async () => {
    const wire = await captureRequestChunked();
    const req = parseRawHttpRequest(wire);
    expect(req.headers['transfer-encoding']).toBe('chunked');
    expect(text(req.body)).toBe(BODY);
  });

  it('accepts LF line endings, empty lines before the request line and a final newline from an editor', () => {
    const body = enc(BODY);
    const req = parseRawHttpRequest(`\n\nPOST ${NOTIFY_PATH} HTTP/1.1\nHost: h\nContent-Length: ${body.length}\n\n${BODY}\n`);
    expect(req.url).toBe(NOTIFY_PATH);
    expect(text(req.body)).toBe(BODY);
  });

  it('turns an absolute-form target into path and query and keeps the host', () => {
    const req = parseRawHttpRequest('POST https://api.mch.weixin.qq.com/v3/x?y=%20 HTTP/1.1\r\nContent-Length: 0\r\n\r\n');
    expect(req.url).toBe('/v3/x?y=%20');
    expect(req.headers.host).toBe('api.mch.weixin.qq.com');
  });

  it('joins repeated headers and unfolds obsolete line folding', () => {
    const req = parseRawHttpRequest('GET / HTTP/1.1\r\nX-A: 1\r\nx-a: 2\r\nX-Fold: first\r\n  second\r\n\r\n');
    expect(req.headers).toEqual({ 'x-a': '1, 2', 'x-fold': 'first second' });
    expect(req.body).toHaveLength(0);
  });

  it('keeps a "__proto__" header as data', () => {
    const req = parseRawHttpRequest('GET / HTTP/1.1\r\n__proto__: x\r\n\r\n');
    expect(Object.getPrototypeOf(req.headers)).toBe(Object.prototype);
    expect(Object.entries(req.headers)).toEqual([['__proto__', 'x']]);
  });

  it('keeps body bytes that are not UTF-8 exactly', () => {
    const head = enc('POST / HTTP/1.1\r\nContent-Length: 3\r\n\r\n');
    const wire = new Uint8Array([...head, 0xff, 0x00, 0xe4]);
    expect([...parseRawHttpRequest(wire).body]).toEqual([0xff, 0x00, 0xe4]);
  });

  it('takes the rest of the input as the body without Content-Length', () => {
    expect(text(parseRawHttpRequest('POST / HTTP/1.1\nHost: h\n\n{"a":\n1}').body)).toBe('{"a":\n1}');
  });

  it('says the capture was altered when the body is shorter than Content-Length', () => {
    const error = decodeFailure(() => parseRawHttpRequest('POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\n{}'));
    expect(error.detail).toMatchObject({ line: 5, expected: 10, actual: 2 });
    expect(String(error.detail?.issue)).toContain('line endings');
  });

  it('refuses bytes after the body that Content-Length does not cover', () => {
    const error = decodeFailure(() => parseRawHttpRequest('POST / HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}GET / HTTP/1.1'));
    expect(String(error.detail?.issue)).toContain('follow the 2-byte body');
  });

  it.each([
    ['', 1, 'empty'],
    ['\r\n\r\n', 1, 'empty'],
    ['POST /\r\n\r\n', 1, 'request line'],
    ['POST / HTTP/x\r\n\r\n', 1, 'HTTP version'],
    ['PO(ST / HTTP/1.1\r\n\r\n', 1, 'HTTP method'],
    ['POST nopath HTTP/1.1\r\n\r\n', 1, 'request target'],
    ['POST / HTTP/1.1\r\nHost h\r\n\r\n', 2, 'not a header'],
    ['POST / HTTP/1.1\r\nBad Name: x\r\n\r\n', 2, 'header name'],
    ['POST / HTTP/1.1\r\n folded\r\n\r\n', 2, 'starts with whitespace'],
    ['POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n', 2, 'Content-Length'],
    ['POST / HTTP/1.1\r\nContent-Length: 1, 2\r\n\r\nab', 2, 'Content-Length'],
    ['POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n', 4, 'chunk size'],
    ['POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab', 5, 'cut short'],
    ['POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab', 5, 'last chunk'],
    ['POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n', 5, 'line break'],
  ])('fails on %j at line %i', (input, line, hint) => {
    const error = decodeFailure(() => parseRawHttpRequest(input));
    expect(error.detail?.line).toBe(line);
    expect(error.message).toContain(hint);
  });

  it('round-trips a random request serialised with CRLF or LF (property)', () => {
    const token = fc.stringMatching(/^[A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]{0,15}$/);
    const value = fc.stringMatching(/^([!-~]([ -~]{0,30}[!-~])?)?$/);
    const reserved = new Set(['content-length', 'transfer-encoding']);
    const request = fc.record({
      method: fc.constantFrom('POST', 'GET', 'PUT', 'DELETE', 'PATCH'),
      url: fc.stringMatching(/^(\/[A-Za-z0-9._~%:@!$&'()*+,;=-]{0,12}){1,4}(\?[!-~]{0,24})?$/),
      version: fc.constantFrom('1.1', '1.0'),
      headers: fc.uniqueArray(fc.tuple(token, value), { selector: ([n]) => n.toLowerCase(), maxLength: 6 }).map((l) => l.filter(([n]) => !reserved.has(n.toLowerCase()))),
      body: fc.uint8Array({ maxLength: 200 }),
      eol: fc.constantFrom('\r\n', '\n'),
      chunked: fc.boolean(),
    });
    fc.assert(
      fc.property(request, ({ method, url, version, headers, body, eol, chunked }) => {
        const lines = [`${method} ${url} HTTP/${version}`, ...headers.map(([n, v]) => `${n}: ${v}`)];
        lines.push(chunked ? 'Transfer-Encoding: chunked' : `Content-Length: ${body.length}`);
        const framed = chunked ? chunk(body, eol) : body;
        const wire = new Uint8Array([...enc(lines.join(eol) + eol + eol), ...framed]);
        const req = parseRawHttpRequest(wire);
        expect(req.method).toBe(method);
        expect(req.url).toBe(url);
        expect(req.httpVersion).toBe(version);
        expect([...req.body]).toEqual([...body]);
        for (const [n, v] of headers) expect(req.headers[n.toLowerCase()]).toBe(v);
      }),
    );
  });

  it('throws nothing but DECODE_FAILED on garbage (property)', () => {
    const httpish = fc.string({ unit: fc.constantFrom('POST', 'GET', ' ', '/', 'HTTP/1.1', '\r\n', '\n', ':', 'Content-Length', 'Transfer-Encoding', 'chunked', '0', '5', 'a', '\t', 'https://h') });
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.uint8Array(), httpish), (input) => {
        try {
          parseRawHttpRequest(input);
        } catch (error) {
          expect(error).toBeInstanceOf(AuditNotifyError);
          expect((error as AuditNotifyError).code).toBe('DECODE_FAILED');
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('parseRawHttpResponse', () => {
  it('decodes a real Node answer with Content-Length', async () => {
    const wire = await captureResponse((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Wechatpay-Serial': 'PUB_KEY_ID_01', 'Content-Length': '18' });
      res.end('{"ret_msg":"SUCC"}');
    });
    const res = parseRawHttpResponse(wire);
    expect(res).toMatchObject({ status: 200, statusText: 'OK', httpVersion: '1.1' });
    expect(res.headers['wechatpay-serial']).toBe('PUB_KEY_ID_01');
    expect(text(res.body)).toBe('{"ret_msg":"SUCC"}');
  });

  it('decodes a real Node answer sent chunked', async () => {
    const wire = await captureResponse((_req, res) => {
      res.write('{"code":"PARAM_ERROR",');
      res.end('"message":"中文"}');
    });
    const res = parseRawHttpResponse(wire);
    expect(res.headers['transfer-encoding']).toBe('chunked');
    expect(JSON.parse(text(res.body))).toEqual({ code: 'PARAM_ERROR', message: '中文' });
  });

  it('gives a 204 an empty body and accepts a status line without reason', () => {
    const res = parseRawHttpResponse('HTTP/1.1 204\r\nRequest-ID: r1\r\n\r\n\n');
    expect(res).toMatchObject({ status: 204, statusText: '', headers: { 'request-id': 'r1' } });
    expect(res.body).toHaveLength(0);
  });

  it('round-trips a random answer serialised with CRLF or LF, sized or chunked (property)', () => {
    const answer = fc.record({
      status: fc.integer({ min: 200, max: 599 }).filter((s) => s !== 204 && s !== 304),
      reason: fc.stringMatching(/^([A-Za-z]([A-Za-z ]{0,20}[A-Za-z])?)?$/), // trailing spaces of a status line are trimmed
      headers: fc.uniqueArray(fc.tuple(fc.stringMatching(/^Wechatpay-[A-Za-z]{1,10}$/), fc.stringMatching(/^[!-~]{1,40}$/)), { selector: ([n]) => n.toLowerCase(), maxLength: 5 }),
      body: fc.uint8Array({ maxLength: 200 }),
      eol: fc.constantFrom('\r\n', '\n'),
      chunked: fc.boolean(),
    });
    fc.assert(
      fc.property(answer, ({ status, reason, headers, body, eol, chunked }) => {
        const lines = [`HTTP/1.1 ${status}${reason ? ` ${reason}` : ''}`, ...headers.map(([n, v]) => `${n}: ${v}`)];
        lines.push(chunked ? 'Transfer-Encoding: chunked' : `Content-Length: ${body.length}`);
        const wire = new Uint8Array([...enc(lines.join(eol) + eol + eol), ...(chunked ? chunk(body, eol) : body)]);
        const res = parseRawHttpResponse(wire);
        expect(res.status).toBe(status);
        expect(res.statusText).toBe(reason);
        expect([...res.body]).toEqual([...body]);
        for (const [n, v] of headers) expect(res.headers[n.toLowerCase()]).toBe(v);
      }),
    );
  });

  it.each(['HTTP/1.1 OK', 'HTTP/1.1 20 OK', '200 OK', 'POST / HTTP/1.1'])('fails on the status line %j', (line) => {
    expect(decodeFailure(() => parseRawHttpResponse(`${line}\r\n\r\n`)).detail?.line).toBe(1);
  });

  it('throws nothing but DECODE_FAILED on garbage (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.uint8Array(), fc.string().map((s) => `HTTP/1.1 200 OK\r\n${s}`)), (input) => {
        try {
          parseRawHttpResponse(input);
        } catch (error) {
          expect(error).toBeInstanceOf(AuditNotifyError);
          expect((error as AuditNotifyError).code).toBe('DECODE_FAILED');
        }
      }),
      { numRuns: 2000 },
    );
  });
});

function chunk(body: Uint8Array, eol: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < body.length; i += 7) {
    const part = body.subarray(i, i + 7);
    out.push(...enc(`${part.length.toString(16)}${eol}`), ...part, ...enc(eol));
  }
  out.push(...enc(`0${eol}${eol}`));
  return new Uint8Array(out);
}

async function captureRequestChunked(): Promise<Uint8Array> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: NOTIFY_PATH });
  req.on('error', () => undefined);
  req.write(BODY.slice(0, 10));
  req.end(BODY.slice(10));
  const [socket] = (await once(server, 'connection')) as [net.Socket];
  const chunks: Buffer[] = [];
  await new Promise<void>((resolve) => {
    socket.on('data', (c: Buffer) => {
      chunks.push(c);
      if (Buffer.concat(chunks).includes('\r\n0\r\n\r\n')) resolve();
    });
  });
  socket.destroy();
  server.close();
  return new Uint8Array(Buffer.concat(chunks));
}
