/**
 * Runs an exported script (the curl export with `sh`, the Node export with `node`) in its own folder and
 * collects its output. Asynchronous on purpose: the local receiver answering the script runs in the test's
 * own process.
 */
import { spawn } from 'node:child_process';
import { dirname } from 'node:path';

/** What a script run ended with. */
export interface ScriptResult {
  status: number | null;
  stdout: string;
  stderr: string;
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
  return new Promise((resolve, reject) => {
    const child = spawn(command, [script], { env, cwd: dirname(script) });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
