// HTTP benchmark: a bare Express 5 app, a hand-written Express route that verifies and signs with node:crypto
// (the baseline), and the plugin, in the same run, through the shared harness of @auditnotify/conformance
// (each server in its own child process, autocannon over loopback, pre-signed distinct requests).
// The servers are declared in bench/servers.ts.
//   npm run bench            (builds the plugin first; from packages/express-plugin)
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runHttpBench } from '@auditnotify/conformance/bench';

await runHttpBench({
  framework: 'Express 5',
  pluginName: '@auditnotify/express',
  section: 'express',
  packageDir: 'express-plugin',
  benchDir: dirname(fileURLToPath(import.meta.url)),
});
