// Store benchmark: the plugin's receiver state in memory (baseline), SQLite and Redis, in the same run,
// through the shared harness of @auditnotify/conformance. The servers are declared in bench/store-servers.ts.
//   npm run bench:stores     (builds the plugin first; from packages/express-plugin)
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runStoreBench } from '@auditnotify/conformance/bench';

await runStoreBench({ framework: 'Express 5', packageDir: 'express-plugin', benchDir: dirname(fileURLToPath(import.meta.url)) });
