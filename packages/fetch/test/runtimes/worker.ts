// Cloudflare Worker entry of the remote conformance run (bundled by esbuild, run by workerd through Miniflare).
import { serveScenario } from './scenario-app.js';

export default { fetch: serveScenario };
