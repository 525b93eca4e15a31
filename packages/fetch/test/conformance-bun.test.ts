import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import { createRemoteTarget, defineConformanceSuite, defineInteropSuite, spawnRuntimeServer } from '@auditnotify/conformance';
import { createFetchHandler } from '../src/index.js';
import { runtimeBinary } from './runtimes/runtime-binary.js';

// The fetch handler served by Bun.serve (the bun executable of its npm packages), under the conformance and interop suites.
const bun = runtimeBinary('bun');
const entry = fileURLToPath(new URL('runtimes/bun-server.ts', import.meta.url));

const remote = createRemoteTarget({
  name: 'fetch on Bun',
  start: () => spawnRuntimeServer(bun, ['run', entry]),
  createMiddleware: createFetchHandler,
  // Bun.serve hands a request body over in larger pieces: a sender gone after 8 bytes may show fewer.
  buffersPartialBodies: true,
});
afterAll(() => remote.stop());
defineConformanceSuite(remote.target);
defineInteropSuite(remote.target);
