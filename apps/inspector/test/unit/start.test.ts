import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BRIDGE_TOKEN_HEADER } from '../../src/shared/api.js';
import { tempDir } from './temp-dir.js';

let child: ChildProcess | undefined;
afterEach(() => {
  if (child?.pid !== undefined && child.exitCode === null) child.kill('SIGTERM');
  child = undefined;
});

/** Runs `start.ts` (what `npm start` runs, built) through tsx and resolves its first output line. */
function firstLine(args: string[]): Promise<string> {
  const appDir = join(import.meta.dirname, '..', '..');
  const tsx = join(appDir, '..', '..', 'node_modules', 'tsx', 'dist', 'cli.mjs');
  child = spawn(process.execPath, [tsx, join(appDir, 'src', 'start.ts'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines = createInterface({ input: child.stdout! });
  return new Promise((resolve, reject) => {
    lines.once('line', resolve);
    child!.once('exit', (code) => reject(new Error(`start exited with ${code}`)));
  });
}

describe('npm start in browser mode (where no Electron binary is installed)', () => {
  it('serves the UI on 127.0.0.1, prints the URL first, and works with nothing configured', async () => {
    const dataDir = tempDir();
    const line = await firstLine(['--browser', '--port', '0', '--data-dir', dataDir]);
    const match = /^inspector: (http:\/\/127\.0\.0\.1:\d+\/)#token=([\w-]+)$/.exec(line);
    expect(match).not.toBeNull();
    const [, url, token] = match!;
    const call = (method: string): Promise<{ ok: boolean; data: Record<string, unknown> }> =>
      fetch(`${url}api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', [BRIDGE_TOKEN_HEADER]: token! }, body: '{}' }).then(
        (r) => r.json() as Promise<{ ok: boolean; data: Record<string, unknown> }>,
      );
    // First start: a test key set was generated, the local receiver runs, the documentation's sample is ready.
    expect((await call('keys.list')).data['keys']).toHaveLength(2);
    expect((await call('receiver.status')).data).toMatchObject({ running: true, url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/v3\//) });
    expect((await call('compose.sample')).data['text']).toContain('htozr8denqegbt6tk6u10iymo7yww5pn');
    expect((await call('app.info')).data).toMatchObject({ mode: 'browser', dataDir });
    expect(existsSync(join(dataDir, 'keys.json'))).toBe(true);

    // What any local process gets without the token: the page (never the token) and 401 on the API.
    const page = await fetch(url!);
    expect(page.status).toBe(200);
    expect(await page.text()).not.toContain(token!);
    const refused = await fetch(`${url}api/sign.compute`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(refused.status).toBe(401);
  });
});
