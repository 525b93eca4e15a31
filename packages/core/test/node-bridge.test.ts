// createBridge over a real node:http server on 127.0.0.1 port 0: the 413 and the 500 come from
// receiver.refuse(), signed, with the honest length; a valid request goes through handle().
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBridge, readRawBody, type RawBodyResult } from '../src/node/index.js';
import { NOTIFY_PATH } from '../src/protocol/index.js';
import { NOW, answerVerifies, receiverOptions, signedRequest } from './receiver-fixtures.js';

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A server over the bridge; `consumeFirst` plays a body parser mounted before the receiver. */
async function start(consumeFirst = false) {
  const onError = vi.fn();
  const logger = { warn: vi.fn() };
  const bridge = createBridge({ ...receiverOptions({ clock: () => NOW, onError }), logger }, 'Mount the receiver first.');
  const server = http.createServer((req, res) => {
    const url = bridge.match(req.method ?? '', req.url ?? '');
    if (url === undefined) return void res.writeHead(404).end();
    const read = consumeFirst
      ? new Promise<RawBodyResult>((resolve) => {
          req.resume();
          req.once('end', () => resolve(readRawBody(req, bridge.bodyLimit)));
        })
      : readRawBody(req, bridge.bodyLimit);
    void read
      .then((body) => bridge.answer({ method: 'POST', url, headers: req.headers }, body))
      .then((answer) => {
        if (answer !== undefined) res.writeHead(answer.status, answer.headers).end(answer.body);
      });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, onError, logger };
}

/** Sends the head (and `body`, when given) and resolves with the answer, without sending a declared body. */
function send(port: number, headers: Record<string, string>, body?: Uint8Array) {
  return new Promise<{ status: number; headers: Record<string, string>; body: Buffer }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: NOTIFY_PATH, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, headers: res.headers as Record<string, string>, body: Buffer.concat(chunks) });
      });
    });
    req.on('error', reject);
    if (body !== undefined) req.end(body);
    else req.flushHeaders();
  });
}

function signedAnswer(answer: { headers: Record<string, string>; body: Buffer }) {
  const h = answer.headers;
  return {
    status: 0,
    headers: { 'Wechatpay-Timestamp': h['wechatpay-timestamp'], 'Wechatpay-Nonce': h['wechatpay-nonce'], 'Wechatpay-Signature': h['wechatpay-signature'] } as Record<string, string>,
    body: new Uint8Array(answer.body),
  };
}

describe('createBridge over node:http', () => {
  it('answers a 1 GiB Content-Length 413 naming that length, unsigned, before reading the body', async () => {
    const { port } = await start();
    const request = signedRequest();
    const headers: Record<string, string> = { ...(request.headers as Record<string, string>), 'content-length': String(2 ** 30) };
    const answer = await send(port, headers);
    expect(answer.status).toBe(413);
    const body = JSON.parse(answer.body.toString('utf8')) as { message: string; detail: Record<string, unknown> };
    expect(body.message).toContain('1073741824 bytes (Content-Length)');
    expect(body.message).not.toContain('65537');
    expect(body.detail).toMatchObject({ reason: 'BODY_TOO_LARGE', limit: 65_536, length: 2 ** 30 });
    expect(answer.headers['wechatpay-signature']).toBeUndefined();
  });

  it('answers 500 RAW_BODY_UNAVAILABLE, unsigned, and tells the logger and onError when a parser read the body first', async () => {
    const { port, onError, logger } = await start(true);
    const request = signedRequest();
    const answer = await send(port, request.headers as Record<string, string>, request.body);
    expect(answer.status).toBe(500);
    expect(JSON.parse(answer.body.toString('utf8'))).toMatchObject({ code: 'SYSTEM_ERROR', detail: { reason: 'RAW_BODY_UNAVAILABLE' } });
    expect(answer.headers['wechatpay-signature']).toBeUndefined();
    expect(logger.warn).toHaveBeenCalledWith('Mount the receiver first.');
    expect(onError.mock.calls[0]?.[0]).toMatchObject({ code: 'RAW_BODY_UNAVAILABLE' });
  });

  it('answers a valid notification 200 through handle()', async () => {
    const { port } = await start();
    const request = signedRequest();
    const answer = await send(port, request.headers as Record<string, string>, request.body);
    expect(answer.status).toBe(200);
    expect(answer.body.toString('utf8')).toBe('{"ret_msg":"SUCC"}');
    expect(answerVerifies(signedAnswer(answer))).toBe(true);
  });
});
