/**
 * App data directories that already hold a test key set. Generating RSA keys plus a PKCS#12 file takes
 * about two seconds, so one set is generated per test file and its `keys.json` copied into each directory.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { createKeyStore } from '../../src/main/services/key-store.js';
import { tempDir } from './temp-dir.js';

let templateDir: string | undefined;

afterAll(() => {
  if (templateDir) rmSync(templateDir, { recursive: true, force: true });
});

/**
 * A fresh data dir with one merchant (mchid 1900016681) and one platform key already stored.
 *
 * @example
 * ```ts
 * const services = createServices({ dataDir: seededDataDir(), mode: 'test', version: '0' });
 * ```
 */
export function seededDataDir(): string {
  if (templateDir === undefined) {
    templateDir = mkdtempSync(join(tmpdir(), 'auditnotify-inspector-keys-'));
    createKeyStore({ dataDir: templateDir }).generate({ mchid: '1900016681' });
  }
  const dataDir = tempDir();
  copyFileSync(join(templateDir, 'keys.json'), join(dataDir, 'keys.json'));
  return dataDir;
}
