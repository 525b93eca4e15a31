// Builds the inspector into dist/:
//   dist/main/main.cjs        Electron main process (CommonJS: Electron loads package.json "main" with require)
//   dist/main/key-worker.cjs  the key worker thread (PKCS#12 and the key doctor, off the main thread)
//   dist/preload/preload.cjs  ONE CommonJS file: a sandboxed preload can require only 'electron'
//   dist/start.js             `npm start`: the desktop app, or browser mode where Electron's binary is missing
//   dist/renderer/            the React UI, built by Vite with vite.config.ts
// Any warning of esbuild or Vite fails the build (strict-build.mjs).
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { esbuildStrict, viteStrict } from './strict-build.mjs';

const appDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(appDir, 'dist');
const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, absWorkingDir: appDir };

for (const part of ['main', 'preload', 'start.js', 'start.js.map']) rmSync(join(dist, part), { recursive: true, force: true });

try {
  await Promise.all([
    // The main bundle carries core, the Express plugin and express itself: @auditnotify packages are ES modules,
    // which a CommonJS main could only require() on recent runtimes. Only electron stays outside.
    esbuildStrict({ ...common, entryPoints: ['src/main/main.ts'], outfile: 'dist/main/main.cjs', format: 'cjs', external: ['electron'] }),
    // The key worker thread (PKCS#12 key derivation), self-contained like the main bundle; browser mode uses it too.
    esbuildStrict({ ...common, entryPoints: ['src/main/key-worker/key-worker.ts'], outfile: 'dist/main/key-worker.cjs', format: 'cjs' }),
    esbuildStrict({ ...common, entryPoints: ['src/preload/preload.ts'], outfile: 'dist/preload/preload.cjs', format: 'cjs', external: ['electron'] }),
    // start.js runs on Node from the workspace: every package stays an import of node_modules.
    esbuildStrict({ ...common, entryPoints: ['src/start.ts'], outfile: 'dist/start.js', format: 'esm', packages: 'external' }),
  ]);
  await viteStrict(join(appDir, 'vite.config.ts'));
} catch (error) {
  console.error(`inspector build failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
console.log('inspector build: dist/main/main.cjs, dist/main/key-worker.cjs, dist/preload/preload.cjs, dist/start.js, dist/renderer/');
