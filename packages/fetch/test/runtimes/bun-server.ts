// Bun entry of the remote conformance run: serves the scenario app on 127.0.0.1, port chosen by the system.
import { serveScenario } from './scenario-app.js';

declare const Bun: { serve(options: { hostname: string; port: number; fetch: (request: Request) => Promise<Response> }): { port: number } };

const server = Bun.serve({ hostname: '127.0.0.1', port: 0, fetch: serveScenario });
console.log(`listening http://127.0.0.1:${server.port}`);
