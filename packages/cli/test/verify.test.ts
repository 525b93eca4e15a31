import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleCurlCommand } from '@auditnotify/core/testing';
import { NOTIFY_PATH, run, tempDir } from './helpers/cli.js';

const tmp = tempDir();
const keys = join(tmp.dir, 'keys');
const capturedPath = join(tmp.dir, 'captured.http');
let captured: Buffer;
let timestamp: number;

// Like `nc -l`: keeps the bytes of the first request and answers 200 without any signature.
function captureOnce(): Promise<{ server: Server; port: number; request: Promise<Buffer> }> {
  return new Promise((resolveServer) => {
    let deliver: (bytes: Buffer) => void = () => undefined;
    const request = new Promise<Buffer>((resolveRequest) => (deliver = resolveRequest));
    const server = createServer((socket) => {
      let bytes = Buffer.alloc(0);
      socket.on('data', (chunk: Buffer) => {
        bytes = Buffer.concat([bytes, chunk]);
        const end = bytes.indexOf('\r\n\r\n');
        if (end < 0) return;
        const length = Number(/content-length: *(\d+)/i.exec(bytes.subarray(0, end).toString('latin1'))?.[1] ?? 0);
        if (bytes.length < end + 4 + length) return;
        deliver(bytes);
        socket.end('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 18\r\nConnection: close\r\n\r\n{"ret_msg":"SUCC"}');
      });
    });
    server.listen(0, '127.0.0.1', () => resolveServer({ server, port: (server.address() as { port: number }).port, request }));
  });
}

beforeAll(async () => {
  expect((await run(['keygen', '--out', keys])).code).toBe(0);
  const capture = await captureOnce();
  const send = await run([
    'send', '--keys', keys, '--url', `http://127.0.0.1:${capture.port}${NOTIFY_PATH}`,
    '--field', 'out_request_no=R-captured-1', '--field', 'mchid=1900016681', '--field', 'audit_result=PASS',
  ]);
  // The capturing server does not sign its answer: the sender must refuse it (protocol.md §4).
  expect(send.code, send.stderr).toBe(1);
  expect((JSON.parse(send.stdout) as { error: { code: string } }).error.code).toBe('ANSWER_HEADERS_MISSING');
  captured = await capture.request;
  capture.server.close();
  writeFileSync(capturedPath, captured);
  timestamp = Number(/timestamp="(\d+)"/.exec(captured.toString('utf8'))?.[1]);
});
afterAll(() => tmp.remove());

interface Verdict {
  verdict: string;
  status: number;
  code?: string;
  reason?: string;
  notification?: Record<string, string>;
  answer: { status: number; headers: Record<string, string> };
}

describe('auditnotify verify', () => {
  it('accepts a request captured off the wire (exit 0) and prints the verdict JSON', async () => {
    const result = await run(['verify', '--request', capturedPath, '--keys', keys, '--now', String(timestamp + 10)]);
    expect(result.code, result.stderr).toBe(0);
    const verdict = JSON.parse(result.stdout) as Verdict;
    expect(verdict).toMatchObject({ verdict: 'accepted', status: 200 });
    expect(verdict.notification?.out_request_no).toBe('R-captured-1');
    expect(verdict.answer.headers['Wechatpay-Signature']).toBeTruthy();
  });

  it('reads the request from stdin with --request -', async () => {
    const result = await run(['verify', '--request', '-', '--keys', keys, '--now', String(timestamp)], { input: captured });
    expect(result.code, result.stderr).toBe(0);
  });

  it('rejects a timestamp 301 s old with SIGN_ERROR (exit 1)', async () => {
    const result = await run(['verify', '--request', capturedPath, '--keys', keys, '--now', String(timestamp + 301)]);
    expect(result.code, result.stderr).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ verdict: 'rejected', status: 401, code: 'SIGN_ERROR', reason: 'TIMESTAMP_OUT_OF_WINDOW' });
  });

  it('rejects a body changed after signing with SIGNATURE_MISMATCH (exit 1)', async () => {
    const tampered = Buffer.from(captured.toString('utf8').replace('R-captured-1', 'R-captured-2'), 'utf8');
    const path = join(tmp.dir, 'tampered.http');
    writeFileSync(path, tampered);
    const result = await run(['verify', '--request', path, '--keys', keys, '--now', String(timestamp)]);
    expect(result.code, result.stderr).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ code: 'SIGN_ERROR', reason: 'SIGNATURE_MISMATCH' });
  });

  it('rejects the documentation\'s curl example: its Authorization is truncated (AUTH_MALFORMED, exit 1)', async () => {
    const seed = join(tmp.dir, 'seed-example.curl.sh');
    writeFileSync(seed, sampleCurlCommand());
    const result = await run(['verify', '--curl', seed, '--keys', keys]);
    expect(result.code, result.stderr).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ verdict: 'rejected', status: 401, code: 'SIGN_ERROR', reason: 'AUTH_MALFORMED' });
  });

  it('exits 2 with DECODE_FAILED for text that is not an HTTP request', async () => {
    const result = await run(['verify', '--request', '-', '--keys', keys], { input: 'hello\n' });
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain('DECODE_FAILED');
  });

  it('exits 2 with INPUT_UNREADABLE for a missing file', async () => {
    const result = await run(['verify', '--request', join(tmp.dir, 'missing.http'), '--keys', keys]);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain('INPUT_UNREADABLE');
  });

  it('exits 2 with USAGE_ERROR without receiver keys, and for a --now that is not Unix seconds', async () => {
    const [noKeys, badNow] = await Promise.all([
      run(['verify', '--request', capturedPath]),
      run(['verify', '--request', capturedPath, '--keys', keys, '--now', '2025-09-15']),
    ]);
    expect([noKeys.code, badNow.code]).toEqual([2, 2]);
    expect(noKeys.stderr).toContain('missing --sender-cert');
    expect(badNow.stderr).toContain('--now must be Unix seconds');
  });

  it('checks with --sender-cert and an answer key given one by one, like --keys', async () => {
    const manifest = JSON.parse(readFileSync(join(keys, 'keys.json'), 'utf8')) as { wechatpay_public_key_id: string };
    const result = await run([
      'verify', '--request', capturedPath, '--now', String(timestamp),
      '--sender-cert', join(keys, 'sender', 'apiclient_cert.pem'),
      '--answer-key', join(keys, 'receiver', 'wxp_key.pem'), '--answer-key-id', manifest.wechatpay_public_key_id,
    ]);
    expect(result.code, result.stderr).toBe(0);
  });
});
