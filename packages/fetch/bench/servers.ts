// The servers of the benchmark, one request listener per kind; the harness of @auditnotify/conformance runs
// each in its own child process (transpiled to plain JavaScript on the built handler) and samples its peak RSS.
// The fetch apps run on Node through @hono/node-server's request listener; the baseline is the Express plugin.
import { getRequestListener } from '@hono/node-server';
import express from 'express';
import { NOTIFY_PATH } from '@auditnotify/core';
import { createExpressMiddleware } from '@auditnotify/express';
import type { BenchKeys, BenchServerFactory } from '@auditnotify/conformance/bench';
import { createHandwrittenNotify } from '@auditnotify/conformance/bench/handwritten';
import { createFetchHandler } from '../src/index.js';

const receiverOptions = (keys: BenchKeys) => ({
  senders: [{ serialNo: keys.serialNo, publicKey: keys.senderCertificatePem }],
  answerKeys: [{ id: keys.answerKeyId, privateKey: keys.answerPrivateKeyPem }],
  handler: () => undefined,
  // Every benchmark request comes from one mchid, far above the endpoint's 200 a minute.
  rateLimiter: false as const,
});

/**
 * One kind of benchmark server as a request listener (the harness listens on 127.0.0.1 port 0):
 * `bare` a fetch app that answers without verifying, `handwritten-sync` the hand-written checks in a fetch app
 * (async sign), `handwritten` the Express plugin (the baseline), `plugin` the fetch handler.
 *
 * @example
 * ```ts
 * createServer(createBenchServer('plugin', keys)).listen(0, '127.0.0.1');
 * ```
 */
export const createBenchServer: BenchServerFactory = (kind, keys) => {
  if (kind === 'handwritten') return express().use(createExpressMiddleware(receiverOptions(keys)));
  if (kind === 'plugin') return getRequestListener(createFetchHandler(receiverOptions(keys)));
  if (kind === 'bare') {
    return getRequestListener(async (request) => {
      await request.arrayBuffer();
      return new Response('{"ret_msg":"SUCC"}', { headers: { 'content-type': 'application/json' } });
    });
  }
  const answer = createHandwrittenNotify(keys, { sync: false });
  return getRequestListener(async (request) => {
    const { pathname, search } = new URL(request.url);
    if (request.method !== 'POST' || pathname !== NOTIFY_PATH) return new Response('Not Found', { status: 404 });
    const { status, headers, body } = await answer(pathname + search, request.headers.get('authorization') ?? undefined, Buffer.from(await request.arrayBuffer()));
    return new Response(body, { status, headers });
  });
};
