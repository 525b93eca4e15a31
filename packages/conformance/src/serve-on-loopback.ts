import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ConformanceApp } from './define-conformance-suite.js';

/**
 * Waits until a server started with `listen(0, '127.0.0.1')` is listening, and gives its base URL and a
 * `close` that also ends kept-alive connections (so a suite never waits on an idle socket).
 *
 * @example
 * ```ts
 * const app = await serveOnLoopback(express().listen(0, '127.0.0.1'));
 * await fetch(`${app.url}/health`);
 * await app.close();
 * ```
 */
export async function serveOnLoopback(server: Server): Promise<ConformanceApp> {
  if (!server.listening) await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
