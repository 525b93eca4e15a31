/**
 * A fresh temporary directory per test, removed afterwards: the app data dir of the services under test.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

const made: string[] = [];

afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * Creates a temporary directory removed after the current test.
 *
 * @example
 * ```ts
 * const dataDir = tempDir();
 * ```
 */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'auditnotify-inspector-'));
  made.push(dir);
  return dir;
}
