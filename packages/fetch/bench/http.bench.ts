// HTTP benchmark of the fetch handler on Node (@hono/node-server) against the Express plugin (the baseline), with
// a bare fetch app and a hand-written fetch route for scale, in the same run, through the shared harness of
// @auditnotify/conformance (each server in its own child process, autocannon over loopback, pre-signed distinct
// requests). The servers are declared in bench/servers.ts.
//   npm run bench            (builds the handler first; from packages/fetch)
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runHttpBench } from '@auditnotify/conformance/bench';

await runHttpBench({
  framework: 'fetch on Node (@hono/node-server)',
  pluginName: '@auditnotify/fetch',
  section: 'fetch',
  packageDir: 'fetch',
  benchDir: dirname(fileURLToPath(import.meta.url)),
  labels: {
    bare: 'bare fetch app on @hono/node-server (no verification)',
    'handwritten-sync': 'hand-written fetch route, node:crypto, async sign',
    handwritten: '@auditnotify/express in Express 5 (baseline)',
    plugin: '@auditnotify/fetch on @hono/node-server',
  },
});
