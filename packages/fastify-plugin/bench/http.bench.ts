// HTTP benchmark: a bare Fastify 5 app, a hand-written Fastify route that verifies and signs with node:crypto
// (the baseline), and the plugin, in the same run, through the shared harness of @auditnotify/conformance
// (each server in its own child process, autocannon over loopback, pre-signed distinct requests).
// The servers are declared in bench/servers.ts.
//   npm run bench            (builds the plugin first; from packages/fastify-plugin)
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runHttpBench } from '@auditnotify/conformance/bench';

await runHttpBench({
  framework: 'Fastify 5',
  pluginName: '@auditnotify/fastify',
  section: 'fastify',
  packageDir: 'fastify-plugin',
  benchDir: dirname(fileURLToPath(import.meta.url)),
});
