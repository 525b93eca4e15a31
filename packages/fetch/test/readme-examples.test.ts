// The runtime examples of README.md (examples/*.ts, shown there with the package's name as import), each run in
// its own runtime with test keys from the environment, answering a signed notification.
import { createPublicKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyResponse } from '@auditnotify/core';
import { createTestRequest, generateTestKeys, sampleNotification } from '@auditnotify/core/testing';
import { send, serveOnLoopback, spawnRuntimeServer, type RemoteRuntime } from '@auditnotify/conformance';
import { runtimeBinary } from './runtimes/runtime-binary.js';

const example = (name: string): string => fileURLToPath(new URL(`../examples/${name}`, import.meta.url));
let keys: ReturnType<typeof generateTestKeys>;
let env: Record<string, string>;
const running: RemoteRuntime[] = [];

beforeAll(() => {
  keys = generateTestKeys();
  env = {
    SENDER_SERIAL: keys.serialNo,
    // The sender's public key as SPKI PEM, as `openssl x509 -pubkey -noout` prints it from the certificate.
    SENDER_PUBLIC_KEY: createPublicKey(keys.sender.certificatePem).export({ type: 'spki', format: 'pem' }).toString(),
    ANSWER_KEY_ID: keys.wechatpayPublicKeyId,
    ANSWER_KEY: keys.receiver.privateKeyPem,
    PORT: '0',
  };
});
afterAll(async () => {
  await Promise.all(running.map((runtime) => runtime.stop()));
});

async function expectAccepted(base: string): Promise<void> {
  const request = await createTestRequest({ keys, notification: { ...sampleNotification(), out_request_no: 'R-README' } });
  const answer = await send(base, { method: request.method, url: request.url, headers: request.headers as Record<string, string>, body: request.body });
  expect({ status: answer.status, text: answer.text }).toEqual({ status: 200, text: '{"ret_msg":"SUCC"}' });
  await verifyResponse({ headers: answer.headers, body: answer.body, publicKeys: keys.publicKeys });
}

describe('README examples', () => {
  it('shows each example exactly as the file holds it, importing the package by name', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    for (const name of ['deno.ts', 'bun.ts', 'worker.ts', 'hono.ts']) {
      const shown = readFileSync(example(name), 'utf8').replaceAll("'../src/index.js'", "'@auditnotify/fetch'");
      expect(readme, name).toContain('```ts\n' + shown + '```');
    }
  });

  it('Deno: examples/deno.ts answers a signed notification', async () => {
    const runtime = await spawnRuntimeServer(runtimeBinary('deno'), ['run', '--sloppy-imports', '--allow-net', '--allow-env', '--allow-read', example('deno.ts')], {
      env: { ...process.env, ...env },
    });
    running.push(runtime);
    await expectAccepted(runtime.url);
  });

  it('Bun: examples/bun.ts answers a signed notification', async () => {
    const runtime = await spawnRuntimeServer(runtimeBinary('bun'), ['run', example('bun.ts')], { env: { ...process.env, ...env } });
    running.push(runtime);
    await expectAccepted(runtime.url);
  });

  it('Cloudflare Workers: examples/worker.ts, bundled, answers a signed notification in workerd', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'auditnotify-example-'));
    const scriptPath = join(dir, 'worker.js');
    await build({ entryPoints: [example('worker.ts')], outfile: scriptPath, bundle: true, format: 'esm', platform: 'browser', conditions: ['workerd', 'worker'], logLevel: 'error' });
    const { PORT: _port, ...bindings } = env;
    const miniflare = new Miniflare({ modules: true, scriptPath, modulesRoot: dir, compatibilityDate: '2026-04-01', bindings, host: '127.0.0.1', port: 0 });
    running.push({ url: '', stop: async () => void (await miniflare.dispose(), rmSync(dir, { recursive: true, force: true })) });
    await expectAccepted((await miniflare.ready).origin);
  });

  it("Hono: examples/hono.ts answers a signed notification and keeps the app's JSON route", async () => {
    Object.assign(process.env, env);
    const { default: app } = await import('../examples/hono.js');
    const served = await serveOnLoopback(serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }) as Server);
    running.push({ url: served.url, stop: served.close });
    await expectAccepted(served.url);
    const orders = await send(served.url, { method: 'POST', url: '/orders', headers: { 'content-type': 'application/json' }, body: '{"id":1}' });
    expect(JSON.parse(orders.text)).toEqual({ received: { id: 1 } });
  });
});
