// The client against a real node:http server on 127.0.0.1 running createReceiver: a full signed round trip.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { NotifyContext } from '../src/receiver/index.js';
import type { ClientOptions } from '../src/client/index.js';
import { ApiError, createClient } from '../src/client/index.js';
import { NOTIFY_PATH } from '../src/protocol/index.js';
import { createReceiver } from '../src/receiver/index.js';
import { AuditNotifyError } from '../src/errors.js';
import { ANSWER_KEY_ID, MCHID, SAMPLE, SERIAL_NO, receiverOptions, clientOptions } from './receiver-fixtures.js';
import type { TestServer } from './client-fixtures.js';
import { startReceiverServer, startServer } from './client-fixtures.js';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function receiverServer(handler: (context: NotifyContext) => void = () => undefined) {
  const spy = vi.fn(handler);
  const receiver = createReceiver(receiverOptions({ handler: spy }));
  const server = await startReceiverServer(receiver);
  servers.push(server);
  return { server, handler: spy };
}

function client(overrides: Partial<ClientOptions> = {}) {
  return createClient(clientOptions(overrides));
}

describe('client ↔ receiver over real HTTP', () => {
  it('delivers a PASS notification and returns the verified answer', async () => {
    const { server, handler } = await receiverServer();
    const result = await client().send(SAMPLE, { url: `${server.origin}${NOTIFY_PATH}` });
    expect(result.status).toBe(200);
    expect(result.answer).toEqual({ ret_msg: 'SUCC' });
    expect(result.verified.keyId).toBe(ANSWER_KEY_ID);
    expect(result.attempts).toBe(1);
    expect(result.url).toBe(`${server.origin}${NOTIFY_PATH}`);
    expect(result.requestId).toBe(result.headers['request-id']);
    expect(new TextDecoder().decode(result.responseBody)).toBe('{"ret_msg":"SUCC"}');
    expect(handler).toHaveBeenCalledTimes(1);
    expect(handler.mock.calls[0]?.[0].notification).toMatchObject(SAMPLE);
  });

  it('delivers a REJECT notification with its fail fields, Chinese text intact', async () => {
    const { server, handler } = await receiverServer();
    const notification = { out_request_no: '请求单号-0001', mchid: MCHID, audit_result: 'REJECT', fail_code: '1001', fail_msg: '身份证件不合法 IDCARD_ILLEGAL' } as const;
    const result = await client({ hosts: [server.origin] }).send(notification);
    expect(result.status).toBe(200);
    expect(handler.mock.calls[0]?.[0].notification).toMatchObject(notification);
  });

  it('signs the query string of an explicit url exactly as it is sent', async () => {
    const { server } = await receiverServer();
    const result = await client().send(SAMPLE, { url: `${server.origin}${NOTIFY_PATH}?trace=a%20b&x=1` });
    expect(result.status).toBe(200);
    expect(server.requests[0]?.url).toBe(`${NOTIFY_PATH}?trace=a%20b&x=1`);
  });

  it('sends the signed bytes with Accept, Content-Type, Wechatpay-Serial and an Authorization for the sender', async () => {
    const { server } = await receiverServer();
    const result = await client({ hosts: [server.origin] }).send(SAMPLE);
    const [request] = server.requests;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe(NOTIFY_PATH);
    expect(request?.headers.accept).toBe('application/json');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['wechatpay-serial']).toBe(ANSWER_KEY_ID);
    expect(request?.headers.authorization).toMatch(new RegExp(`^WECHATPAY2-SHA256-RSA2048 mchid="${MCHID}",nonce_str="[0-9A-Za-z]{32}",.*serial_no="${SERIAL_NO}"`));
    expect(request?.body).toEqual(result.requestBody);
    expect(JSON.parse(new TextDecoder().decode(request?.body))).toEqual(SAMPLE);
  });

  it('sends fields the documentation does not define as given, after the documented ones, and the receiver keeps them apart', async () => {
    const { server, handler } = await receiverServer();
    // A value from a file or another system may carry more than NotificationFields: nothing of it is dropped.
    const given = JSON.parse('{"trace_id":"T-1","mchid":"' + MCHID + '","audit_result":"PASS","out_request_no":"R-extra","ext":{"a":[1]}}') as typeof SAMPLE;
    const result = await client({ hosts: [server.origin] }).send(given);
    expect(result.status).toBe(200);
    expect(new TextDecoder().decode(server.requests[0]?.body)).toBe(`{"out_request_no":"R-extra","mchid":"${MCHID}","audit_result":"PASS","trace_id":"T-1","ext":{"a":[1]}}`);
    const context = handler.mock.calls[0]?.[0];
    expect(context?.notification).toEqual({ out_request_no: 'R-extra', mchid: MCHID, audit_result: 'PASS' });
    expect(context?.unknownFields).toEqual({ trace_id: 'T-1', ext: { a: [1] } });
  });

  it('surfaces a receiver rejection as ApiError with status, wire code, detail and Request-ID, without retrying it', async () => {
    const { server, handler } = await receiverServer();
    const error = await client({ hosts: [server.origin], serialNo: 'ABCDEF0123' }).send(SAMPLE).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toBeInstanceOf(AuditNotifyError);
    const apiError = error as ApiError;
    expect(apiError.code).toBe('API_ERROR');
    expect(apiError.status).toBe(401);
    expect(apiError.wireCode).toBe('SIGN_ERROR');
    expect(apiError.apiCode).toBe('SIGN_ERROR');
    expect(apiError.apiMessage).toMatch(/serial_no ABCDEF0123/);
    expect(apiError.detail?.reason).toBe('UNKNOWN_SERIAL');
    expect(apiError.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(apiError.attempts).toBe(1);
    expect(apiError.message).toContain(apiError.requestId);
    expect(server.requests).toHaveLength(1);
    expect(handler).not.toHaveBeenCalled();
  });

  it('refuses an invalid notification with VALIDATION_FAILED and sends nothing', async () => {
    const { server } = await receiverServer();
    const error = await client({ hosts: [server.origin] })
      // @ts-expect-error out_request_no is missing: the type catches it, and so does the run-time check for untyped callers.
      .send({ mchid: MCHID, audit_result: 'PASS' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuditNotifyError);
    expect((error as AuditNotifyError).code).toBe('VALIDATION_FAILED');
    expect((error as AuditNotifyError).detail?.field).toBe('out_request_no');
    expect((error as AuditNotifyError).message).toMatch(/nothing was sent/);
    expect(server.requests).toHaveLength(0);
  });

  it('reports lint warnings of a notification it sent (fail fields with PASS, as in the documentation’s example)', async () => {
    const { server } = await receiverServer();
    const result = await client({ hosts: [server.origin] }).send({ ...SAMPLE, fail_code: '1001', fail_msg: 'IDCARD_ILLEGAL' });
    expect(result.warnings.map((warning) => warning.code)).toContain('FAIL_FIELDS_WITH_PASS');
  });

  it('keeps a non-JSON error body as the ApiError message', async () => {
    const server = await startServer((_request, response) => {
      response.writeHead(400, { 'content-type': 'text/html' }).end('<h1>Bad gateway config</h1>');
    });
    servers.push(server);
    const error = (await client({ hosts: [server.origin] }).send(SAMPLE).catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(400);
    expect(error.wireCode).toBeNull();
    expect(error.apiCode).toBeUndefined();
    expect(error.apiMessage).toBe('<h1>Bad gateway config</h1>');
  });

  it('keeps a code outside the wire codes (RATELIMIT_EXCEEDED) in apiCode', async () => {
    const server = await startServer((_request, response) => {
      response.writeHead(403, { 'content-type': 'application/json', 'request-id': 'REQ-1' }).end('{"code":"RATELIMIT_EXCEEDED","message":"slow down"}');
    });
    servers.push(server);
    const error = (await client({ hosts: [server.origin] }).send(SAMPLE).catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(403);
    expect(error.apiCode).toBe('RATELIMIT_EXCEEDED');
    expect(error.wireCode).toBeNull();
    expect(error.apiMessage).toBe('slow down');
    expect(error.requestId).toBe('REQ-1');
    expect(error.toJSON()).toMatchObject({ code: 'API_ERROR', status: 403, apiCode: 'RATELIMIT_EXCEEDED', requestId: 'REQ-1' });
  });
});
