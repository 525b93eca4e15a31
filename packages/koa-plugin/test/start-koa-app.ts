import type { IncomingMessage } from 'node:http';
import Koa from 'koa';
import { serveOnLoopback, type AppSetup, type ConformanceApp, type PluginOptions } from '@auditnotify/conformance';
import { createKoaMiddleware } from '../src/index.js';

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * A JSON body parser like koa-bodyparser: parses `ctx.request.body`, and with `keepRaw` also keeps
 * `ctx.request.rawBody` as the decoded string (what koa-bodyparser does).
 */
function bodyParser(keepRaw: boolean): Koa.Middleware {
  return async (ctx, next) => {
    if (ctx.is('application/json')) {
      const raw = (await readAll(ctx.req)).toString('utf8');
      const request = ctx.request as unknown as { body?: unknown; rawBody?: string };
      request.body = JSON.parse(raw) as unknown;
      if (keepRaw) request.rawBody = raw;
    }
    await next();
  };
}

/**
 * An existing Koa 3 app with the plugin mounted, as the conformance suite describes it: `GET /health`,
 * `POST /echo` (echoes the raw body) and a 404 fallback `app: METHOD URL`, on 127.0.0.1 port 0.
 *
 * @example
 * ```ts
 * const app = await startKoaApp({ senders, answerKeys, handler });
 * await fetch(`${app.url}/health`);
 * await app.close();
 * ```
 */
export async function startKoaApp(options: PluginOptions, setup: AppSetup = {}): Promise<ConformanceApp> {
  const app = new Koa();
  app.use(async (ctx, next) => {
    if (ctx.method === 'GET' && ctx.path === '/health') ctx.body = 'ok';
    else await next();
  });
  if (setup.bodyParserFirst !== undefined) app.use(bodyParser(setup.bodyParserFirst === 'raw'));
  app.use(createKoaMiddleware(options));
  app.use(async (ctx) => {
    if (ctx.method === 'POST' && ctx.path === '/echo') {
      ctx.body = await readAll(ctx.req);
      return;
    }
    ctx.status = 404;
    ctx.body = `app: ${ctx.method} ${ctx.originalUrl}`;
  });
  return serveOnLoopback(app.listen(0, '127.0.0.1'));
}
