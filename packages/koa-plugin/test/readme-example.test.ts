// The "How to test your handler" example of README.md, kept here so it stays true.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import Koa from 'koa';
import { createKoaMiddleware } from '../src/index.js';
import { verifyResponse, type NotifyHandler } from '@auditnotify/core';
import { createTestRequest, generateTestKeys, sampleNotification } from '@auditnotify/core/testing';

const keys = generateTestKeys(); // a sender key, its certificate and an answer key, loaded
const saved: string[] = [];
const handler: NotifyHandler = ({ notification }) => void saved.push(notification.out_request_no);
let server: Server;
let base: string;

beforeAll(async () => {
  const app = new Koa();
  app.use(createKoaMiddleware({ senders: keys.senders, answerKeys: keys.answerKeys, handler }));
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => server.close());

it('saves a REJECT notification and answers SUCC, signed', async () => {
  const request = await createTestRequest({ keys, notification: { ...sampleNotification(), audit_result: 'REJECT', out_request_no: 'R-1' } });
  const response = await fetch(base + request.url, { method: 'POST', headers: request.headers, body: request.body });
  const body = new Uint8Array(await response.arrayBuffer());
  expect(response.status).toBe(200);
  expect(saved).toContain('R-1');
  // The answer's Wechatpay-* signature, checked as the sender checks it.
  await verifyResponse({ headers: response.headers, body, publicKeys: keys.publicKeys });
});

it('refuses a request signed 6 minutes ago', async () => {
  const request = await createTestRequest({ keys, timestamp: Math.floor(Date.now() / 1000) - 360 });
  const response = await fetch(base + request.url, { method: 'POST', headers: request.headers, body: request.body });
  const answer = (await response.json()) as { code: string; detail: { reason: string } };
  expect(response.status).toBe(401);
  expect(answer.detail.reason).toBe('TIMESTAMP_OUT_OF_WINDOW');
});
