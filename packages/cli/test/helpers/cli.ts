// Runs the built `auditnotify` binary as a subprocess, as users do.
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const PACKAGE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = join(PACKAGE_DIR, 'dist', 'bin.js');
/** The repository's openssl-made test keys and vectors (public test material, never for real use). */
export const TEST_VECTORS = fileURLToPath(new URL('../../../../test-vectors/', import.meta.url));

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node dist/bin.js ...args`, optionally feeding `input` on stdin. */
export function run(args: string[], options: { input?: string | Uint8Array; cwd?: string } = {}): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? PACKAGE_DIR });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
    feed(child.stdin, options.input);
  });
}

/** Runs any program (openssl, curl) and returns its output; rejects on a non-zero exit. */
export function runTool(command: string, args: string[], input?: string | Uint8Array): Promise<{ stdout: Buffer; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args);
    const out: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolvePromise({ stdout: Buffer.concat(out), stderr });
      else reject(new Error(`${command} exited ${String(code)}: ${stderr}`));
    });
    feed(child.stdin, input);
  });
}

/**
 * Writes `input` to a child's stdin. A child may exit without reading it all (`--version`, openssl reading a
 * file): the write then fails with EPIPE, which says nothing the exit code does not, so it is ignored here.
 * Any other stream error is still thrown.
 */
function feed(stdin: NodeJS.WritableStream, input: string | Uint8Array | undefined): void {
  stdin.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
  stdin.end(input ?? '');
}

/** A running `auditnotify listen`: its origin, its stdout lines as they come, and a way to stop it. */
export interface Listener {
  origin: string;
  child: ChildProcessWithoutNullStreams;
  /** Resolves with the next stdout line (after the "listening on" line). */
  nextLine(): Promise<string>;
  /** Everything written to stderr so far. */
  stderr(): string;
  /** Resolves once stderr contains `text` (the listener's own output is the signal: no sleeps). */
  waitForStderr(text: string): Promise<string>;
  /** Sends `signal` and resolves with the exit code once the process ended. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts `auditnotify listen ...args` and waits for its first stdout line (no sleeps: the line is the signal). */
export async function startListen(args: string[], options: { cwd?: string } = {}): Promise<Listener> {
  // Each listener runs in its own folder unless told otherwise: its default state file goes there.
  const own = options.cwd === undefined ? tempDir() : undefined;
  const child = spawn(process.execPath, [BIN, 'listen', ...args], { cwd: options.cwd ?? own?.dir });
  child.on('close', () => own?.remove());
  let stderr = '';
  const waiters: { text: string; resolve: (value: string) => void }[] = [];
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    for (const waiter of [...waiters]) {
      if (stderr.includes(waiter.text)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(stderr);
      }
    }
  });
  const exited = new Promise<number | null>((resolvePromise) => child.on('close', (code) => resolvePromise(code)));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async (): Promise<string> => {
    const result = await lines.next();
    if (result.done === true) throw new Error(`listen ended early; stderr: ${stderr}`);
    return result.value;
  };
  const first = await next();
  const match = /^listening on (http:\/\/\S+)$/.exec(first);
  if (match === null) throw new Error(`unexpected first line: ${first}`);
  return {
    origin: match[1] as string,
    child,
    nextLine: next,
    stderr: () => stderr,
    waitForStderr: (text) =>
      stderr.includes(text) ? Promise.resolve(stderr) : new Promise((resolvePromise) => waiters.push({ text, resolve: resolvePromise })),
    stop: (signal = 'SIGTERM') => {
      child.kill(signal);
      return exited;
    },
  };
}

/** A temporary folder removed by the returned function. */
export function tempDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'auditnotify-cli-test-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export const NOTIFY_PATH = '/v3/aggracct-bc/wb-channel/control-orders/info/update/result/notify';

/** Builds a raw HTTP/1.1 request as a proxy or `nc -l` captures it. */
export function rawRequest(input: { method?: string; url: string; headers: Record<string, string>; body: string | Buffer }): Buffer {
  const body = typeof input.body === 'string' ? Buffer.from(input.body, 'utf8') : input.body;
  const head = [
    `${input.method ?? 'POST'} ${input.url} HTTP/1.1`,
    ...Object.entries({ Host: '127.0.0.1', ...input.headers, 'Content-Length': String(body.byteLength) }).map(([name, value]) => `${name}: ${value}`),
    '',
    '',
  ].join('\r\n');
  return Buffer.concat([Buffer.from(head, 'utf8'), body]);
}

/** The manifest of a key set written by keygen. */
export function readManifest(dir: string): { mchid: string; serial_no: string; wechatpay_public_key_id: string } {
  return JSON.parse(readFileSync(join(dir, 'keys.json'), 'utf8')) as { mchid: string; serial_no: string; wechatpay_public_key_id: string };
}
