// Every 2xx answer is verified (protocol.md §4): headers present, serial known, |skew| < 300 s, signature
// valid. A 2xx that fails is an error that says the notification may have been processed, and is not retried.
import { afterEach, describe, expect, it } from 'vitest';
import { sign } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { createClient } from '../src/client/index.js';
import { AuditNotifyError } from '../src/errors.js';
import { ANSWER_KEY_ID, NOW, SAMPLE, answerKeys, nonce, senderKeys, clientOptions } from './receiver-fixtures.js';
import type { TestServer } from './client-fixtures.js';
import { startServer } from './client-fixtures.js';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

interface AnswerInput {
  status?: number;
  body?: string;
  /** The body the signature covers, when different from the one sent. */
  signedBody?: string;
  timestamp?: number;
  serial?: string;
  key?: string;
  signature?: string;
  omit?: string[];
}

function signedAnswer(response: ServerResponse, input: AnswerInput = {}): void {
  const body = input.body ?? '{"ret_msg":"SUCC"}';
  const timestamp = String(input.timestamp ?? NOW);
  const nonceStr = nonce();
  const message = `${timestamp}\n${nonceStr}\n${input.signedBody ?? body}\n`;
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'request-id': 'REQ-VERIFY',
    'wechatpay-timestamp': timestamp,
    'wechatpay-nonce': nonceStr,
    'wechatpay-signature': input.signature ?? sign('sha256', Buffer.from(message), input.key ?? answerKeys.privatePem).toString('base64'),
    'wechatpay-serial': input.serial ?? ANSWER_KEY_ID,
    'wechatpay-signature-type': 'WECHATPAY2-SHA256-RSA2048',
  };
  for (const name of input.omit ?? []) delete headers[name];
  response.writeHead(input.status ?? 200, headers).end(body);
}

async function sendTo(input: AnswerInput | 'unsigned') {
  const server = await startServer((_request, response) => {
    if (input === 'unsigned') response.writeHead(200, { 'content-type': 'application/json' }).end('{"ret_msg":"SUCC"}');
    else signedAnswer(response, input);
  });
  servers.push(server);
  const client = createClient(clientOptions({ hosts: [server.origin], clock: () => NOW, sleep: async () => undefined }));
  const outcome = await client.send(SAMPLE).catch((error: unknown) => error);
  return { outcome, server };
}

async function expectUnverified(input: AnswerInput | 'unsigned', code: string): Promise<AuditNotifyError> {
  const { outcome, server } = await sendTo(input);
  expect(outcome).toBeInstanceOf(AuditNotifyError);
  const error = outcome as AuditNotifyError;
  expect(error.code).toBe(code);
  expect(error.message).toMatch(/may (still )?have been processed/);
  expect(error.message).toMatch(/do not resend it with a new out_request_no/);
  expect(error.detail?.out_request_no).toBe(SAMPLE.out_request_no);
  expect(server.requests).toHaveLength(1); // never retried
  return error;
}

describe('client: verification of 2xx answers', () => {
  it('accepts a correctly signed answer and a signed empty 204', async () => {
    const ok = await sendTo({});
    expect(ok.outcome).toMatchObject({ status: 200, answer: { ret_msg: 'SUCC' }, requestId: 'REQ-VERIFY', verified: { keyId: ANSWER_KEY_ID } });
    const empty = await sendTo({ status: 204, body: '' });
    expect(empty.outcome).toMatchObject({ status: 204, answer: {} });
  });

  it('detects an unsigned 200 (ANSWER_HEADERS_MISSING)', async () => {
    await expectUnverified('unsigned', 'ANSWER_HEADERS_MISSING');
  });

  it('detects a missing Wechatpay-Signature', async () => {
    await expectUnverified({ omit: ['wechatpay-signature'] }, 'ANSWER_HEADERS_MISSING');
  });

  it('detects a forged answer signed by another key under the right id (ANSWER_SIGNATURE_INVALID)', async () => {
    await expectUnverified({ key: senderKeys.privatePem }, 'ANSWER_SIGNATURE_INVALID');
  });

  it('detects a body changed after signing', async () => {
    await expectUnverified({ signedBody: '{"ret_msg":"SUCC"}', body: '{"ret_msg":"FAIL"}' }, 'ANSWER_SIGNATURE_INVALID');
  });

  it('fails a WECHATPAY/SIGNTEST/ probe signature cleanly', async () => {
    await expectUnverified({ signature: 'WECHATPAY/SIGNTEST/AAAA' }, 'ANSWER_SIGNATURE_INVALID');
  });

  it('detects an unknown Wechatpay-Serial (ANSWER_SERIAL_UNKNOWN)', async () => {
    await expectUnverified({ serial: 'PUB_KEY_ID_SOMEONE_ELSE' }, 'ANSWER_SERIAL_UNKNOWN');
  });

  it('detects an answer timestamp 300 s off (ANSWER_TIMESTAMP_OUT_OF_WINDOW)', async () => {
    await expectUnverified({ timestamp: NOW - 300 }, 'ANSWER_TIMESTAMP_OUT_OF_WINDOW');
  });

  it('detects a signed answer that is not { ret_msg?: string } (ANSWER_INVALID)', async () => {
    await expectUnverified({ body: '{"ret_msg":7}' }, 'ANSWER_INVALID');
    await expectUnverified({ body: 'SUCC' }, 'ANSWER_INVALID');
  });
});
