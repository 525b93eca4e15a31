// The "Receiver state" example of README.md with test keys and a temporary file, kept here so it stays true:
// SQLite stores, the inbox, onDuplicate and the server limits, on a real Express app.
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { afterAll, expect, it } from 'vitest';
import { createTestRequest, generateTestKeys, sampleNotification } from '@auditnotify/core/testing';
import { openSqliteStores } from '@auditnotify/sqlite';
import { createExpressMiddleware } from '../src/index.js';

const directory = mkdtempSync(join(tmpdir(), 'auditnotify-readme-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

it('processes a notification once across a restart of the app on the same file; a resend is answered from the inbox', async () => {
  const keys = generateTestKeys();
  const processed: string[] = [];
  const duplicates: string[] = [];
  async function startApp() {
    const stores = openSqliteStores({ path: join(directory, 'auditnotify-state.db') });
    const app = express();
    app.use(
      createExpressMiddleware({
        senders: keys.senders,
        answerKeys: keys.answerKeys,
        nonceStore: stores.nonceStore,
        rateLimiter: stores.rateLimiter,
        inbox: stores.inbox,
        handler: async ({ notification }) => void processed.push(notification.out_request_no),
        onDuplicate: (event) => void duplicates.push(event.outRequestNo),
      }),
    );
    const server = app.listen(0, '127.0.0.1');
    server.headersTimeout = 10_000;
    server.requestTimeout = 30_000;
    server.keepAliveTimeout = 5_000;
    server.maxConnections = 512;
    await new Promise((resolve) => server.once('listening', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const stop = () => new Promise<void>((resolve) => {
      server.close(() => void stores.close().then(resolve));
      server.closeAllConnections();
    });
    return { url, stop };
  }
  const deliver = async (url: string) => {
    const request = await createTestRequest({ keys, notification: { ...sampleNotification(), out_request_no: 'R-readme-1' } });
    return (await fetch(url + request.url, { method: 'POST', headers: request.headers, body: request.body })).status;
  };

  const first = await startApp();
  expect(await deliver(first.url)).toBe(200);
  await first.stop();
  const second = await startApp();
  expect(await deliver(second.url)).toBe(200);
  await second.stop();
  expect(processed).toEqual(['R-readme-1']);
  expect(duplicates).toEqual(['R-readme-1']);
  // Two app starts and an RSA key generation: generous on a loaded machine (nothing here is timed).
}, 120_000);
