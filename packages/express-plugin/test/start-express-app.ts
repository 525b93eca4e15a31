import express from 'express';
import { serveOnLoopback, type AppSetup, type ConformanceApp, type PluginOptions } from '@auditnotify/conformance';
import { createExpressMiddleware } from '../src/index.js';

/**
 * An existing Express 5 app with the plugin mounted, as the conformance suite describes it: `GET /health`,
 * `POST /echo` (echoes the raw body) and a 404 fallback `app: METHOD URL`, on 127.0.0.1 port 0.
 *
 * @example
 * ```ts
 * const app = await startExpressApp({ senders, answerKeys, handler });
 * await fetch(`${app.url}/health`);
 * await app.close();
 * ```
 */
export async function startExpressApp(options: PluginOptions, setup: AppSetup = {}): Promise<ConformanceApp> {
  const app = express();
  app.get('/health', (_req, res) => void res.type('text/plain').send('ok'));
  if (setup.bodyParserFirst === 'json') app.use(express.json());
  if (setup.bodyParserFirst === 'raw') app.use(express.raw({ type: 'application/json' }));
  app.use(createExpressMiddleware(options));
  app.post('/echo', express.raw({ type: () => true }), (req, res) => void res.send(req.body));
  app.use((req, res) => void res.status(404).type('text/plain').send(`app: ${req.method} ${req.originalUrl}`));
  return serveOnLoopback(app.listen(0, '127.0.0.1'));
}
