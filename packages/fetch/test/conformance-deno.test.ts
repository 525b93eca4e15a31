import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import { createRemoteTarget, defineConformanceSuite, defineInteropSuite, spawnRuntimeServer } from '@auditnotify/conformance';
import { createFetchHandler } from '../src/index.js';
import { runtimeBinary } from './runtimes/runtime-binary.js';

// The fetch handler served by Deno.serve (the deno executable of its npm packages), under the conformance and interop suites.
const deno = runtimeBinary('deno');
const entry = fileURLToPath(new URL('runtimes/deno-server.ts', import.meta.url));

const remote = createRemoteTarget({
  name: 'fetch on Deno',
  start: () => spawnRuntimeServer(deno, ['run', '--sloppy-imports', '--allow-net=127.0.0.1', '--allow-read', '--allow-env', entry]),
  createMiddleware: createFetchHandler,
});
afterAll(() => remote.stop());
defineConformanceSuite(remote.target);
defineInteropSuite(remote.target);
