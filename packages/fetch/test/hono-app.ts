import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { NOTIFY_PATH } from '@auditnotify/core';
import { serveOnLoopback, type AppSetup, type ConformanceApp, type PluginOptions } from '@auditnotify/conformance';
import { createFetchHandler } from '../src/index.js';

/**
 * An existing Hono app with the fetch handler mounted on one route, as the README shows, served by
 * @hono/node-server on 127.0.0.1 port 0: `GET /health`, `POST /echo`, and a 404 `app: METHOD URL`.
 * `bodyParserFirst` is a middleware that reads the body before the route: `'json'` with `c.req.json()`,
 * `'raw'` from a clone, leaving the request intact.
 */
export async function startHonoApp(options: PluginOptions, setup: AppSetup = {}): Promise<ConformanceApp> {
  const handle = createFetchHandler(options);
  const app = new Hono();
  if (setup.bodyParserFirst === 'json') app.use(async (c, next) => void (await c.req.json().catch(() => undefined), await next()));
  if (setup.bodyParserFirst === 'raw') app.use(async (c, next) => void (await c.req.raw.clone().arrayBuffer(), await next()));
  app.get('/health', (c) => c.text('ok'));
  app.post('/echo', async (c) => c.body(await c.req.arrayBuffer()));
  // The mount: the route is the path the app receives (the signed path, or what a proxy made of it).
  app.all(routePath(options), (c) => handle(c.req.raw));
  app.notFound((c) => {
    const { pathname, search } = new URL(c.req.url);
    return c.text(`app: ${c.req.method} ${pathname}${search}`, 404);
  });
  return serveOnLoopback(serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }) as Server);
}

function routePath(options: PluginOptions): string {
  const { strip = '', add = '' } = options.proxyPrefix ?? {};
  return strip + (options.path ?? NOTIFY_PATH).slice(add.length);
}
