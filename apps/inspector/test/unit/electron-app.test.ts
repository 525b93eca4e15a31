import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { API_METHODS, API_SCHEMAS, CONTENT_SECURITY_POLICY, channelOf } from '../../src/shared/api.js';
import { START_URL, startElectronApp, type ElectronAppHandle } from '../../src/main/electron-app.js';
import { createWindowOptions } from '../../src/main/window-options.js';
import { createFakeElectron, type FakeElectron } from './fake-electron.js';
import { seededDataDir } from './seeded-data-dir.js';

let running: ElectronAppHandle | undefined;
afterEach(async () => {
  await running?.services.close();
  running = undefined;
});

async function start(): Promise<{ electron: FakeElectron; rendererDir: string }> {
  const dataDir = seededDataDir();
  const rendererDir = join(dataDir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><html><head></head><body>ui</body></html>');
  const electron = createFakeElectron(dataDir);
  running = await startElectronApp(electron, { preloadPath: '/app/dist/preload/preload.cjs', rendererDir });
  return { electron, rendererDir };
}

const trusted = { sender: { id: 7 }, senderFrame: { url: `${START_URL}#/compose` } };

describe('the Electron main process', () => {
  it('opens one window with exactly the locked-down options of createWindowOptions', async () => {
    const { electron } = await start();
    expect(electron.windows).toHaveLength(1);
    expect(electron.windows[0]?.options).toStrictEqual(createWindowOptions('/app/dist/preload/preload.cjs'));
    expect(electron.windows[0]?.window.loaded).toEqual(['app://inspector/index.html']);
  });

  it('registers one IPC handler per API method and nothing else', async () => {
    const { electron } = await start();
    expect([...electron.ipcHandlers.keys()].sort()).toEqual(API_METHODS.map(channelOf).sort());
  });

  it('answers a valid call from its own window with data that matches the answer schema', async () => {
    const { electron } = await start();
    const result = (await electron.ipcHandlers.get(channelOf('keys.list'))?.(trusted, {})) as { ok: boolean; data: unknown };
    expect(result.ok).toBe(true);
    const keys = API_SCHEMAS['keys.list'].output.parse(result.data).keys;
    expect(keys.map((k) => k.role).sort()).toEqual(['merchant', 'platform']);
  });

  it('rejects invalid input with INVALID_INPUT', async () => {
    const { electron } = await start();
    const result = await electron.ipcHandlers.get(channelOf('sign.compute'))?.(trusted, { keyId: 42 });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('rejects a call from another webContents with FORBIDDEN', async () => {
    const { electron } = await start();
    const result = await electron.ipcHandlers.get(channelOf('keys.list'))?.({ sender: { id: 8 }, senderFrame: trusted.senderFrame }, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('rejects a call from a foreign page inside its own window with FORBIDDEN', async () => {
    const { electron } = await start();
    for (const url of ['https://evil.example/', 'app://other/index.html', 'file:///etc/passwd', '']) {
      const result = await electron.ipcHandlers.get(channelOf('keys.list'))?.({ sender: { id: 7 }, senderFrame: { url } }, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });

  it('denies navigation away from the app and every new window', async () => {
    const { electron } = await start();
    const contents = electron.windows[0]!.window.webContents;
    expect(contents.navigate('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.navigate('will-redirect', 'http://127.0.0.1:1/')).toBe(true);
    expect(contents.navigate('will-navigate', 'app://inspector/index.html')).toBe(false);
    expect(contents.windowOpenHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    expect(electron.opened).toEqual([]);
  });

  it('opens links to WeChat Pay’s documentation in the system browser, and nothing else, never in the window', async () => {
    const { electron } = await start();
    const contents = electron.windows[0]!.window.webContents;
    const doc = 'https://pay.weixin.qq.com/doc/v3/merchant/4013070756';
    expect(contents.windowOpenHandler?.({ url: doc })).toEqual({ action: 'deny' });
    expect(contents.navigate('will-navigate', 'https://pay.weixin.qq.com/doc/v3/merchant/4013053053')).toBe(true);
    for (const url of ['http://pay.weixin.qq.com/doc/v3/merchant/4013070756', 'https://pay.weixin.qq.com.evil.example/', 'https://user@pay.weixin.qq.com/', 'https://evil.example/?https://pay.weixin.qq.com/', 'javascript:alert(1)']) {
      expect(contents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
      expect(contents.navigate('will-navigate', url)).toBe(true);
    }
    expect(electron.opened).toEqual([doc, 'https://pay.weixin.qq.com/doc/v3/merchant/4013053053']);
  });

  it('sets the strict CSP on every response and denies every permission', async () => {
    const { electron } = await start();
    let headers: Record<string, string[] | string> = {};
    electron.headerListener?.({ responseHeaders: { 'content-type': ['text/html'] } }, (r) => (headers = r.responseHeaders));
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe');
    let granted: boolean | undefined;
    electron.permissionHandler?.({}, 'media', (g) => (granted = g));
    expect(granted).toBe(false);
  });

  it('serves the renderer on app://inspector with the CSP and never outside its directory', async () => {
    const { electron } = await start();
    expect(electron.schemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true } }]);
    const serve = electron.protocolHandlers.get('app')!;
    const page = await serve(new Request('app://inspector/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await page.text()).toContain('ui');
    expect((await serve(new Request('app://inspector/%2e%2e/%2e%2e/package.json'))).status).toBe(404);
    expect((await serve(new Request('app://elsewhere/index.html'))).status).toBe(404);
  });
});
