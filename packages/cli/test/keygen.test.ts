import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run, runTool, tempDir } from './helpers/cli.js';

const tmp = tempDir();
afterAll(() => tmp.remove());

const FILES = [
  'keys.json',
  'receiver/wxp_key.pem',
  'receiver/wxp_pub.pem',
  'sender/apiclient_cert.p12',
  'sender/apiclient_cert.pem',
  'sender/apiclient_key.pem',
];

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
  );
}

describe('auditnotify keygen', () => {
  const out = join(tmp.dir, 'keys');

  it('writes the key set layout and keys.json', async () => {
    const result = await run(['keygen', '--out', out, '--mchid', '1900016681']);
    expect(result.stderr).toBe('');
    expect(result.code, result.stderr).toBe(0);
    expect(listFiles(out).sort()).toEqual(FILES);
    const manifest = JSON.parse(readFileSync(join(out, 'keys.json'), 'utf8')) as Record<string, string>;
    expect(manifest.mchid).toBe('1900016681');
    expect(manifest.serial_no).toMatch(/^[0-9A-F]+$/);
    expect(manifest.wechatpay_public_key_id).toMatch(/^PUB_KEY_ID_/);
    expect(result.stdout).toContain(manifest.serial_no);
    // Only the complete set is moved into place: no staging folders are left beside it.
    expect(readdirSync(tmp.dir)).toEqual(['keys']);
  });

  it('keeps private keys readable by their owner only', () => {
    for (const file of ['sender/apiclient_key.pem', 'sender/apiclient_cert.p12', 'receiver/wxp_key.pem']) {
      expect(statSync(join(out, file)).mode & 0o077).toBe(0);
    }
  });

  it('writes a certificate whose serial (per openssl) is keys.json serial_no', async () => {
    const manifest = JSON.parse(readFileSync(join(out, 'keys.json'), 'utf8')) as Record<string, string>;
    const { stdout } = await runTool('openssl', ['x509', '-in', join(out, 'sender/apiclient_cert.pem'), '-noout', '-serial']);
    expect(stdout.toString().trim().replace(/^serial=/, '').toUpperCase().padStart(manifest.serial_no?.length ?? 0, '0')).toBe(
      manifest.serial_no,
    );
  });

  it('writes a PKCS#12 that openssl opens with the mchid as password', async () => {
    const { stdout } = await runTool('openssl', [
      'pkcs12', '-in', join(out, 'sender/apiclient_cert.p12'), '-passin', 'pass:1900016681', '-nokeys',
    ]);
    expect(stdout.toString()).toContain('BEGIN CERTIFICATE');
  });

  it('writes a receiver key pair that openssl sees as RSA-2048', async () => {
    const { stdout } = await runTool('openssl', ['pkey', '-pubin', '-in', join(out, 'receiver/wxp_pub.pem'), '-noout', '-text']);
    expect(stdout.toString()).toContain('2048 bit');
  });

  it('prints the manifest and the files as JSON with --json', async () => {
    const second = join(tmp.dir, 'json-keys');
    const result = await run(['keygen', '--out', second, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout) as { dir: string; files: string[]; serial_no: string };
    expect(json.dir).toBe(second);
    expect([...json.files].sort()).toEqual(FILES);
    expect(existsSync(join(second, 'keys.json'))).toBe(true);
  });

  it('refuses to overwrite an existing key set (exit 2) and leaves it untouched', async () => {
    const before = readFileSync(join(out, 'sender/apiclient_key.pem'));
    const result = await run(['keygen', '--out', out]);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain('USAGE_ERROR');
    expect(result.stderr).toContain('--force');
    expect(readFileSync(join(out, 'sender/apiclient_key.pem')).equals(before)).toBe(true);
  });

  it('replaces an existing key set with --force', async () => {
    const before = readFileSync(join(out, 'keys.json'), 'utf8');
    const result = await run(['keygen', '--out', out, '--force']);
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(join(out, 'keys.json'), 'utf8')).not.toBe(before);
    expect(listFiles(out).sort()).toEqual(FILES);
    expect(readdirSync(tmp.dir).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it('exits 2 when --out is a file', async () => {
    const result = await run(['keygen', '--out', join(out, 'keys.json')]);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain('is not a folder');
  });

  it('exits 2 for an mchid that could not travel in the Authorization header', async () => {
    const result = await run(['keygen', '--out', join(tmp.dir, 'x'), '--mchid', '19,00']);
    expect(result.code, result.stderr).toBe(2);
    expect(existsSync(join(tmp.dir, 'x'))).toBe(false);
  });
});
