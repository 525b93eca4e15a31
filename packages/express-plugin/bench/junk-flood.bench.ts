// Junk-flood benchmark: valid notifications at a steady rate with ten times as many forged requests, against
// the same plugin with valid traffic alone (the baseline), through the shared harness of @auditnotify/conformance.
//   npm run bench:junk       (builds the plugin first; from packages/express-plugin)
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runJunkFloodBench } from '@auditnotify/conformance/bench';

await runJunkFloodBench({ pluginName: '@auditnotify/express', packageDir: 'express-plugin', benchDir: dirname(fileURLToPath(import.meta.url)) });
