import { afterAll, beforeAll, expect, it } from 'vitest';
import { send, type ConformanceApp } from '@auditnotify/conformance';
import { createTestRequest, generateTestKeys } from '@auditnotify/core/testing';
import { startFastifyApp } from './start-fastify-app.js';

// The plugin's catch-all content-type parser lives in its own encapsulated context: the app around it keeps
// parsing JSON, and keeps refusing the content types it never accepted.
let keys: ReturnType<typeof generateTestKeys>;
let app: ConformanceApp;

beforeAll(async () => {
  keys = generateTestKeys();
  app = await startFastifyApp({ senders: keys.senders, answerKeys: keys.answerKeys, handler: () => undefined });
});
afterAll(() => app.close());

it("leaves the app's JSON parser in charge of the app's routes", async () => {
  const answer = await send(app.url, { method: 'POST', url: '/json', headers: { 'content-type': 'application/json' }, body: '{"a":[1,"二"]}' });
  expect({ status: answer.status, body: JSON.parse(answer.text) as unknown }).toEqual({ status: 200, body: { parsed: { a: [1, '二'] } } });
});

it("does not lend its catch-all parser to the app: the app still answers 415 to a type it never accepted", async () => {
  const answer = await send(app.url, { method: 'POST', url: '/json', headers: { 'content-type': 'application/xml' }, body: '<x/>' });
  expect(answer.status).toBe(415);
});

it('verifies the notification next to those routes, over its raw bytes', async () => {
  const request = await createTestRequest({ keys });
  const answer = await send(app.url, { method: request.method, url: request.url, headers: request.headers as Record<string, string>, body: request.body });
  expect({ status: answer.status, text: answer.text }).toEqual({ status: 200, text: '{"ret_msg":"SUCC"}' });
});
