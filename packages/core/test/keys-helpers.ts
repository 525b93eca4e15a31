// Helpers for the key tests: the real `openssl` command is the oracle (it makes the keys, certificates and
// PKCS#12 files, and says what their serials and fingerprints are), so the loaders are checked against the
// tool merchants actually use rather than against themselves.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isAuditNotifyError, type ErrorCode } from '../src/errors.js';

export const VECTORS = fileURLToPath(new URL('../../../test-vectors/', import.meta.url));
export const MCHID = '1900016681';

/** Runs openssl with arguments; returns stdout as text. */
export function openssl(args: string[], cwd?: string): string {
  return execFileSync('openssl', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] }).toString('utf8');
}

/** Runs openssl; returns stdout and stderr together (`pkcs12 -info` reports on stderr). Throws on failure. */
export function opensslWithStderr(args: string[]): string {
  const result = spawnSync('openssl', args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`openssl ${args[0] ?? ''} failed: ${result.stderr}`);
  return `${result.stdout}${result.stderr}`;
}

/** Runs openssl and returns stdout as bytes. */
export function opensslBytes(args: string[], cwd?: string): Uint8Array {
  return new Uint8Array(execFileSync('openssl', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] }));
}

/** `sha256sum` of `openssl pkey -pubout -outform DER`, as lower-case pairs joined by ':'. */
export function opensslFingerprint(file: string, args: string[] = []): string {
  const der = opensslBytes(['pkey', ...args, '-in', file, '-pubout', '-outform', 'DER']);
  const hex = execFileSync('sha256sum', { input: der }).toString('utf8').split(' ')[0]!;
  return (hex.match(/../g) ?? []).join(':');
}

/** `openssl x509 -serial -noout`, without the `serial=` prefix. */
export function opensslSerial(file: string): string {
  return openssl(['x509', '-in', file, '-serial', '-noout']).trim().replace(/^serial=/, '');
}

/** A temporary directory, removed by the returned function. */
export function tempDir(): { dir: string; file: (name: string) => string; read: (name: string) => Buffer; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'auditnotify-keys-'));
  return {
    dir,
    file: (name) => join(dir, name),
    read: (name) => readFileSync(join(dir, name)),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The code of the AuditNotifyError that `fn` throws (fails the test for any other outcome). */
export function codeOf(fn: () => unknown): ErrorCode {
  try {
    fn();
  } catch (error) {
    if (isAuditNotifyError(error)) return error.code;
    throw new Error(`expected an AuditNotifyError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected an AuditNotifyError, nothing was thrown');
}

/** The AuditNotifyError that `fn` throws. */
export function errorOf(fn: () => unknown): { code: ErrorCode; message: string; detail?: Record<string, unknown> } {
  try {
    fn();
  } catch (error) {
    if (isAuditNotifyError(error)) return error;
    throw error;
  }
  throw new Error('expected an AuditNotifyError, nothing was thrown');
}
