/**
 * Runs {@link KeyJob}s in the key worker thread, one worker per job (a PKCS#12 import is rare; a fresh worker
 * frees node-forge's memory when it ends). Without a worker script (tests of the services alone) the job runs
 * on the calling thread.
 */
import { Worker } from 'node:worker_threads';
import { AuditNotifyError, type ErrorCode } from '@auditnotify/core';
import type { ApiErrorShape } from '../../shared/api.js';
import { runKeyJob, type KeyJob, type KeyJobResult } from './key-jobs.js';

/**
 * Runs key jobs.
 *
 * @example
 * ```ts
 * const runner: KeyJobRunner = createKeyJobRunner(join(__dirname, 'key-worker.cjs'));
 * const { certificatePem } = await runner.run({ kind: 'open-pkcs12', der, password });
 * ```
 */
export interface KeyJobRunner {
  run<J extends KeyJob>(job: J): Promise<KeyJobResult<J['kind']>>;
}

/**
 * Creates a runner that starts `workerScript` (the built `key-worker.cjs`) per job, or runs jobs on the
 * calling thread when `workerScript` is `undefined`.
 *
 * @example
 * ```ts
 * const runner = createKeyJobRunner(undefined); // in-thread
 * ```
 */
export function createKeyJobRunner(workerScript: string | undefined): KeyJobRunner {
  if (workerScript === undefined) {
    return { run: async (job) => runKeyJob(job) };
  }
  return {
    run: <J extends KeyJob>(job: J) =>
      new Promise<KeyJobResult<J['kind']>>((resolve, reject) => {
        const worker = new Worker(workerScript);
        let settled = false;
        const settle = (fn: () => void): void => {
          if (settled) return;
          settled = true;
          fn();
          void worker.terminate();
        };
        worker.once('message', (answer: { ok: true; result: KeyJobResult<J['kind']> } | { ok: false; error: ApiErrorShape }) => {
          settle(() => (answer.ok ? resolve(answer.result) : reject(errorOf(answer.error))));
        });
        worker.once('error', (error) => settle(() => reject(error)));
        worker.once('exit', (code) => settle(() => reject(new Error(`The key worker stopped (exit code ${code}) before answering.`))));
        worker.postMessage({ id: 1, job });
      }),
  };
}

/** The worker's `{ code, message, detail }` as the error it was; an unexpected failure stays a plain Error. */
function errorOf(shape: ApiErrorShape): Error {
  if (shape.code === 'INTERNAL_ERROR') return new Error(shape.message);
  return new AuditNotifyError(shape.code as ErrorCode, shape.message, shape.detail ? { detail: shape.detail } : {});
}
