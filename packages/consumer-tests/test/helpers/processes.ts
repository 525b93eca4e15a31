// Real processes for the READMEs' examples: one-shot commands through bash, and long-running servers whose
// own "listening on URL" line is the signal that they are ready (never a sleep).
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const PACKAGE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const REPO_DIR = resolve(PACKAGE_DIR, '..', '..');

/**
 * A fresh folder laid out like the repository's root for the examples: a package.json (so npx and tsx treat
 * it as the project) and the repository's node_modules linked in (so `npx auditnotify`, `npx tsx` and the
 * examples' imports resolve to the workspace's packages, never to the registry). Removed by `remove()`.
 */
export function workDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'auditnotify-readme-'));
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ private: true, type: 'module' })}\n`);
  symlinkSync(join(REPO_DIR, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `command` with bash in `cwd` and resolves when it exits. */
export function sh(command: string, cwd: string, env: Record<string, string> = {}): Promise<Finished> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('bash', ['-c', command], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
  });
}

/** A server started from an example: the URL it printed, every stdout line so far, and a way to stop it. */
export interface Server {
  url: string;
  lines: string[];
  stderr(): string;
  /** Resolves with the next stdout line after those already seen. */
  nextLine(): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Starts `command` with bash (exec'd, so the signal reaches the program) and resolves once it prints
 * `listening on URL`; rejects with its output if it exits first.
 */
export async function startServer(command: string, cwd: string, env: Record<string, string> = {}): Promise<Server> {
  const child: ChildProcess = spawn('bash', ['-c', `exec ${command}`], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const lines: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  let read = 0;
  const exited = once(child, 'exit');
  createInterface({ input: child.stdout! }).on('line', (line) => {
    lines.push(line);
    const next = waiting.shift();
    if (next !== undefined) {
      read = lines.length;
      next(line);
    }
  });
  const nextLine = (): Promise<string> => {
    if (read < lines.length) return Promise.resolve(lines[read++] as string);
    return new Promise((resolveLine) => waiting.push(resolveLine));
  };
  const first = await Promise.race([
    (async () => {
      for (;;) {
        const line = await nextLine();
        const match = /listening on (http:\/\/\S+)/.exec(line);
        if (match) return match[1] as string;
      }
    })(),
    exited.then(([code]) => {
      throw new Error(`${command} exited ${String(code)} before listening:\n${lines.join('\n')}\n${stderr}`);
    }),
  ]);
  return {
    url: first,
    lines,
    stderr: () => stderr,
    nextLine,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
