// The remote runtimes' control requests survive a kept-alive connection that the runtime closes just as it is
// reused (seen with workerd under load: "other side closed" before any answer), and only that.
import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { controlRequest } from '../src/remote-runtime.js';

/** A server that closes the first `drop` connections as soon as a request arrives, then answers 204. */
async function flakyServer(drop: number): Promise<{ url: string; requests: () => number; close(): Promise<void> }> {
  let seen = 0;
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.once('data', () => {
      seen += 1;
      if (seen <= drop) socket.destroy();
      else socket.end('HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/__conformance/scenario`,
    requests: () => seen,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe('controlRequest', () => {
  it('sends an idempotent control request again when the connection closed before any answer', async () => {
    // Plain fetch gives up on such a connection (what the suites saw)…
    const plain = await flakyServer(1);
    await expect(fetch(plain.url, { method: 'POST', body: '{}' })).rejects.toThrow('fetch failed');
    await plain.close();
    // …the control request is answered by its second try.
    const server = await flakyServer(1);
    close = server.close;
    const response = await controlRequest(server.url, { method: 'POST', body: '{}' });
    expect(response.status).toBe(204);
    expect(server.requests()).toBe(2);
  });

  it('sends it again only once: a runtime that keeps closing is an error', async () => {
    const server = await flakyServer(10);
    close = server.close;
    await expect(controlRequest(server.url, { method: 'POST', body: '{}' })).rejects.toThrow('fetch failed');
    expect(server.requests()).toBe(2);
  });
});
