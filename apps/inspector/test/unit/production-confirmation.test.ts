// Anything sent to a WeChat Pay host needs the user's yes (confirmProduction: true): without it the backend
// refuses before signing, sending or recording anything. With it the request goes out; here the WeChat Pay
// host is answered by a real HTTP server on 127.0.0.1 (the fetch given to the services resolves the host
// there), so no test ever sends to WeChat Pay.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PRIMARY_HOST } from '@auditnotify/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHandlers } from '../../src/main/api-handlers.js';
import { createServices, type Services } from '../../src/main/services/create-services.js';
import { isWechatPayUrl } from '../../src/shared/wechatpay-host.js';
import { seededDataDir } from './seeded-data-dir.js';

let server: Server;
let origin: string;
const arrived: string[] = [];
let services: Services;

beforeAll(async () => {
  server = createServer((req, res) => {
    arrived.push(`${req.method} ${req.url}`);
    res.writeHead(401, { 'content-type': 'application/json' }).end('{"code":"SIGN_ERROR","message":"stand-in"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  services = createServices({
    dataDir: seededDataDir(),
    mode: 'test',
    version: '0.1.0',
    fetch: (url, init) => globalThis.fetch(String(url).replace(PRIMARY_HOST, origin), init),
  });
});
afterAll(async () => {
  await services.close();
  await new Promise((resolve) => server.close(resolve));
});

describe('sending to a WeChat Pay host asks first', () => {
  it('recognises the primary and backup hosts however they are written, and nothing else', () => {
    for (const url of ['https://api.mch.weixin.qq.com/v3/x', 'https://API.MCH.WEIXIN.QQ.COM./v3/x', 'https://api2.mch.weixin.qq.com:443/v3/x', 'http://api.mch.weixin.qq.com/x']) {
      expect(isWechatPayUrl(url), url).toBe(true);
    }
    for (const url of ['http://127.0.0.1:8080/v3/x', 'https://api.mch.weixin.qq.com.example.com/v3/x', 'https://example.com/api.mch.weixin.qq.com', 'not a url']) {
      expect(isWechatPayUrl(url), url).toBe(false);
    }
  });

  it('refuses send.run and history.resend to a WeChat Pay host without confirmProduction, sending and recording nothing', async () => {
    const handlers = createApiHandlers(services);
    const merchant = services.keys.list().find((k) => k.role === 'merchant')!.id;
    const body = { kind: 'notification' as const, notification: services.compose.sample().notification };
    const before = services.history.list({ limit: 100 }).entries.length;
    for (const target of [{ kind: 'host', host: 'primary' }, { kind: 'host', host: 'backup' }, { kind: 'url', url: 'https://API.mch.weixin.qq.com/v3/x' }]) {
      const result = await handlers['send.run']({ target, keyId: merchant, body });
      expect(result, JSON.stringify(target)).toMatchObject({ ok: false, error: { code: 'CONFIRMATION_REQUIRED' } });
    }
    const local = await handlers['send.run']({ target: { kind: 'local' }, keyId: merchant, body });
    expect(local.ok).toBe(true);
    const id = (local as { data: { historyId: string } }).data.historyId;
    expect(await handlers['history.resend']({ id, target: { kind: 'host', host: 'primary' } })).toMatchObject({ ok: false, error: { code: 'CONFIRMATION_REQUIRED' } });
    expect(arrived).toEqual([]);
    expect(services.history.list({ limit: 100 }).entries.length).toBe(before + 2);
  });

  it('sends once confirmed', async () => {
    const handlers = createApiHandlers(services);
    const merchant = services.keys.list().find((k) => k.role === 'merchant')!.id;
    const result = await handlers['send.run']({ target: { kind: 'host', host: 'primary' }, keyId: merchant, body: { kind: 'text', text: '{}' }, confirmProduction: true });
    expect(result).toMatchObject({ ok: true, data: { response: { status: 401 } } });
    expect(arrived).toEqual(['POST /v3/aggracct-bc/wb-channel/control-orders/info/update/result/notify']);
  });
});
