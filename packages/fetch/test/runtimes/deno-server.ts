// Deno entry of the remote conformance run: serves the scenario app on 127.0.0.1, port chosen by the system.
import { serveScenario } from './scenario-app.js';

declare const Deno: {
  serve(
    options: { hostname: string; port: number; onListen(address: { port: number }): void },
    handler: (request: Request) => Promise<Response>,
  ): unknown;
};

Deno.serve({ hostname: '127.0.0.1', port: 0, onListen: ({ port }) => console.log(`listening http://127.0.0.1:${port}`) }, serveScenario);
