import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBrowserMode } from '../../src/main/browser-mode.js';

/** The built renderer the browser-mode server serves. */
export const RENDERER_DIR = fileURLToPath(new URL('../../dist/renderer/', import.meta.url));

/** A browser-mode inspector running for a test or benchmark. */
export interface RunningInspector {
  /** Page URL with the per-run bridge token in its fragment. */
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts the inspector's browser mode in-process on 127.0.0.1, port 0, with an empty temporary data
 * directory (so first start generates test keys and starts the receiver, as for a new user).
 *
 * @example
 * const inspector = await startInspector();
 * await page.goto(inspector.url);
 * await inspector.stop();
 */
export async function startInspector(): Promise<RunningInspector> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) throw new Error('dist/renderer is missing: build the inspector first (npm run build)');
  const dataDir = mkdtempSync(join(tmpdir(), 'auditnotify-inspector-e2e-'));
  const handle = await startBrowserMode({ port: 0, dataDir, rendererDir: RENDERER_DIR, version: '0.1.0', locale: 'en-US' });
  return {
    url: handle.openUrl,
    stop: async () => {
      await handle.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
