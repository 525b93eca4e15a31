// Real HTTP servers on 127.0.0.1, port 0, for the client tests: one that runs createReceiver exactly as an
// adapter would (raw bytes in, the receiver's bytes out), and scripted ones for retries and forged answers.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Receiver } from '../src/receiver/index.js';

export interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: Uint8Array;
}

export interface TestServer {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  origin: string;
  /** Every request received, in order. */
  requests: Received[];
  close(): Promise<void>;
}

export type Script = (request: Received, response: ServerResponse, index: number) => void | Promise<void>;

async function readBody(request: IncomingMessage): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

/** A server whose every request goes to `script`. */
export async function startServer(script: Script): Promise<TestServer> {
  const requests: Received[] = [];
  const server = createServer((request, response) => {
    void (async () => {
      const received: Received = { method: request.method ?? '', url: request.url ?? '', headers: request.headers, body: await readBody(request) };
      requests.push(received);
      try {
        await script(received, response, requests.length - 1);
      } catch {
        if (!response.headersSent) response.writeHead(599);
        response.end();
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Hands a request to the receiver as an adapter does and writes exactly what it answers. */
export async function respondWith(receiver: Receiver, request: Received, response: ServerResponse): Promise<void> {
  const answer = await receiver.handle({ method: request.method, url: request.url, headers: request.headers, body: request.body });
  response.writeHead(answer.status, answer.headers);
  response.end(answer.body);
}

/** A server running the receiver for every request. */
export function startReceiverServer(receiver: Receiver): Promise<TestServer> {
  return startServer((request, response) => respondWith(receiver, request, response));
}

/** An origin where nothing listens: a port that was just bound and released. */
export async function closedOrigin(): Promise<string> {
  const server = await startServer(() => undefined);
  const origin = server.origin;
  await server.close();
  return origin;
}

/** A virtual clock in Unix seconds and a sleep that advances it instead of waiting. */
export function virtualTime(start: number): { clock: () => number; sleep: (ms: number) => Promise<void>; sleeps: number[]; now: () => number } {
  let now = start;
  const sleeps: number[] = [];
  return {
    clock: () => Math.floor(now),
    now: () => now,
    sleeps,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms / 1000;
    },
  };
}
