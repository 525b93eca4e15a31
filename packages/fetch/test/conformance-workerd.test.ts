import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { afterAll } from 'vitest';
import { createRemoteTarget, defineConformanceSuite, defineInteropSuite, type RemoteRuntime } from '@auditnotify/conformance';
import { createFetchHandler } from '../src/index.js';

// The fetch handler as a Cloudflare Worker: bundled by esbuild for the browser platform with the workerd and
// worker conditions (core's WebCrypto build: the bundle fails if any node: module is reached), run by workerd
// (the npm package's binary) through Miniflare without nodejs_compat, under the conformance and interop suites.
const entry = fileURLToPath(new URL('runtimes/worker.ts', import.meta.url));

async function startWorkerd(): Promise<RemoteRuntime> {
  const dir = mkdtempSync(join(tmpdir(), 'auditnotify-worker-'));
  const scriptPath = join(dir, 'worker.js');
  await build({
    entryPoints: [entry],
    outfile: scriptPath,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    conditions: ['workerd', 'worker'],
    logLevel: 'error',
  });
  const miniflare = new Miniflare({
    modules: true,
    scriptPath,
    modulesRoot: dir,
    compatibilityDate: '2026-04-01',
    host: '127.0.0.1',
    port: 0,
  });
  const url = await miniflare.ready;
  return {
    url: url.origin,
    stop: async () => {
      await miniflare.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const remote = createRemoteTarget({
  name: 'fetch on workerd',
  start: startWorkerd,
  createMiddleware: createFetchHandler,
  // workerd leaves Expect: 100-continue to the Cloudflare edge in front of it and never answers it itself.
  answersExpectContinue: false,
  // workerd closes the connection right after answering a body it did not read: the reset can beat the 413.
  mayResetAfterRefusing: true,
});
afterAll(() => remote.stop());
defineConformanceSuite(remote.target);
defineInteropSuite(remote.target);
