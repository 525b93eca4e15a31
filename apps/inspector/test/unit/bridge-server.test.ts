import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { API_METHODS, BRIDGE_TOKEN_HEADER, CONTENT_SECURITY_POLICY } from '../../src/shared/api.js';
import { createHttpBridgeApi, readBridgeToken } from '../../src/shared/http-bridge-client.js';
import { createApiHandlers } from '../../src/main/api-handlers.js';
import { startBridgeServer, type BridgeServer } from '../../src/main/bridge-server.js';
import { createServices, type Services } from '../../src/main/services/create-services.js';
import { seededDataDir } from './seeded-data-dir.js';

let bridge: BridgeServer | undefined;
let services: Services | undefined;
afterEach(async () => {
  await bridge?.close();
  await services?.close();
  bridge = undefined;
  services = undefined;
});

async function start(): Promise<BridgeServer> {
  const dataDir = seededDataDir();
  const rendererDir = join(dataDir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><html><head><title>x</title></head><body></body></html>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  services = createServices({ dataDir, mode: 'browser', version: '0.1.0' });
  bridge = await startBridgeServer({ handlers: createApiHandlers(services), rendererDir, port: 0 });
  return bridge;
}

/** A raw HTTP call, so Host and Origin can be anything (fetch would not let a test forge them). */
function call(
  b: BridgeServer,
  options: { path?: string; method?: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: b.port, path: options.path ?? '/api/keys.list', method: options.method ?? 'POST', headers: options.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const json = { 'content-type': 'application/json' };

describe('the browser-mode bridge server', () => {
  it('listens on 127.0.0.1 only', async () => {
    const b = await start();
    expect(b.url).toBe(`http://127.0.0.1:${b.port}/`);
  });

  it('answers an API call with the right token, Host and Origin with 200', async () => {
    const b = await start();
    const res = await call(b, { headers: { ...json, host: `127.0.0.1:${b.port}`, origin: `http://127.0.0.1:${b.port}`, [BRIDGE_TOKEN_HEADER]: b.token }, body: '{}' });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, data: { keys: [{ role: 'merchant' }, { role: 'platform' }] } });
  });

  it('refuses an API call without the token with 401', async () => {
    const b = await start();
    const res = await call(b, { headers: { ...json, host: `127.0.0.1:${b.port}` }, body: '{}' });
    expect(res.status).toBe(401);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false });
  });

  it('refuses a wrong token with 401', async () => {
    const b = await start();
    const res = await call(b, { headers: { ...json, host: `127.0.0.1:${b.port}`, [BRIDGE_TOKEN_HEADER]: `${b.token.slice(1)}x` }, body: '{}' });
    expect(res.status).toBe(401);
  });

  it('refuses a foreign Origin with 403 even with the token', async () => {
    const b = await start();
    const res = await call(b, { headers: { ...json, host: `127.0.0.1:${b.port}`, origin: 'https://evil.example', [BRIDGE_TOKEN_HEADER]: b.token }, body: '{}' });
    expect(res.status).toBe(403);
  });

  it('refuses a foreign Host (DNS rebinding) with 403, for pages too', async () => {
    const b = await start();
    const api = await call(b, { headers: { ...json, host: `evil.example:${b.port}`, [BRIDGE_TOKEN_HEADER]: b.token }, body: '{}' });
    expect(api.status).toBe(403);
    const page = await call(b, { path: '/', method: 'GET', headers: { host: `evil.example:${b.port}` } });
    expect(page.status).toBe(403);
  });

  it('answers unknown methods with 404 and non-JSON bodies with an error', async () => {
    const b = await start();
    const headers = { host: `localhost:${b.port}`, [BRIDGE_TOKEN_HEADER]: b.token };
    expect((await call(b, { path: '/api/keys.steal', headers: { ...headers, ...json }, body: '{}' })).status).toBe(404);
    expect((await call(b, { headers: { ...headers, 'content-type': 'text/plain' }, body: '{}' })).status).toBe(415);
    expect((await call(b, { headers: { ...headers, ...json }, body: '{' })).status).toBe(400);
  });

  it('validates input like IPC does: INVALID_INPUT for a bad request', async () => {
    const b = await start();
    const res = await call(b, { path: '/api/sign.compute', headers: { ...json, host: `127.0.0.1:${b.port}`, [BRIDGE_TOKEN_HEADER]: b.token }, body: '{"keyId":1}' });
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('serves index.html with the CSP and never the token, and assets', async () => {
    const b = await start();
    const page = await call(b, { path: '/', method: 'GET', headers: { host: `127.0.0.1:${b.port}` } });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(page.body).toBe('<!doctype html><html><head><title>x</title></head><body></body></html>');
    expect(page.body).not.toContain(b.token);
    const asset = await call(b, { path: '/assets/app.js', method: 'GET', headers: { host: `127.0.0.1:${b.port}` } });
    expect(asset.headers['content-type']).toMatch(/^text\/javascript/);
  });

  it('refuses every API method without the token with 401', async () => {
    const b = await start();
    for (const method of API_METHODS) {
      const res = await call(b, { path: `/api/${method}`, headers: { ...json, host: `127.0.0.1:${b.port}` }, body: '{}' });
      expect({ method, status: res.status, body: JSON.parse(res.body) as unknown }).toMatchObject({ method, status: 401, body: { ok: false, error: { code: 'FORBIDDEN' } } });
    }
  });

  it('reads the token from the URL fragment only', () => {
    expect(readBridgeToken({ hash: `#token=abc_-1` })).toBe('abc_-1');
    expect(readBridgeToken({ hash: '#other=1&token=x%2By' })).toBe('x+y');
    expect(readBridgeToken({ hash: '' })).toBeUndefined();
  });

  it('never serves a file outside the renderer directory', async () => {
    const b = await start();
    for (const path of ['/../keys.json', '/%2e%2e/keys.json', '/assets/..%2f..%2fkeys.json']) {
      const res = await call(b, { path, method: 'GET', headers: { host: `127.0.0.1:${b.port}` } });
      expect(res.status).toBe(404);
      expect(res.body).not.toContain('privateKeyPem');
    }
  });

  it('is what the shared HTTP client talks to', async () => {
    const b = await start();
    const api = createHttpBridgeApi({ token: b.token, baseUrl: `http://127.0.0.1:${b.port}` });
    const info = await api.app.info();
    expect(info).toMatchObject({ ok: true, data: { mode: 'browser', name: '@auditnotify/inspector' } });
    const bad = createHttpBridgeApi({ token: 'nope', baseUrl: `http://127.0.0.1:${b.port}` });
    expect(await bad.app.info()).toMatchObject({ ok: false });
  });
});
