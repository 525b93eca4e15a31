/**
 * `npm start` of the inspector (`node dist/start.js`): opens the desktop app when the Electron binary is
 * installed, and otherwise serves the same UI on http://127.0.0.1:PORT with the local bridge server.
 *
 * Flags: `--port N` (or `AUDITNOTIFY_INSPECTOR_PORT`; default 5178, a free port when taken), `--browser` (never
 * Electron), `--data-dir DIR` (or `AUDITNOTIFY_INSPECTOR_DATA`; default `~/.auditnotify/inspector`).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBrowserMode } from './main/browser-mode.js';

/**
 * Port tried first in browser mode.
 *
 * @example
 * ```ts
 * // npm start → http://127.0.0.1:5178/ unless --port says otherwise or the port is taken
 * const port = Number(process.env['AUDITNOTIFY_INSPECTOR_PORT'] ?? DEFAULT_PORT);
 * ```
 */
export const DEFAULT_PORT = 5178;

const here = dirname(fileURLToPath(import.meta.url));
const appDir = join(here, '..');
const args = process.argv.slice(2);

function flag(name: string): string | undefined {
  const index = args.indexOf(name);
  if (index >= 0) return args[index + 1];
  const inline = args.find((a) => a.startsWith(`${name}=`));
  return inline?.slice(name.length + 1);
}

/**
 * Path of the Electron executable when it is really installed; `undefined` otherwise. Never `require('electron')`
 * here: without its binary that module starts a download.
 */
function electronBinary(): string | undefined {
  try {
    const packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const pathFile = join(packageDir, 'path.txt');
    if (!existsSync(pathFile)) return undefined;
    const executable = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(executable) ? executable : undefined;
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  const electron = args.includes('--browser') ? undefined : electronBinary();
  if (electron) {
    console.log('inspector: opening the desktop app');
    const child = spawn(electron, [appDir], { stdio: 'inherit' });
    child.on('exit', (code) => process.exit(code ?? 0));
    return;
  }
  const version = (JSON.parse(readFileSync(join(appDir, 'package.json'), 'utf8')) as { version: string }).version;
  const dataDir = flag('--data-dir') ?? process.env['AUDITNOTIFY_INSPECTOR_DATA'] ?? join(homedir(), '.auditnotify', 'inspector');
  const rendererDir = join(here, 'renderer');
  const keyWorkerScript = join(here, 'main', 'key-worker.cjs');
  const requested = flag('--port') ?? process.env['AUDITNOTIFY_INSPECTOR_PORT'];
  const port = requested === undefined ? DEFAULT_PORT : Number(requested);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`inspector: --port must be 0-65535, got ${requested}`);
    process.exit(2);
  }
  let inspector;
  try {
    inspector = await startBrowserMode({ port, dataDir, rendererDir, version, keyWorkerScript });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || requested !== undefined) throw error;
    inspector = await startBrowserMode({ port: 0, dataDir, rendererDir, version, keyWorkerScript });
  }
  console.log(`inspector: ${inspector.openUrl}`);
  const receiver = inspector.services.receiver.status();
  console.log(`inspector: local receiver at ${receiver.url ?? '(stopped)'}`);
  console.log(`inspector: keys and history in ${dataDir}`);
  if (!existsSync(join(rendererDir, 'index.html'))) console.log('inspector: the UI is not built yet: run `npm run build -w @auditnotify/inspector`');
  console.log('inspector: no Electron binary here, so the UI is served to your browser; Ctrl+C to stop');
  const stop = (): void => {
    void inspector.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error('inspector: failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
