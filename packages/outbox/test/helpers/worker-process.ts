// Starts test/fixtures/outbox-worker.ts as a real child process and follows its JSON lines, so a test can wait on
// what a worker did (never on time) and kill it with SIGKILL.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { TestKeys } from '@auditnotify/core/testing';

const FIXTURE = new URL('../fixtures/outbox-worker.ts', import.meta.url).pathname;

export interface WorkerLine {
  event: string;
  out_request_no?: string;
  errorCode?: string;
}

export interface WorkerProcess {
  name: string;
  child: ChildProcessWithoutNullStreams;
  lines: WorkerLine[];
  /** Resolves with the first line of this event (already printed or to come). */
  waitFor(event: string): Promise<WorkerLine>;
  /** Resolves with the exit code (or the signal's name) once the process has exited. */
  exited: Promise<number | string>;
  stderr(): string;
}

export interface WorkerSettings {
  store: string;
  url: string;
  rate: { max: number; durationMs: number; toleranceMs?: number };
  leaseMs: number;
  concurrency: number;
}

export function startWorker(name: string, keys: TestKeys, settings: WorkerSettings): WorkerProcess {
  const env = {
    ...process.env,
    OUTBOX_SETTINGS: JSON.stringify({
      ...settings,
      name,
      mchid: keys.mchid,
      serialNo: keys.serialNo,
      privateKeyPem: keys.sender.privateKeyPem,
      answerKeyId: keys.wechatpayPublicKeyId,
      answerPublicKeyPem: keys.receiver.publicKeyPem,
    }),
  };
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE], { env });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => void (stderr += chunk));
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  const lines: WorkerLine[] = [];
  const waiters: { event: string; resolve: (line: WorkerLine) => void }[] = [];
  createInterface({ input: child.stdout }).on('line', (text) => {
    const line = JSON.parse(text) as WorkerLine;
    lines.push(line);
    for (const waiter of waiters.filter((w) => w.event === line.event)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(line);
    }
  });
  return {
    name,
    child,
    lines,
    exited,
    stderr: () => stderr,
    waitFor(event) {
      const seen = lines.find((line) => line.event === event);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        waiters.push({ event, resolve });
        void exited.then((code) => {
          // A line printed just before exit is already in `lines`.
          const late = lines.find((line) => line.event === event);
          if (late) resolve(late);
          else reject(new Error(`worker ${name} exited (${String(code)}) before printing ${event}:\n${stderr}`));
        });
      });
    },
  };
}

/** Stops a worker still running (SIGTERM) and waits for its exit. */
export async function stopWorker(worker: WorkerProcess): Promise<void> {
  if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill('SIGTERM');
  await worker.exited;
}
