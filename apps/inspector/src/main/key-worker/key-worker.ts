/**
 * Entry point of the key worker thread (built to `dist/main/key-worker.cjs`): runs one {@link KeyJob} per
 * message and answers with its result or the error's `{ code, message, detail }`, so PKCS#12 key derivation
 * never blocks the IPC handlers, the browser-mode bridge or the local receiver.
 */
import { parentPort } from 'node:worker_threads';
import { toApiError } from '../services/errors.js';
import { runKeyJob, type KeyJob } from './key-jobs.js';

parentPort?.on('message', (message: { id: number; job: KeyJob }) => {
  try {
    parentPort?.postMessage({ id: message.id, ok: true, result: runKeyJob(message.job) });
  } catch (error) {
    parentPort?.postMessage({ id: message.id, ok: false, error: toApiError(error) });
  }
});
