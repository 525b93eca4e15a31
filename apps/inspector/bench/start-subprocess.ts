import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

/** A browser-mode inspector started as `node dist/start.js --browser`. */
export interface InspectorProcess {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts the built inspector in browser mode on port 0 and resolves when it prints its URL (no sleeps).
 *
 * @example
 * const p = await startSubprocess(startJs, dataDir);
 * await page.goto(p.url);
 * await p.stop();
 */
export async function startSubprocess(startJs: string, dataDir: string): Promise<InspectorProcess> {
  const child = spawn(process.execPath, [startJs, '--browser', '--port', '0', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  // A benchmark that dies half-way must not leave servers behind.
  const killChild = () => child.kill('SIGTERM');
  process.once('exit', killChild);
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`inspector exited with ${code} before printing its URL`)));
    lines.on('line', (line) => {
      const m = /^inspector: (http:\/\/127\.0\.0\.1:\d+\/\S*)$/.exec(line);
      if (m?.[1]) resolve(m[1]);
    });
  });
  return {
    url,
    child,
    stop: async () => {
      process.removeListener('exit', killChild);
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}
