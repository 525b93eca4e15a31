import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { run } from './helpers/cli.js';

describe('auditnotify demo', () => {
  it('runs the round trip on fresh keys, prints each step and removes its folder', async () => {
    const result = await run(['demo']);
    expect(result.stderr).toBe('');
    expect(result.code, result.stderr).toBe(0);
    const out = result.stdout;
    expect(out).toMatch(/1\. Keys: a fresh test key set in (\S+)/);
    expect(out).toMatch(/2\. Receiver: the Express plugin listening on http:\/\/127\.0\.0\.1:\d+\/v3\//);
    expect(out).toContain('authorization: WECHATPAY2-SHA256-RSA2048 mchid="');
    expect(out).toMatch(/\{"out_request_no":"demo[0-9a-f]{24}","mchid":"1900016681"/);
    expect(out).toContain("4. Receiver's view: verified request");
    expect(out).toContain('lint warning FAIL_FIELDS_WITH_PASS');
    expect(out).toMatch(/5\. Answer: 200, signature verified with PUB_KEY_ID_/);
    expect(out).toContain('{"ret_msg":"SUCC"}');
    const folder = /1\. Keys: a fresh test key set in (\S+)/.exec(out)?.[1] ?? '';
    expect(existsSync(folder)).toBe(false);
  });

  it('prints sent, received and answer as JSON with --json', async () => {
    const result = await run(['demo', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout) as {
      sent: { headers: Record<string, string>; body: string };
      received: { notification: Record<string, string> };
      answer: { status: number; verified: { keyId: string } };
    };
    expect(json.sent.headers.authorization).toMatch(/^WECHATPAY2-SHA256-RSA2048 /);
    expect(JSON.parse(json.sent.body)).toMatchObject({ mchid: '1900016681', audit_result: 'PASS' });
    expect(json.received.notification.out_request_no).toMatch(/^demo/);
    expect(json.answer.status).toBe(200);
  });
});
