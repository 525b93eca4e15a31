// `--sender-cert` repeated adds to the set of accepted senders, as a receiver holds two certificates during a
// key rotation: decode and verify accept a request signed under either, and still reject one signed under
// neither. The request is the corpus's rotation control (signed with test-vectors/sender's key).
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, tempDir, TEST_VECTORS } from './helpers/cli.js';

const request = join(TEST_VECTORS, 'corpus', 'cases', 'control-key-rotation.http');
const current = join(TEST_VECTORS, 'sender', 'apiclient_cert.pem');
const old = join(TEST_VECTORS, 'corpus', 'rotation_cert.pem');
const now = '1757900000';
const tmp = tempDir();
let otherKeys: string;

beforeAll(async () => {
  otherKeys = join(tmp.dir, 'other');
  expect((await run(['keygen', '--out', otherKeys])).code).toBe(0);
});
afterAll(() => tmp.remove());

const verdictOf = (stdout: string) => (JSON.parse(stdout) as { verdict: string }).verdict;
const decodeOf = (stdout: string) => (JSON.parse(stdout) as { verification: { verified: boolean; checks: { name: string; ok: boolean; detail: string }[] } }).verification;

describe('--sender-cert given more than once', () => {
  it('verify accepts a request signed under the second certificate, in either order', async () => {
    const [oldFirst, currentFirst] = await Promise.all([
      run(['verify', '--request', request, '--now', now, '--sender-cert', old, '--sender-cert', current]),
      run(['verify', '--request', request, '--now', now, '--sender-cert', current, '--sender-cert', old]),
    ]);
    expect([oldFirst.code, currentFirst.code], oldFirst.stderr + currentFirst.stderr).toEqual([0, 0]);
    expect([verdictOf(oldFirst.stdout), verdictOf(currentFirst.stdout)]).toEqual(['accepted', 'accepted']);
  });

  it('verify rejects it when only the other certificate is given', async () => {
    const result = await run(['verify', '--request', request, '--now', now, '--sender-cert', old]);
    expect(result.code).toBe(1);
    expect(verdictOf(result.stdout)).toBe('rejected');
  });

  it('decode verifies under either certificate and lists both as known keys', async () => {
    const result = await run(['decode', '--request', request, '--now', now, '--json', '--sender-cert', old, '--sender-cert', current]);
    expect(result.code, result.stderr).toBe(0);
    const verification = decodeOf(result.stdout);
    expect(verification.verified).toBe(true);
    const alone = await run(['decode', '--request', request, '--now', now, '--json', '--sender-cert', old]);
    expect(alone.code).toBe(1);
    expect(decodeOf(alone.stdout).checks.find((c) => c.name === 'key_known')).toMatchObject({ ok: false, detail: expect.stringContaining('3A1B2C3D4E5F60718293A4B5C6D7E8F901234567') });
  });

  it('adds to the certificate of --keys instead of replacing it', async () => {
    const [verify, decode] = await Promise.all([
      // The set's answer key id is its own; the request names the test vectors' one.
      run(['verify', '--request', request, '--now', now, '--keys', otherKeys, '--sender-cert', current, '--answer-key', join(TEST_VECTORS, 'receiver', 'wxp_key.pem'), '--answer-key-id', 'PUB_KEY_ID_0119000166812025091500000000000001']),
      run(['decode', '--request', request, '--now', now, '--json', '--keys', otherKeys, '--sender-cert', current]),
    ]);
    expect(verify.code, verify.stderr).toBe(0);
    expect(decode.code, decode.stderr).toBe(0);
    const known = decodeOf(decode.stdout).checks.find((c) => c.name === 'key_known');
    expect(known?.ok).toBe(true);
  });

  it('refuses the same serial_no for two different keys (exit 2, USAGE_ERROR)', async () => {
    const result = await run(['verify', '--request', request, '--now', now, '--sender-cert', current, '--sender-public-key', join(TEST_VECTORS, 'receiver', 'wxp_pub.pem'), '--sender-serial', '5157F09EFDC096DE15EBE81A47057A7232F1B8E1']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('USAGE_ERROR');
    expect(result.stderr).toContain('two different keys are given for serial_no 5157F09EFDC096DE15EBE81A47057A7232F1B8E1');
  });
});
