/**
 * Runs a command in a child process and collects its output: the exported scripts (the curl export with `sh`,
 * the Node export with `node`) in their own folder, and the `auditnotify` CLI. Asynchronous on purpose: the
 * local receiver answering the child runs in the test's own process. The child's stdin is closed at once, so
 * nothing waits for input.
 */
import { spawn } from 'node:child_process';
import { dirname } from 'node:path';

/** What a run ended with. */
export interface ScriptResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `command args` and resolves with its exit status and output.
 *
 * @example
 * ```ts
 * const { status, stdout } = await runCommand(process.execPath, ['bin.js', 'keygen', '--out', dir]);
 * ```
 */
export function runCommand(command: string, args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<ScriptResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, options);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.end();
  });
}

/**
 * Runs `command script` with `env`, in the script's folder.
 *
 * @example
 * ```ts
 * const { status, stdout } = await runScript('sh', '/tmp/x/notify.sh', { ...process.env, AUDITNOTIFY_KEY: keyPath });
 * ```
 */
export function runScript(command: string, script: string, env: NodeJS.ProcessEnv): Promise<ScriptResult> {
  return runCommand(command, [script], { env, cwd: dirname(script) });
}
