import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { runInThisContext } from 'node:vm';
import { build } from 'esbuild';
import { afterEach, describe, expect, it } from 'vitest';
import { channelOf } from '../../src/shared/api.js';
import { createWindowOptions } from '../../src/main/window-options.js';
import { createFakeElectron, type FakeElectron } from './fake-electron.js';
import { seededDataDir } from './seeded-data-dir.js';
import { tempDir } from './temp-dir.js';

let electron: FakeElectron | undefined;
afterEach(() => {
  // main.ts stops the local receiver on will-quit.
  electron?.emit('will-quit');
  electron = undefined;
});

describe('the bundled Electron main (dist/main/main.cjs)', () => {
  it('loads as CommonJS with only electron outside the bundle and wires the window and IPC', async () => {
    const dist = tempDir();
    const outfile = join(dist, 'main', 'main.cjs');
    // Same options as scripts/build.mjs.
    await build({
      entryPoints: [join(import.meta.dirname, '../../src/main/main.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      external: ['electron'],
      logLevel: 'silent',
    });
    mkdirSync(join(dist, 'renderer'));
    writeFileSync(join(dist, 'renderer', 'index.html'), '<html><head></head><body></body></html>');

    electron = createFakeElectron(seededDataDir());
    const requireFromBundle = createRequire(outfile);
    const required = new Set<string>();
    const wrapper = runInThisContext(`(function (exports, require, module, __filename, __dirname) {${readFileSync(outfile, 'utf8')}\n})`) as (
      ...args: unknown[]
    ) => void;
    const module = { exports: {} };
    wrapper(
      module.exports,
      (id: string) => {
        required.add(id);
        return id === 'electron' ? electron : requireFromBundle(id);
      },
      module,
      outfile,
      dirname(outfile),
    );

    expect(await electron.firstLoad).toBe('app://inspector/index.html');
    expect([...required].filter((id) => !id.startsWith('node:') && !builtinModules.includes(id))).toEqual(['electron']);
    expect(electron.windows[0]?.options).toStrictEqual(createWindowOptions(join(dist, 'preload', 'preload.cjs')));
    const page = await electron.protocolHandlers.get('app')!(new Request('app://inspector/index.html'));
    expect(page.status).toBe(200);
    const info = await electron.ipcHandlers.get(channelOf('app.info'))!({ sender: { id: 7 }, senderFrame: { url: 'app://inspector/index.html' } }, {});
    expect(info).toMatchObject({ ok: true, data: { mode: 'electron', locale: 'zh-CN', version: '0.1.0-test' } });
  });
});

