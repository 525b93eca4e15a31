import type { IncomingMessage } from 'node:http';
import Fastify from 'fastify';
import { serveOnLoopback, type AppSetup, type ConformanceApp, type PluginOptions } from '@auditnotify/conformance';
import { createFastifyPlugin } from '../src/index.js';

/** Reads a Node request stream to the end, as body-parsing middleware does. */
function readAll(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk)).on('end', () => resolve(Buffer.concat(chunks))).on('error', reject);
  });
}

/**
 * An existing Fastify 5 app with the plugin registered, as the conformance suite describes it: `GET /health`,
 * `POST /echo` (echoes the raw body), `POST /json` (the app's own JSON parsing) and a 404 fallback
 * `app: METHOD URL`, on 127.0.0.1 port 0. `bodyParserFirst` is an app-wide `onRequest` hook that reads the body
 * first, as express.json() through @fastify/middie does: `'json'` keeps nothing, `'raw'` keeps the Buffer in
 * `request.rawBody` as fastify-raw-body does.
 *
 * @example
 * ```ts
 * const app = await startFastifyApp({ senders, answerKeys, handler });
 * await fetch(`${app.url}/health`);
 * await app.close();
 * ```
 */
export async function startFastifyApp(options: PluginOptions, setup: AppSetup = {}): Promise<ConformanceApp> {
  const app = Fastify();
  if (setup.bodyParserFirst !== undefined) {
    const keep = setup.bodyParserFirst === 'raw';
    app.addHook('onRequest', async (request) => {
      if (request.method !== 'POST') return;
      const bytes = await readAll(request.raw);
      if (keep) (request as { rawBody?: Buffer }).rawBody = bytes;
    });
  }
  app.get('/health', async (_request, reply) => reply.type('text/plain').send('ok'));
  await app.register(createFastifyPlugin(options));
  app.post('/json', async (request) => ({ parsed: request.body }));
  await app.register(async (echo) => {
    echo.removeAllContentTypeParsers();
    echo.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    echo.post('/echo', async (request, reply) => reply.send(request.body));
  });
  app.setNotFoundHandler((request, reply) => void reply.code(404).type('text/plain').send(`app: ${request.method} ${request.url}`));
  await app.listen({ host: '127.0.0.1', port: 0 });
  return serveOnLoopback(app.server);
}
