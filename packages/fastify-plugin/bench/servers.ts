// The servers of the benchmark, one request listener per kind; the harness of @auditnotify/conformance runs
// each in its own child process (transpiled to plain JavaScript on the built plugin) and samples its peak RSS.
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import Fastify, { type FastifyInstance } from 'fastify';
import { NOTIFY_PATH } from '@auditnotify/core';
import type { BenchKeys, BenchServerFactory, ServerKind } from '@auditnotify/conformance/bench';
import { createHandwrittenNotify } from '@auditnotify/conformance/bench/handwritten';
import { createFastifyPlugin } from '../src/index.js';

function buildApp(kind: ServerKind, keys: BenchKeys, app: FastifyInstance): void {
  if (kind === 'bare') {
    app.post(NOTIFY_PATH, async (_request, reply) => reply.type('application/json').send('{"ret_msg":"SUCC"}'));
  } else if (kind === 'plugin') {
    void app.register(
      createFastifyPlugin({
        senders: [{ serialNo: keys.serialNo, publicKey: keys.senderCertificatePem }],
        answerKeys: [{ id: keys.answerKeyId, privateKey: keys.answerPrivateKeyPem }],
        handler: () => undefined,
        // Every benchmark request comes from one mchid, far above the endpoint's 200 a minute.
        rateLimiter: false,
      }),
    );
  } else {
    // The hand-written route as a Fastify user writes it: the raw body as a Buffer from an encapsulated
    // content-type parser (Fastify enforces the body limit), then the shared hand-written checks and signing.
    const answer = createHandwrittenNotify(keys, { sync: kind === 'handwritten-sync' });
    void app.register(async (route) => {
      route.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: 65_536 }, (_request, body, done) => done(null, body));
      route.post(NOTIFY_PATH, async (request, reply) => {
        const { status, headers, body } = await answer(request.raw.url ?? '', request.headers.authorization, request.body as Buffer);
        return reply.code(status).headers(headers).send(body);
      });
    });
  }
}

/**
 * One kind of benchmark server as a request listener (the harness listens on 127.0.0.1 port 0): Fastify's own
 * request handler, taken from its serverFactory, once the app is ready.
 *
 * @example
 * ```ts
 * createServer(createBenchServer('plugin', keys)).listen(0, '127.0.0.1');
 * ```
 */
export const createBenchServer: BenchServerFactory = (kind, keys) => {
  let fastifyHandler: RequestListener | undefined;
  const app = Fastify({
    serverFactory: (handler) => {
      fastifyHandler = handler as RequestListener;
      return createServer();
    },
  });
  buildApp(kind, keys, app);
  const ready = app.ready();
  // Requests that arrive before the app is ready wait for it; after that they go straight to Fastify.
  let listener: RequestListener = (req, res) => void ready.then(() => listener(req, res));
  void ready.then(() => {
    if (fastifyHandler !== undefined) listener = fastifyHandler;
  });
  return (req: IncomingMessage, res: ServerResponse) => listener(req, res);
};
