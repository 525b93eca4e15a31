import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_VECTORS, run, runTool, tempDir } from './helpers/cli.js';

interface RequestVector {
  method: string;
  url: string;
  timestamp: string;
  nonce_str: string;
  body: string;
  message: string;
  signature: string;
  authorization: string;
}
const VECTORS = JSON.parse(readFileSync(join(TEST_VECTORS, 'vectors.json'), 'utf8')) as {
  mchid: string;
  serial_no: string;
  requests: RequestVector[];
};
const SENDER = join(TEST_VECTORS, 'sender');
const tmp = tempDir();
afterAll(() => tmp.remove());

function vectorArgs(vector: RequestVector, bodyPath: string): string[] {
  return [
    '--method', vector.method,
    '--url', vector.url,
    '--timestamp', vector.timestamp,
    '--nonce', vector.nonce_str,
    '--body', bodyPath,
  ];
}

function bodyFile(vector: RequestVector, index: number): string {
  const path = join(tmp.dir, `body-${index}.json`);
  writeFileSync(path, vector.body);
  return path;
}

describe('auditnotify sign', () => {
  it.each(VECTORS.requests.map((vector, index) => [index, vector] as const))(
    'reproduces the openssl vector %i byte for byte',
    async (index, vector) => {
      const result = await run([
        'sign',
        '--mchid', VECTORS.mchid,
        '--key', join(SENDER, 'apiclient_key.pem'),
        '--serial', VECTORS.serial_no,
        ...vectorArgs(vector, bodyFile(vector, index)),
      ]);
      expect(result.stderr).toBe('');
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toBe(`${vector.authorization}\n`);
    },
  );

  it('prints {message, signature, authorization, timestamp, nonce} with --json', async () => {
    const vector = VECTORS.requests[0] as RequestVector;
    const result = await run([
      'sign', '--mchid', VECTORS.mchid, '--key', join(SENDER, 'apiclient_key.pem'), '--serial', VECTORS.serial_no,
      ...vectorArgs(vector, bodyFile(vector, 0)), '--json',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(Object.keys(json).sort()).toEqual(['authorization', 'message', 'nonce', 'signature', 'timestamp']);
    expect(json.message).toBe(vector.message);
    expect(json.signature).toBe(vector.signature);
    expect(json.authorization).toBe(vector.authorization);
    expect(String(json.timestamp)).toBe(vector.timestamp);
    expect(json.nonce).toBe(vector.nonce_str);
  });

  it('takes the serial from a PKCS#12 key (password = mchid), modern and legacy', async () => {
    const vector = VECTORS.requests[0] as RequestVector;
    for (const file of ['apiclient_cert.p12', 'apiclient_cert_legacy.p12']) {
      const result = await run([
        'sign', '--mchid', VECTORS.mchid, '--key', join(SENDER, file), ...vectorArgs(vector, bodyFile(vector, 0)),
      ]);
      expect(result.stderr).toBe('');
      expect(result.stdout).toBe(`${vector.authorization}\n`);
    }
  });

  it('takes the serial from --cert and accepts a PKCS#1 key', async () => {
    const vector = VECTORS.requests[0] as RequestVector;
    const result = await run([
      'sign', '--mchid', VECTORS.mchid, '--key', join(SENDER, 'apiclient_key_pkcs1.pem'),
      '--cert', join(SENDER, 'apiclient_cert.pem'), ...vectorArgs(vector, bodyFile(vector, 0)),
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(`${vector.authorization}\n`);
  });

  it('reads the body from stdin with --body -', async () => {
    const vector = VECTORS.requests[1] as RequestVector;
    const result = await run(
      ['sign', '--mchid', VECTORS.mchid, '--key', join(SENDER, 'apiclient_key.pem'), '--serial', VECTORS.serial_no,
        ...vectorArgs(vector, '-')],
      { input: vector.body },
    );
    expect(result.stdout).toBe(`${vector.authorization}\n`);
  });

  it('makes signatures that openssl verifies with the sender certificate', async () => {
    const body = join(tmp.dir, 'fresh.json');
    writeFileSync(body, '{"out_request_no":"R1","mchid":"1900016681","audit_result":"PASS"}');
    const result = await run([
      'sign', '--mchid', VECTORS.mchid, '--key', join(SENDER, 'apiclient_key.pem'), '--serial', VECTORS.serial_no,
      '--body', body, '--json',
    ]);
    const json = JSON.parse(result.stdout) as { message: string; signature: string; nonce: string };
    expect(json.nonce).toMatch(/^[0-9A-Za-z]{32}$/);
    const messagePath = join(tmp.dir, 'message.txt');
    const signaturePath = join(tmp.dir, 'signature.bin');
    writeFileSync(messagePath, json.message);
    writeFileSync(signaturePath, Buffer.from(json.signature, 'base64'));
    const verified = await runTool('openssl', [
      'dgst', '-sha256', '-verify', join(SENDER, 'apiclient_pub.pem'), '-signature', signaturePath, messagePath,
    ]);
    expect(verified.stdout.toString()).toContain('Verified OK');
  });

  it('shows the message with visible line ends, byte length and SHA-256 with --explain', async () => {
    const vector = VECTORS.requests[1] as RequestVector;
    const result = await run([
      'sign', '--mchid', VECTORS.mchid, '--key', join(SENDER, 'apiclient_key.pem'), '--serial', VECTORS.serial_no,
      ...vectorArgs(vector, bodyFile(vector, 1)), '--explain',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const bytes = Buffer.byteLength(vector.message, 'utf8');
    const sha256 = createHash('sha256').update(vector.message, 'utf8').digest('hex');
    expect(result.stdout).toContain(`${bytes} bytes, SHA-256 ${sha256}`);
    expect(result.stdout).toContain(`POST␊`);
    expect(result.stdout).toContain(`${vector.nonce_str}␊`);
    // The pretty-printed body's own line ends are shown too, and the message's final one.
    expect(result.stdout.match(/␊/g)?.length).toBe(vector.message.split('\n').length - 1);
    expect(result.stdout).toContain(vector.authorization);
  });
});

describe('auditnotify sign failures', () => {
  it('exits 2 with USAGE_ERROR for a non-numeric timestamp', async () => {
    const result = await run(['sign', '--keys', tmp.dir, '--timestamp', '17579e5']);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain('USAGE_ERROR: --timestamp must be Unix seconds');
  });

  it('exits 2 with INPUT_UNREADABLE when the key file does not exist', async () => {
    const result = await run(['sign', '--mchid', '1900016681', '--key', join(tmp.dir, 'nope.pem'), '--serial', 'AB']);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain('INPUT_UNREADABLE: --key');
    expect(result.stderr).toContain(': no such file or directory (ENOENT)');
  });

  it('exits 2 with USAGE_ERROR when no serial can be found', async () => {
    const result = await run(['sign', '--mchid', '1900016681', '--key', join(SENDER, 'apiclient_key.pem')]);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain('missing --serial');
  });

  it('exits 2 with PKCS12_INVALID or KEY_PASSWORD_WRONG for a wrong PKCS#12 password', async () => {
    const result = await run([
      'sign', '--mchid', '1900016681', '--key', join(SENDER, 'apiclient_cert.p12'), '--key-password', 'wrong',
    ]);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(/(KEY_PASSWORD_WRONG|PKCS12_INVALID): --key /);
  });

  it('exits 2 with KEY_CERT_MISMATCH when --key and --cert do not belong together', async () => {
    const result = await run([
      'sign', '--mchid', '1900016681', '--key', join(TEST_VECTORS, 'receiver', 'wxp_key.pem'),
      '--cert', join(SENDER, 'apiclient_cert.pem'),
    ]);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain('KEY_CERT_MISMATCH');
  });

  it('never prints key material when a private key is given where a certificate belongs', async () => {
    const keyPath = join(SENDER, 'apiclient_key.pem');
    const result = await run(['sign', '--mchid', '1900016681', '--key', keyPath, '--cert', keyPath]);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(/CERT_INVALID|KEY_/);
    const keyLines = readFileSync(keyPath, 'utf8').split('\n').filter((line) => line.length > 20 && !line.startsWith('-----'));
    for (const line of keyLines) expect(result.stderr + result.stdout).not.toContain(line.slice(0, 16));
  });
});

describe('sign --curl', () => {
  it('prints a curl command that a shell reads back to the exact body, and that verify --curl accepts', async () => {
    const keys = join(tmp.dir, 'curl-keys');
    expect((await run(['keygen', '--out', keys])).code).toBe(0);
    const body = join(tmp.dir, 'curl-body.json');
    writeFileSync(body, "{\"out_request_no\":\"R-'quoted'\",\"mchid\":\"1900016681\",\"audit_result\":\"PASS\"}\n");
    const signed = await run(['sign', '--keys', keys, '--body', body, '--curl', 'http://127.0.0.1:9']);
    expect(signed.code, signed.stderr).toBe(0);
    expect(signed.stdout).toMatch(/^curl -sS -X POST 'http:\/\/127\.0\.0\.1:9\/v3\/aggracct-bc\/wb-channel\/control-orders\/info\/update\/result\/notify' \\\n/);
    const request = join(tmp.dir, 'request.sh');
    writeFileSync(request, signed.stdout);
    const verified = await run(['verify', '--curl', request, '--keys', keys]);
    expect({ code: verified.code, verdict: (JSON.parse(verified.stdout) as { verdict: string }).verdict }).toEqual({ code: 0, verdict: 'accepted' });
    // The shell reads the quoting back to the exact body bytes: bash prints curl's arguments instead of running it.
    const words = await runTool('bash', ['-c', `curl() { printf '%s\\0' "$@"; }; . ${JSON.stringify(request)}`]);
    expect(words.stdout.toString('utf8').split('\0')).toContain(readFileSync(body, 'utf8'));
  });

  it('refuses --curl with a path or with --json (exit 2)', async () => {
    const withPath = await run(['sign', '--keys', join(tmp.dir, 'curl-keys'), '--curl', 'http://127.0.0.1:9/v3/x']);
    expect({ code: withPath.code, stderr: withPath.stderr }).toMatchObject({ code: 2, stderr: expect.stringContaining('--curl must be an origin') });
    const both = await run(['sign', '--keys', join(tmp.dir, 'curl-keys'), '--curl', 'http://127.0.0.1:9', '--json']);
    expect({ code: both.code, stderr: both.stderr }).toMatchObject({ code: 2, stderr: expect.stringContaining('--json and --curl exclude each other') });
  });
});
