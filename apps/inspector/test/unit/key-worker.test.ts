/**
 * PKCS#12 key derivation runs in the key worker thread: while a slow import runs, the browser-mode bridge and
 * the local receiver keep answering. Real HTTP on 127.0.0.1, a real file from `openssl pkcs12 -export`, the
 * built worker (dist/main/key-worker.cjs). Order of answers, not time, is what is asserted.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NOTIFY_PATH } from '@auditnotify/core';
import { afterEach, describe, expect, it } from 'vitest';
import type { KeyJob } from '../../src/main/key-worker/key-jobs.js';
import { startBrowserMode, type BrowserModeHandle } from '../../src/main/browser-mode.js';
import { createHttpBridgeApi } from '../../src/shared/http-bridge-client.js';
import { tempDir } from './temp-dir.js';

const appDir = join(import.meta.dirname, '..', '..');
const keyWorkerScript = join(appDir, 'dist', 'main', 'key-worker.cjs');
const vectors = join(appDir, '..', '..', 'test-vectors', 'sender');

let inspector: BrowserModeHandle | undefined;
afterEach(async () => {
  await inspector?.close();
  inspector = undefined;
});

/** A PKCS#12 file of the test vector's key with many iterations: seconds of node-forge key derivation. */
function slowPkcs12(): string {
  const out = join(tempDir(), 'slow.p12');
  // prettier-ignore
  execFileSync('openssl', ['pkcs12', '-export', '-inkey', join(vectors, 'apiclient_key.pem'), '-in', join(vectors, 'apiclient_cert.pem'),
    '-passout', 'pass:1900016681', '-iter', '50000', '-out', out]);
  return readFileSync(out).toString('base64');
}

/** Starts browser mode; resolves the order in which a slow import and two other requests were answered. */
async function answerOrder(worker: string | undefined): Promise<string[]> {
  inspector = await startBrowserMode({ port: 0, dataDir: tempDir(), rendererDir: join(appDir, 'dist', 'renderer'), version: '0.1.0', ...(worker ? { keyWorkerScript: worker } : {}) });
  const api = createHttpBridgeApi({ token: inspector.bridge.token, baseUrl: inspector.bridge.url.replace(/\/$/, '') });
  const receiverUrl = inspector.services.receiver.status().url!;
  const base64 = slowPkcs12();

  // Know when the derivation has begun, so the other requests are sent while it runs.
  const runner = inspector.services.keyJobs;
  const run = runner.run.bind(runner);
  let begun!: () => void;
  const derivationBegun = new Promise<void>((resolve) => (begun = resolve));
  runner.run = <J extends KeyJob>(job: J) => {
    begun();
    return run(job);
  };

  const order: string[] = [];
  const importing = api.keys.import({ role: 'merchant', mchid: '1900016681', pkcs12: { base64 }, password: '1900016681' }).then((result) => {
    order.push('import');
    return result;
  });
  await derivationBegun;
  const info = api.app.info().then((result) => {
    order.push('bridge');
    return result;
  });
  const receiver = fetch(receiverUrl.replace(NOTIFY_PATH, '/not-the-notify-path'), { method: 'POST', body: 'x' }).then(async (res) => {
    await res.arrayBuffer();
    order.push('receiver');
    return res.status;
  });
  const [imported, answered, status] = await Promise.all([importing, info, receiver]);
  expect(imported).toMatchObject({ ok: true, data: { key: { source: 'pkcs12', mchid: '1900016681' } } });
  expect(answered.ok).toBe(true);
  expect(status).toBe(404);
  return order;
}

describe('the key worker', () => {
  it('keeps the bridge and the local receiver answering while a slow PKCS#12 import derives its keys', async () => {
    const order = await answerOrder(keyWorkerScript);
    expect(order.indexOf('bridge')).toBeLessThan(order.indexOf('import'));
    expect(order.indexOf('receiver')).toBeLessThan(order.indexOf('import'));
  });

  it('is what makes the difference: on the calling thread the same import holds every other answer back', async () => {
    const order = await answerOrder(undefined);
    expect(order[0]).toBe('import');
  });
});
