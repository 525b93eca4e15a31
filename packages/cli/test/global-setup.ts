// Builds dist/bin.js before the tests run it as a subprocess, so `npx vitest run` works on its own
// (turbo's `test` task also builds first). Dependencies are rebuilt only when their dist is missing or
// older than their sources.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const packagesDir = resolve(packageDir, '..');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function build(dir: string): void {
  execFileSync(process.execPath, [tsc, '-p', join(dir, 'tsconfig.build.json')], { cwd: dir, stdio: 'inherit' });
}

// A dependency's type errors are its own package's typecheck to report; tsc still emits, so the CLI's
// tests can run as long as the entry point was written.
function buildDependency(dir: string): void {
  try {
    build(dir);
  } catch (error) {
    if (!existsSync(join(dir, 'dist', 'index.js'))) throw error;
    console.warn(`global-setup: ${dir} built with type errors; testing against the emitted dist`);
  }
}

export default function setup(): void {
  for (const dependency of ['core', 'express-plugin', 'outbox']) {
    const dir = join(packagesDir, dependency);
    const entry = join(dir, 'dist', 'index.js');
    if (!existsSync(entry) || statSync(entry).mtimeMs < newestMtime(join(dir, 'src'))) buildDependency(dir);
  }
  build(packageDir);
}
