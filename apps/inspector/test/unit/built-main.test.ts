/**
 * Runs the BUILT desktop main process (`dist/main/main.cjs`, what Electron loads) under a stand-in `electron`
 * module: the CommonJS bundle must work on its own, with no `import.meta` and nothing outside it but electron.
 * `npm test` builds the app first (turbo: test depends on build).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { runInThisContext } from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { channelOf, type ApiMethod, type ApiResult } from '../../src/shared/api.js';
import { createFakeElectron, type FakeElectron } from './fake-electron.js';
import { tempDir } from './temp-dir.js';

const bundle = join(import.meta.dirname, '../../dist/main/main.cjs');
const vectors = join(import.meta.dirname, '../../../../test-vectors/sender');
const TRUSTED = { sender: { id: 7 }, senderFrame: { url: 'app://inspector/index.html' } };

let electron: FakeElectron | undefined;
afterEach(() => {
  electron?.emit('will-quit');
  electron = undefined;
});

/**
 * Loads the bundle as Node loads a CommonJS file, with `electron` answered by the stand-in. Resolves with the
 * first page the window loads; rejects with what main.ts printed when it gives up (`app.exit`).
 */
async function runBundle(fake: FakeElectron): Promise<{ required: Set<string>; firstPage: string }> {
  const requireFromBundle = createRequire(bundle);
  const required = new Set<string>();
  const printed: string[] = [];
  const wrapper = runInThisContext(`(function (exports, require, module, __filename, __dirname) {${readFileSync(bundle, 'utf8')}\n})`) as (
    ...args: unknown[]
  ) => void;
  const exited = new Promise<never>((_resolve, reject) => {
    (fake.app as { exit?: (code?: number) => void }).exit = (code?: number) => reject(new Error(`exit ${code}: ${printed.join('\n')}`));
  });
  const originalError = console.error;
  console.error = (...args: unknown[]) => void printed.push(args.map(String).join(' '));
  try {
    wrapper(
      {},
      (id: string) => {
        required.add(id);
        return id === 'electron' ? fake : requireFromBundle(id);
      },
      { exports: {} },
      bundle,
      dirname(bundle),
    );
    const firstPage = await Promise.race([fake.firstLoad, exited]);
    return { required, firstPage };
  } finally {
    console.error = originalError;
  }
}

async function call<T>(fake: FakeElectron, method: ApiMethod, input: unknown = {}): Promise<ApiResult<T>> {
  const handler = fake.ipcHandlers.get(channelOf(method));
  if (!handler) throw new Error(`no IPC handler for ${method}`);
  return (await handler(TRUSTED, input)) as ApiResult<T>;
}

async function ok<T>(fake: FakeElectron, method: ApiMethod, input: unknown = {}): Promise<T> {
  const result = await call<T>(fake, method, input);
  if (!result.ok) throw new Error(`${method} answered ${result.error.code}: ${result.error.message}`);
  return result.data;
}

describe('the built Electron main bundle (dist/main/main.cjs)', () => {
  it('is built', () => {
    expect(existsSync(bundle), 'run `npm run build -w @auditnotify/inspector` first').toBe(true);
  });

  it('starts on an empty data directory, generates and imports keys, and signs and sends through its IPC handlers', async () => {
    const dataDir = tempDir();
    expect(readdirSync(dataDir)).toEqual([]);
    electron = createFakeElectron(dataDir);
    const { required, firstPage } = await runBundle(electron);
    expect(firstPage).toBe('app://inspector/index.html');
    // Nothing but electron and Node's own modules is loaded from outside the bundle.
    expect([...required].filter((id) => !id.startsWith('node:') && !builtinModules.includes(id))).toEqual(['electron']);

    // First run: a test key set was generated into the empty directory.
    const first = await ok<{ keys: { id: string; role: string }[] }>(electron, 'keys.list');
    expect(first.keys.map((k) => k.role).sort()).toEqual(['merchant', 'platform']);

    const generated = await ok<{ merchant: { id: string } }>(electron, 'keys.generate', { mchid: '1900016682' });
    expect(generated.merchant.id).toMatch(/\S/);

    const imported: string[] = [];
    for (const file of ['apiclient_cert.p12', 'apiclient_cert_legacy.p12']) {
      const base64 = readFileSync(join(vectors, file)).toString('base64');
      const answer = await ok<{ key: { id: string; source: string; mchid: string } }>(electron, 'keys.import', {
        role: 'merchant',
        mchid: '1900016681',
        pkcs12: { base64 },
        password: '1900016681',
      });
      expect(answer.key).toMatchObject({ source: 'pkcs12', mchid: '1900016681' });
      imported.push(answer.key.id);
    }

    const { notification } = await ok<{ notification: Record<string, unknown> }>(electron, 'compose.sample');
    const merchant = imported.at(-1)!;
    const signed = await ok<{ authorization: string }>(electron, 'sign.compute', { keyId: merchant, body: { kind: 'notification', notification } });
    expect(signed.authorization).toMatch(/^WECHATPAY2-SHA256-RSA2048 mchid="1900016681",/);
    const sent = await ok<{ verdict: { kind: string; ok: boolean }; response?: { status: number } }>(electron, 'send.run', {
      target: { kind: 'local' },
      keyId: merchant,
      body: { kind: 'notification', notification },
    });
    expect(sent.verdict).toMatchObject({ kind: 'accepted', ok: true });
    expect(sent.response?.status).toBe(200);
  });
});
