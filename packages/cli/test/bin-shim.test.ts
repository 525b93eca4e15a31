// The installed `auditnotify` command is bin/auditnotify.js, a committed executable: npm links it on the first
// `npm install` of a fresh clone (before dist exists), and it keeps working when a cached build restores
// dist/bin.js without its executable bit.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PACKAGE_DIR } from './helpers/cli.js';

const pkg = JSON.parse(readFileSync(join(PACKAGE_DIR, 'package.json'), 'utf8')) as { bin: Record<string, string>; version: string };
// Inside the package, so that dist's imports resolve through the workspace's node_modules as installed.
const scratch = mkdtempSync(join(PACKAGE_DIR, '.bin-shim-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the auditnotify bin', () => {
  it('points at a file committed to git with the executable bit, not at build output', () => {
    const target = pkg.bin.auditnotify ?? '';
    expect(target).toBe('./bin/auditnotify.js');
    const staged = execFileSync('git', ['ls-files', '-s', '--', target], { cwd: PACKAGE_DIR, encoding: 'utf8' });
    expect(staged).toMatch(/^100755 /);
  });

  it('runs when dist/bin.js has lost its executable bit (a build restored from cache)', () => {
    cpSync(join(PACKAGE_DIR, 'bin'), join(scratch, 'restored', 'bin'), { recursive: true });
    cpSync(join(PACKAGE_DIR, 'dist'), join(scratch, 'restored', 'dist'), { recursive: true });
    cpSync(join(PACKAGE_DIR, 'package.json'), join(scratch, 'restored', 'package.json'));
    chmodSync(join(scratch, 'restored', 'dist', 'bin.js'), 0o644);
    expect(statSync(join(scratch, 'restored', 'dist', 'bin.js')).mode & 0o111).toBe(0);
    // Executed directly, through its #! line, as npm's .bin link runs it.
    const result = spawnSync(join(scratch, 'restored', 'bin', 'auditnotify.js'), ['--version'], { encoding: 'utf8' });
    expect({ status: result.status, stdout: result.stdout, stderr: result.stderr }).toEqual({ status: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it('says to build first, exit 2, when dist does not exist yet', () => {
    cpSync(join(PACKAGE_DIR, 'bin'), join(scratch, 'fresh', 'bin'), { recursive: true });
    const result = spawnSync(join(scratch, 'fresh', 'bin', 'auditnotify.js'), ['--version'], { encoding: 'utf8' });
    expect({ status: result.status, stderr: result.stderr }).toEqual({
      status: 2,
      stderr: 'auditnotify: the command is not built yet: run `npm run build` in the repository first.\n',
    });
  });
});
