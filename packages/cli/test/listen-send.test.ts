import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOTIFY_PATH, readManifest, run, startListen, tempDir } from './helpers/cli.js';
import type { Listener } from './helpers/cli.js';

const tmp = tempDir();
const keys = join(tmp.dir, 'keys');
const otherKeys = join(tmp.dir, 'other');
let listener: Listener;

beforeAll(async () => {
  const [a, b] = await Promise.all([run(['keygen', '--out', keys]), run(['keygen', '--out', otherKeys])]);
  expect([a.code, b.code]).toEqual([0, 0]);
  listener = await startListen(['--keys', keys]);
});
afterAll(async () => {
  await listener?.stop();
  tmp.remove();
});

const FIELDS = ['--field', 'mchid=1900016681', '--field', 'audit_result=PASS', '--field', 'audit_finish_time=2015-05-20T13:29:35+08:00'];

describe('auditnotify listen + send', () => {
  it('prints "listening on http://127.0.0.1:PORT" as its first line', () => {
    expect(listener.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('delivers a notification built from --field pairs and prints the verified answer as JSON', async () => {
    const result = await run(['send', '--keys', keys, '--url', `${listener.origin}${NOTIFY_PATH}`, '--field', 'out_request_no=R-field-1', ...FIELDS]);
    expect(result.stderr).toBe('');
    expect(result.code, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout) as { ok: boolean; status: number; answer: unknown; verified: { keyId: string }; requestId: string };
    expect(json.ok).toBe(true);
    expect(json.status).toBe(200);
    expect(json.answer).toEqual({ ret_msg: 'SUCC' });
    expect(json.verified.keyId).toBe(readManifest(keys).wechatpay_public_key_id);

    const line = JSON.parse(await listener.nextLine()) as { event: string; requestId: string; notification: Record<string, string> };
    expect(line.event).toBe('accepted');
    expect(line.notification.out_request_no).toBe('R-field-1');
    expect(line.requestId).toBe(json.requestId);
  });

  it('delivers a JSON body from stdin, keeping unknown fields and reporting lint warnings', async () => {
    const body = JSON.stringify({ out_request_no: 'R-stdin-1', mchid: '1900016681', audit_result: 'PASS', fail_code: '1001', trace: 'x' });
    const result = await run(['send', '--keys', keys, '--url', `${listener.origin}${NOTIFY_PATH}`, '--body', '-'], { input: body });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('warning: FAIL_FIELDS_WITH_PASS');
    const line = JSON.parse(await listener.nextLine()) as { notification: Record<string, string>; unknownFields: Record<string, unknown> };
    expect(line.notification).toEqual({ out_request_no: 'R-stdin-1', mchid: '1900016681', audit_result: 'PASS', fail_code: '1001' });
    expect(line.unknownFields).toEqual({ trace: 'x' });
  });

  it('exits 1 with API_ERROR 401 SIGN_ERROR when the sender signs with a key the receiver does not know', async () => {
    const result = await run(['send', '--keys', otherKeys, '--url', `${listener.origin}${NOTIFY_PATH}`, '--field', 'out_request_no=R-other', ...FIELDS]);
    expect(result.code, result.stderr).toBe(1);
    const json = JSON.parse(result.stdout) as { ok: boolean; error: Record<string, unknown> };
    expect(json.ok).toBe(false);
    expect(json.error).toMatchObject({ code: 'API_ERROR', status: 401, wireCode: 'SIGN_ERROR' });
    expect(result.stderr).toContain('auditnotify send: API_ERROR');
    expect(await listener.waitForStderr('rejected 401 SIGN_ERROR (UNKNOWN_SERIAL)')).toContain('Request-ID');
  });

  it('exits 1 with VALIDATION_FAILED for an audit_result that is neither PASS nor REJECT', async () => {
    const result = await run([
      'send', '--keys', keys, '--url', `${listener.origin}${NOTIFY_PATH}`,
      '--field', 'out_request_no=R-bad', '--field', 'mchid=1900016681', '--field', 'audit_result=MAYBE',
    ]);
    expect(result.code, result.stderr).toBe(1);
    const json = JSON.parse(result.stdout) as { error: { code: string; detail: { field: string } } };
    expect(json.error.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(json.error)).toContain('audit_result');
  });

  it('exits 1 with NETWORK_ERROR when nothing listens at the URL', async () => {
    const port = await new Promise<number>((resolve) => {
      const server = createServer();
      server.listen(0, '127.0.0.1', () => {
        const { port: free } = server.address() as { port: number };
        server.close(() => resolve(free));
      });
    });
    const result = await run(['send', '--keys', keys, '--url', `http://127.0.0.1:${port}${NOTIFY_PATH}`, '--field', 'out_request_no=R-net', ...FIELDS]);
    expect(result.code, result.stderr).toBe(1);
    expect((JSON.parse(result.stdout) as { error: { code: string } }).error.code).toBe('NETWORK_ERROR');
  });

  it('exits 2 with INPUT_UNREADABLE when --body is not JSON, without echoing it', async () => {
    const path = join(tmp.dir, 'not-json.txt');
    writeFileSync(path, 'SECRET-LOOKING {');
    const result = await run(['send', '--keys', keys, '--url', `${listener.origin}${NOTIFY_PATH}`, '--body', path]);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain('INPUT_UNREADABLE');
    expect(result.stderr).not.toContain('SECRET-LOOKING');
  });

  it('exits 2 when both --body and --field are given', async () => {
    const result = await run(['send', '--keys', keys, '--url', NOTIFY_PATH, '--body', '-', '--field', 'a=b']);
    expect(result.code, result.stderr).toBe(2);
  });

  it('exits 2 for a bare path that is not the endpoint path', async () => {
    const result = await run(['send', '--keys', keys, '--url', '/v3/other', '--field', 'out_request_no=R', ...FIELDS]);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain('a bare path must be');
  });

  it('exits 2 without --wechatpay-public-key when no key set gives one', async () => {
    const result = await run([
      'send', '--url', `${listener.origin}${NOTIFY_PATH}`, '--mchid', '1900016681',
      '--key', join(keys, 'sender', 'apiclient_cert.p12'), '--field', 'out_request_no=R', ...FIELDS,
    ]);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain('missing --wechatpay-public-key');
  });
});

describe('auditnotify listen lifecycle', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('closes the server and exits 0 on %s', async (signal) => {
    const own = await startListen(['--keys', keys, '--port', '0']);
    const code = await own.stop(signal);
    expect(code).toBe(0);
    expect(own.stderr()).toContain('stopped');
  });

  it('fails with exit 1, naming the port, when the port is taken (the flags were fine)', async () => {
    const port = new URL(listener.origin).port;
    const result = await run(['listen', '--keys', keys, '--port', port]);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toBe(
      `auditnotify listen: NETWORK_ERROR: cannot listen on 127.0.0.1:${port}: address already in use (EADDRINUSE): another program listens on port ${port}; choose another --port, or --port 0 for a free one\n`,
    );
  });

  it('exits 2 without receiver keys', async () => {
    const result = await run(['listen']);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain('missing --sender-cert');
  });
});
