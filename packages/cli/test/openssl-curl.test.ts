// The interoperability round trip: the CLI only prints the message; openssl signs it, curl sends it to
// `auditnotify listen`, and openssl checks the receiver's signed answer. No code of ours signs or sends.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOTIFY_PATH, readManifest, run, runTool, startListen, tempDir } from './helpers/cli.js';
import type { Listener } from './helpers/cli.js';

const tmp = tempDir();
const keys = join(tmp.dir, 'keys');
let listener: Listener;

beforeAll(async () => {
  expect((await run(['keygen', '--out', keys])).code).toBe(0);
  listener = await startListen(['--keys', keys]);
});
afterAll(async () => {
  await listener?.stop();
  tmp.remove();
});

async function opensslSign(messagePath: string): Promise<string> {
  const keyPath = join(keys, 'sender', 'apiclient_key.pem');
  const { stdout } = await runTool('sh', ['-c', 'openssl dgst -sha256 -sign "$1" "$2" | base64 -w0', 'sh', keyPath, messagePath]);
  return stdout.toString();
}

async function curl(authorization: string, bodyPath: string, name: string): Promise<{ status: string; headers: Record<string, string>; body: Buffer }> {
  const headerPath = join(tmp.dir, `${name}.headers`);
  const answerPath = join(tmp.dir, `${name}.answer`);
  const manifest = readManifest(keys);
  const { stdout } = await runTool('curl', [
    '-sS', '-X', 'POST', `${listener.origin}${NOTIFY_PATH}`,
    '-H', `Authorization: ${authorization}`,
    '-H', 'Accept: application/json',
    '-H', 'Content-Type: application/json',
    '-H', `Wechatpay-Serial: ${manifest.wechatpay_public_key_id}`,
    '--data-binary', `@${bodyPath}`,
    '-D', headerPath, '-o', answerPath, '-w', '%{http_code}',
  ]);
  const headers: Record<string, string> = {};
  for (const line of readFileSync(headerPath, 'utf8').split('\r\n').slice(1)) {
    const at = line.indexOf(':');
    if (at > 0) headers[line.slice(0, at).toLowerCase()] = line.slice(at + 1).trim();
  }
  return { status: stdout.toString(), headers, body: readFileSync(answerPath) };
}

describe('openssl-signed request sent with curl to auditnotify listen', () => {
  const body = '{"out_request_no":"R-openssl-1","mchid":"1900016681","audit_result":"REJECT","fail_code":"1001","fail_msg":"身份证件不合法"}';
  const bodyPath = join(tmp.dir, 'body.json');
  let signed: { message: string; timestamp: number; nonce: string };
  let authorization: string;

  beforeAll(async () => {
    writeFileSync(bodyPath, body);
    const result = await run(['sign', '--keys', keys, '--body', bodyPath, '--json']);
    expect(result.code, result.stderr).toBe(0);
    signed = JSON.parse(result.stdout) as typeof signed;
    const messagePath = join(tmp.dir, 'message.txt');
    writeFileSync(messagePath, signed.message);
    const signature = await opensslSign(messagePath);
    const manifest = readManifest(keys);
    authorization =
      `WECHATPAY2-SHA256-RSA2048 mchid="${manifest.mchid}",nonce_str="${signed.nonce}",` +
      `timestamp="${signed.timestamp}",serial_no="${manifest.serial_no}",signature="${signature}"`;
  });

  it('is accepted: 200, the receiver prints the notification', async () => {
    const answer = await curl(authorization, bodyPath, 'ok');
    expect(answer.status).toBe('200');
    expect(JSON.parse(answer.body.toString('utf8'))).toEqual({ ret_msg: 'SUCC' });
    const line = JSON.parse(await listener.nextLine()) as { notification: Record<string, string> };
    expect(line.notification).toMatchObject({ out_request_no: 'R-openssl-1', audit_result: 'REJECT', fail_msg: '身份证件不合法' });

    // openssl checks the answer's signature: TIMESTAMP\nNONCE\nBODY\n with the receiver's public key.
    const message = Buffer.concat([
      Buffer.from(`${answer.headers['wechatpay-timestamp']}\n${answer.headers['wechatpay-nonce']}\n`),
      answer.body,
      Buffer.from('\n'),
    ]);
    const messagePath = join(tmp.dir, 'answer-message.bin');
    const signaturePath = join(tmp.dir, 'answer-signature.bin');
    writeFileSync(messagePath, message);
    writeFileSync(signaturePath, Buffer.from(answer.headers['wechatpay-signature'] ?? '', 'base64'));
    expect(answer.headers['wechatpay-serial']).toBe(readManifest(keys).wechatpay_public_key_id);
    const { stdout } = await runTool('openssl', [
      'dgst', '-sha256', '-verify', join(keys, 'receiver', 'wxp_pub.pem'), '-signature', signaturePath, messagePath,
    ]);
    expect(stdout.toString()).toContain('Verified OK');
  });

  it('is refused with 401 SIGN_ERROR when the same Authorization is sent again (nonce replayed)', async () => {
    const answer = await curl(authorization, bodyPath, 'replay');
    expect(answer.status).toBe('401');
    expect(JSON.parse(answer.body.toString('utf8'))).toMatchObject({ code: 'SIGN_ERROR', detail: { reason: 'NONCE_REPLAYED' } });
    await listener.waitForStderr('rejected 401 SIGN_ERROR (NONCE_REPLAYED)');
  });

  it('is refused with 401 SIGN_ERROR when the body sent has one more byte than the body signed', async () => {
    const changedPath = join(tmp.dir, 'body-newline.json');
    writeFileSync(changedPath, `${body}\n`);
    const answer = await curl(authorization, changedPath, 'newline');
    expect(answer.status).toBe('401');
    expect(JSON.parse(answer.body.toString('utf8'))).toMatchObject({ code: 'SIGN_ERROR', detail: { reason: 'SIGNATURE_MISMATCH' } });
    await listener.waitForStderr('rejected 401 SIGN_ERROR (SIGNATURE_MISMATCH)');
  });
});
