// Bun entry of the remote conformance run: serves the scenario app on 127.0.0.1, port chosen by the system.
import { serveScenario } from './scenario-app.js';

declare const Bun: {
  serve(options: { hostname: string; port: number; maxRequestBodySize: number; fetch: (request: Request) => Promise<Response> }): { port: number };
};

const server = Bun.serve({
  hostname: '127.0.0.1',
  port: 0,
  // Bun hangs up on a declared body over its own maxRequestBodySize (128 MiB by default) before any handler runs;
  // lifted here so that the suite's 1 GiB cases reach the fetch handler, whose limit is the one under test.
  maxRequestBodySize: Number.MAX_SAFE_INTEGER,
  fetch: serveScenario,
});
console.log(`listening http://127.0.0.1:${server.port}`);
