// The app the conformance suite describes, written once against the Fetch API so that Node, Bun, Deno and workerd
// serve the very same code: GET /health → "ok", POST /echo → the body byte for byte, anything else → 404
// "app: METHOD URL", and the receiver mounted with createFetchHandler. No node: import (workerd loads it too).
import { createFetchHandler, type FetchHandlerOptions } from '@auditnotify/fetch';

export interface FetchAppSetup {
  /** 'json': the app reads request.json() first; 'raw': the app reads a clone first and keeps the original intact. */
  bodyParserFirst?: 'json' | 'raw';
}

export function createConformanceFetchApp(options: FetchHandlerOptions, setup: FetchAppSetup = {}): (request: Request) => Promise<Response> {
  const handle = createFetchHandler({
    ...options,
    fallback: async (request) => {
      const url = new URL(request.url);
      if (request.method === 'POST' && url.pathname === '/echo') return new Response(await request.arrayBuffer());
      return new Response(`app: ${request.method} ${url.pathname}${url.search}`, { status: 404, headers: { 'content-type': 'text/plain' } });
    },
  });
  return async (request) => {
    const url = new URL(request.url);
    if (request.method === 'GET' && url.pathname === '/health') return new Response('ok', { headers: { 'content-type': 'text/plain' } });
    if (setup.bodyParserFirst === 'json' && request.headers.get('content-type')?.startsWith('application/json')) {
      await request.json().catch(() => undefined);
    }
    if (setup.bodyParserFirst === 'raw') await request.clone().arrayBuffer();
    return handle(request);
  };
}
