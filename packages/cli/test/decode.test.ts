import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleCurlCommand } from '@auditnotify/core/testing';
import { NOTIFY_PATH, rawRequest, readManifest, run, tempDir } from './helpers/cli.js';

const tmp = tempDir();
// The documentation's curl example, saved as an integrator would save it before running `decode --curl`.
const SEED = join(tmp.dir, 'seed-example.curl.sh');
writeFileSync(SEED, sampleCurlCommand());
const keys = join(tmp.dir, 'keys');
const otherKeys = join(tmp.dir, 'other');
const body = '{"out_request_no":"R-decode-1","mchid":"1900016681","audit_result":"PASS"}';
let signed: { authorization: string; timestamp: number; nonce: string };

function requestWith(options: { body?: string; authorization?: string }): Buffer {
  return rawRequest({
    url: NOTIFY_PATH,
    headers: {
      Authorization: options.authorization ?? signed.authorization,
      Accept: 'application/json',
      'Content-Type': 'application/json',
      'Wechatpay-Serial': readManifest(keys).wechatpay_public_key_id,
    },
    body: options.body ?? body,
  });
}

async function decode(request: Buffer, extra: string[]): Promise<{ code: number | null; report: Record<string, unknown>; stderr: string }> {
  const result = await run(['decode', '--request', '-', '--json', ...extra], { input: request });
  if (result.stdout === '') throw new Error(`decode printed nothing; stderr: ${result.stderr}`);
  return { code: result.code, report: JSON.parse(result.stdout || '{}') as Record<string, unknown>, stderr: result.stderr };
}

beforeAll(async () => {
  const [a, b] = await Promise.all([run(['keygen', '--out', keys]), run(['keygen', '--out', otherKeys])]);
  expect([a.code, b.code]).toEqual([0, 0]);
  const bodyPath = join(tmp.dir, 'body.json');
  writeFileSync(bodyPath, body);
  signed = JSON.parse((await run(['sign', '--keys', keys, '--body', bodyPath, '--json'])).stdout) as typeof signed;
});
afterAll(() => tmp.remove());

describe('auditnotify decode on the documentation\'s curl example', () => {
  it('shows every field with its label, the truncated Authorization and the lint warning (exit 0)', async () => {
    const result = await run(['decode', '--curl', SEED]);
    expect(result.code, result.stderr).toBe(0);
    const out = result.stdout;
    expect(out).toContain(`Request: POST ${NOTIFY_PATH}`);
    expect(out).toContain('host: api.mch.weixin.qq.com');
    expect(out).toContain('AUTH_MALFORMED');
    for (const label of ['资料更新请求单号', '商户号', '审核结果', '审核完成时间', '业务附属信息', '审核驳回错误码', '审核驳回错误原因']) {
      expect(out).toContain(label);
    }
    expect(out).toContain('"htozr8denqegbt6tk6u10iymo7yww5pn"');
    expect(out).toContain('Schema: ok');
    expect(out).toContain('FAIL_FIELDS_WITH_PASS');
    expect(out).toContain('Verification: not run');
  });

  it('gives the same findings as JSON with --json', async () => {
    const result = await run(['decode', '--curl', '-', '--json'], { input: readFileSync(SEED) });
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as {
      authorization: { ok: boolean; code: string };
      body: { fields: { name: string; labelZh: string; present: boolean }[]; warnings: { code: string }[]; schemaErrors: unknown[] };
    };
    expect(report.authorization).toMatchObject({ ok: false, code: 'AUTH_MALFORMED' });
    expect(report.body.fields.map((field) => field.name)).toEqual([
      'out_request_no', 'mchid', 'audit_result', 'audit_finish_time', 'attach_info', 'fail_code', 'fail_msg',
    ]);
    expect(report.body.fields.every((field) => field.present && field.labelZh.length > 0)).toBe(true);
    expect(report.body.schemaErrors).toEqual([]);
    expect(report.body.warnings.map((warning) => warning.code)).toContain('FAIL_FIELDS_WITH_PASS');
  });

  it('fails the verification with keys (exit 1) and says why', async () => {
    const result = await run(['decode', '--curl', SEED, '--keys', keys]);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toContain('Verification: FAILED');
  });
});

describe('auditnotify decode with receiver keys', () => {
  it('verifies a request signed with the key set (exit 0) and shows the signing message', async () => {
    const { code, report } = await decode(requestWith({}), ['--keys', keys, '--now', String(signed.timestamp)]);
    expect(code).toBe(0);
    expect(report.verification).toMatchObject({ verified: true });
    expect((report.message as { text: string }).text).toBe(`POST\n${NOTIFY_PATH}\n${signed.timestamp}\n${signed.nonce}\n${body}\n`);
  });

  it('names BODY_RESERIALISED when the body was pretty-printed after signing', async () => {
    const pretty = JSON.stringify(JSON.parse(body), null, 2);
    const { code, report } = await decode(requestWith({ body: pretty }), ['--keys', keys, '--now', String(signed.timestamp)]);
    expect(code).toBe(1);
    expect(report.verification).toMatchObject({ verified: false, likelyCause: { code: 'BODY_RESERIALISED' } });
  });

  it('names TRAILING_NEWLINE when a final newline was added to the body', async () => {
    const { code, report } = await decode(requestWith({ body: `${body}\n` }), ['--keys', keys, '--now', String(signed.timestamp)]);
    expect(code).toBe(1);
    expect(report.verification).toMatchObject({ likelyCause: { code: 'TRAILING_NEWLINE' } });
  });

  it('names TIMESTAMP_OUT_OF_WINDOW when judged 10 minutes later', async () => {
    const { code, report } = await decode(requestWith({}), ['--keys', keys, '--now', String(signed.timestamp + 600)]);
    expect(code).toBe(1);
    expect(report.verification).toMatchObject({ likelyCause: { code: 'TIMESTAMP_OUT_OF_WINDOW' } });
    // The signature itself is valid: the report says so, and reads the timestamp as 600 s ago.
    expect(report.verification).toMatchObject({ signature: { status: 'valid' } });
    expect(report).toMatchObject({ timestamp: { ok: false, text: '600 s ago, outside the 300 s window' }, verdict: { kind: 'timestamp-invalid' } });
  });

  it('names WRONG_KEY when the serial is known but belongs to another key', async () => {
    const { code, report } = await decode(requestWith({}), [
      '--sender-public-key', join(otherKeys, 'sender', 'apiclient_cert.pem'),
      '--sender-serial', readManifest(keys).serial_no,
      '--now', String(signed.timestamp),
    ]);
    expect(code).toBe(1);
    expect(report.verification).toMatchObject({ likelyCause: { code: 'WRONG_KEY' } });
  });

  it('names PROBE_SIGNATURE for a WECHATPAY/SIGNTEST/ probe', async () => {
    const probe = signed.authorization.replace(/signature="[^"]*"/, 'signature="WECHATPAY/SIGNTEST/abcdefgh"');
    const { code, report } = await decode(requestWith({ authorization: probe }), ['--keys', keys, '--now', String(signed.timestamp)]);
    expect(code).toBe(1);
    expect(report.verification).toMatchObject({ verified: false, likelyCause: { code: 'PROBE_SIGNATURE' } });
  });

  it('prints the likely cause in the human-readable report', async () => {
    const result = await run(['decode', '--request', '-', '--keys', keys, '--now', String(signed.timestamp)], {
      input: requestWith({ body: `${body}\n` }),
    });
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toContain('Most likely cause: TRAILING_NEWLINE');
    expect(result.stdout).toContain('␊');
  });
});

describe('auditnotify decode failures', () => {
  it('exits 2 with USAGE_ERROR when given both --request and --curl', async () => {
    const result = await run(['decode', '--request', '-', '--curl', SEED]);
    expect(result.code, result.stderr).toBe(2);
  });

  it('exits 2 with DECODE_FAILED for a curl command without a URL', async () => {
    const result = await run(['decode', '--curl', '-'], { input: 'curl -X POST -H "Accept: application/json"' });
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain('DECODE_FAILED');
  });

  it('reports a body that is not JSON as a schema error, still exit 0', async () => {
    const { code, report } = await decode(requestWith({ body: 'not json' }), []);
    expect(code).toBe(0);
    expect((report.body as { json: boolean }).json).toBe(false);
  });
});
