/**
 * Electron entry point of the desktop inspector, bundled to `dist/main/main.cjs`.
 */
import { join } from 'node:path';
import * as electron from 'electron';
import type { ElectronLike } from './electron-types.js';
import { startElectronApp } from './electron-app.js';

// In the CommonJS bundle __dirname is dist/main: the preload and renderer sit next to it.
startElectronApp(electron as unknown as ElectronLike, {
  preloadPath: join(__dirname, '..', 'preload', 'preload.cjs'),
  rendererDir: join(__dirname, '..', 'renderer'),
  keyWorkerScript: join(__dirname, 'key-worker.cjs'),
}).catch((error: unknown) => {
  console.error('inspector: failed to start:', error instanceof Error ? error.message : error);
  electron.app.exit(1);
});
