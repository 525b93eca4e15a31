import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { API_METHODS, channelOf, type AuditNotifyApi } from '../../src/shared/api.js';
import { tempDir } from './temp-dir.js';

/** Bundles the preload as scripts/build.mjs does and runs it the way a sandboxed preload runs: require('electron') only. */
async function loadPreload(): Promise<{ exposed: Map<string, unknown>; invoked: { channel: string; input: unknown }[]; requires: string[] }> {
  const outfile = join(tempDir(), 'preload.cjs');
  await build({
    entryPoints: [join(import.meta.dirname, '../../src/preload/preload.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    external: ['electron'],
    logLevel: 'silent',
  });
  const exposed = new Map<string, unknown>();
  const invoked: { channel: string; input: unknown }[] = [];
  const requires: string[] = [];
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
    ipcRenderer: {
      invoke: (channel: string, input: unknown) => {
        invoked.push({ channel, input });
        return Promise.resolve({ ok: true, data: { channel } });
      },
    },
  };
  const module = { exports: {} };
  const require = (name: string): unknown => {
    requires.push(name);
    if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`);
    return electron;
  };
  runInNewContext(readFileSync(outfile, 'utf8'), { require, module, exports: module.exports });
  return { exposed, invoked, requires };
}

describe('the preload', () => {
  it('is one CommonJS file that requires nothing but electron', async () => {
    const { requires } = await loadPreload();
    expect(new Set(requires)).toEqual(new Set(['electron']));
  });

  it('exposes window.auditnotify with one named function per method, each on its own channel', async () => {
    const { exposed, invoked } = await loadPreload();
    expect([...exposed.keys()]).toEqual(['auditnotify']);
    const api = exposed.get('auditnotify') as AuditNotifyApi & Record<string, Record<string, (input?: unknown) => Promise<unknown>>>;
    for (const method of API_METHODS) {
      const [namespace, name] = method.split('.') as [string, string];
      await api[namespace]![name]!({ probe: method });
    }
    expect(invoked).toEqual(API_METHODS.map((method) => ({ channel: channelOf(method), input: { probe: method } })));
    expect(await api.keys.list()).toEqual({ ok: true, data: { channel: 'auditnotify:keys.list' } });
  });

  it('offers no generic invoke: only the namespaces of the method list', async () => {
    const { exposed } = await loadPreload();
    const api = exposed.get('auditnotify') as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual([...new Set(API_METHODS.map((m) => m.split('.')[0]))].sort());
    for (const [namespace, group] of Object.entries(api)) {
      const names = API_METHODS.filter((m) => m.startsWith(`${namespace}.`)).map((m) => m.slice(namespace.length + 1));
      expect(Object.keys(group as object).sort()).toEqual(names.sort());
    }
  });
});
