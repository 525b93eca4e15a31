// Builds the inspector into dist/:
//   dist/main/main.cjs        Electron main process (CommonJS: Electron loads package.json "main" with require)
//   dist/preload/preload.cjs  ONE CommonJS file: a sandboxed preload can require only 'electron'
//   dist/start.js             `npm start`: the desktop app, or browser mode where Electron's binary is missing
//   dist/renderer/            the React UI, built by Vite with vite.config.ts
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const appDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(appDir, 'dist');
const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning', absWorkingDir: appDir };

for (const part of ['main', 'preload', 'start.js', 'start.js.map']) rmSync(join(dist, part), { recursive: true, force: true });

await Promise.all([
  // The main bundle carries core, the Express plugin and express itself: @auditnotify packages are ES modules,
  // which a CommonJS main could only require() on recent runtimes. Only electron stays outside.
  build({ ...common, entryPoints: ['src/main/main.ts'], outfile: 'dist/main/main.cjs', format: 'cjs', external: ['electron'] }),
  build({ ...common, entryPoints: ['src/preload/preload.ts'], outfile: 'dist/preload/preload.cjs', format: 'cjs', external: ['electron'] }),
  // start.js runs on Node from the workspace: every package stays an import of node_modules.
  build({ ...common, entryPoints: ['src/start.ts'], outfile: 'dist/start.js', format: 'esm', packages: 'external' }),
]);

if (existsSync(join(appDir, 'vite.config.ts'))) {
  const vite = spawnSync(process.execPath, [join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js'), 'build', '--config', 'vite.config.ts', '--logLevel', 'warn'], {
    cwd: appDir,
    stdio: 'inherit',
  });
  if (vite.status !== 0) process.exit(vite.status ?? 1);
} else {
  console.warn('inspector build: vite.config.ts not found, the renderer was not built');
}
console.log('inspector build: dist/main/main.cjs, dist/preload/preload.cjs, dist/start.js, dist/renderer/');
