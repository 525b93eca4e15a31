// The example of README.md (examples/existing-app.ts, shown there with the package's name as import), run as a
// server with test keys from the environment.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { verifyResponse } from '@auditnotify/core';
import { createTestRequest, generateTestKeys } from '@auditnotify/core/testing';
import { send, spawnRuntimeServer, type RemoteRuntime } from '@auditnotify/conformance';

const example = fileURLToPath(new URL('../examples/existing-app.ts', import.meta.url));
let keys: ReturnType<typeof generateTestKeys>;
let server: RemoteRuntime | undefined;

beforeAll(async () => {
  keys = generateTestKeys();
  // node itself with tsx's loader, not tsx's CLI: the CLI runs the script in a child that killing it would orphan.
  server = await spawnRuntimeServer(process.execPath, ['--import', import.meta.resolve('tsx'), example], {
    env: {
      ...process.env,
      SENDER_SERIAL: keys.serialNo,
      SENDER_CERT: keys.sender.certificatePem,
      ANSWER_KEY_ID: keys.wechatpayPublicKeyId,
      ANSWER_KEY: keys.receiver.privateKeyPem,
      PORT: '0',
    },
  });
});
afterAll(() => server?.stop());

function serverUrl(): string {
  if (server === undefined) throw new Error('the example server did not start');
  return server.url;
}

it('shows the example exactly as the file holds it, importing the package by name', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const shown = readFileSync(example, 'utf8').replaceAll("'../src/index.js'", "'@auditnotify/fastify'");
  expect(readme).toContain('```ts\n' + shown + '```');
});

it('answers a signed notification, signed', async () => {
  const request = await createTestRequest({ keys });
  const answer = await send(serverUrl(), { method: request.method, url: request.url, headers: request.headers as Record<string, string>, body: request.body });
  expect({ status: answer.status, text: answer.text }).toEqual({ status: 200, text: '{"ret_msg":"SUCC"}' });
  await verifyResponse({ headers: answer.headers, body: answer.body, publicKeys: keys.publicKeys });
});

it("keeps the app's JSON route parsing JSON", async () => {
  const answer = await send(serverUrl(), { method: 'POST', url: '/orders', headers: { 'content-type': 'application/json' }, body: '{"id":2}' });
  expect(JSON.parse(answer.text)).toEqual({ received: { id: 2 } });
});
