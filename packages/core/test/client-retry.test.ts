// Retries: 5xx, 429 and network failures again with the same bytes and out_request_no, re-signed each time,
// after exponential backoff with jitter or the server's Retry-After. Sleep and random are injected: no real
// waiting.
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerResponse } from 'node:http';
import type { ClientOptions } from '../src/client/index.js';
import { ApiError, backoffDelay, createClient, DEFAULT_RETRY, parseRetryAfter } from '../src/client/index.js';
import { createReceiver } from '../src/receiver/index.js';
import { SAMPLE, receiverOptions, clientOptions } from './receiver-fixtures.js';
import type { Received, TestServer } from './client-fixtures.js';
import { respondWith, startServer } from './client-fixtures.js';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const receiver = createReceiver(receiverOptions());

/** Answers the first `failures.length` requests with the given failures, then runs the receiver. */
async function flakyServer(failures: ((response: ServerResponse, request: Received) => void)[]): Promise<TestServer> {
  const server = await startServer(async (request, response, index) => {
    const fail = failures[index];
    if (fail) fail(response, request);
    else await respondWith(receiver, request, response);
  });
  servers.push(server);
  return server;
}

const systemError = (status: number, headers: Record<string, string> = {}) => (response: ServerResponse) => {
  response.writeHead(status, { 'content-type': 'application/json', ...headers }).end('{"code":"SYSTEM_ERROR","message":"busy"}');
};

function client(server: TestServer, overrides: Partial<ClientOptions> = {}) {
  const sleeps: number[] = [];
  const instance = createClient(clientOptions({
    hosts: [server.origin],
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    retry: { attempts: 4, baseDelayMs: 100, maxDelayMs: 1_000 },
    ...overrides,
  }));
  return { client: instance, sleeps };
}

function authorizationOf(request: Received | undefined): string {
  return String(request?.headers.authorization);
}

describe('client retries', () => {
  it('retries a 503 with the same bytes and out_request_no, re-signed with a fresh nonce', async () => {
    const server = await flakyServer([systemError(503)]);
    const { client: c, sleeps } = client(server);
    const result = await c.send(SAMPLE);
    expect(result.status).toBe(200);
    expect(result.attempts).toBe(2);
    const [first, second] = server.requests;
    expect(second?.body).toEqual(first?.body);
    expect(JSON.parse(new TextDecoder().decode(second?.body)).out_request_no).toBe(SAMPLE.out_request_no);
    const nonceOf = (request: Received | undefined) => /nonce_str="([^"]+)"/.exec(authorizationOf(request))?.[1];
    expect(nonceOf(first)).not.toBe(nonceOf(second));
    expect(authorizationOf(first)).not.toBe(authorizationOf(second));
    expect(sleeps).toEqual([75]); // first retry: step 100 ms, equal jitter at 0.5 → 75 ms
  });

  it('honours Retry-After in seconds on a 429', async () => {
    const server = await flakyServer([systemError(429, { 'retry-after': '3' })]);
    const { client: c, sleeps } = client(server);
    expect((await c.send(SAMPLE)).attempts).toBe(2);
    expect(sleeps).toEqual([3_000]);
  });

  it('honours Retry-After as an HTTP date', async () => {
    const now = 1_757_900_000;
    const date = new Date((now + 5) * 1000).toUTCString();
    // Client and receiver share the pinned clock so the answer's timestamp is in the window.
    const pinned = createReceiver(receiverOptions({ clock: () => now }));
    const dated = await startServer(async (request, response, index) => {
      if (index === 0) systemError(503, { 'retry-after': date })(response);
      else await respondWith(pinned, request, response);
    });
    servers.push(dated);
    const { client: c, sleeps } = client(dated, { clock: () => now });
    expect((await c.send(SAMPLE)).attempts).toBe(2);
    expect(sleeps).toEqual([5_000]);
  });

  it('backs off exponentially with jitter, up to maxDelayMs, then throws the last ApiError', async () => {
    const server = await flakyServer(Array.from({ length: 10 }, () => systemError(500)));
    const { client: c, sleeps } = client(server, { random: () => 1, retry: { attempts: 5, baseDelayMs: 100, maxDelayMs: 500 } });
    const error = (await c.send(SAMPLE).catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(500);
    expect(error.wireCode).toBe('SYSTEM_ERROR');
    expect(error.attempts).toBe(5);
    expect(server.requests).toHaveLength(5);
    expect(sleeps).toEqual([100, 200, 400, 500]);
  });

  it('does not retry a 4xx other than 429', async () => {
    const server = await flakyServer([systemError(400), systemError(400)]);
    const { client: c, sleeps } = client(server);
    const error = (await c.send(SAMPLE).catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(400);
    expect(server.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('gives up at once when Retry-After is longer than maxRetryAfterMs', async () => {
    const server = await flakyServer([systemError(429, { 'retry-after': '3600' })]);
    const { client: c } = client(server);
    const error = (await c.send(SAMPLE).catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(429);
    expect(error.headers['retry-after']).toBe('3600');
    expect(server.requests).toHaveLength(1);
  });

  it('retries a connection reset (network error) on the same host', async () => {
    const server = await flakyServer([(response) => response.socket?.destroy()]);
    const { client: c, sleeps } = client(server);
    const result = await c.send(SAMPLE);
    expect(result.status).toBe(200);
    expect(server.requests).toHaveLength(2);
    expect(sleeps).toHaveLength(1);
  });

  it('does not retry or fail over when signing fails: that is no network failure', async () => {
    const server = await flakyServer([]);
    const offline = new Error('HSM offline');
    const { client: c, sleeps } = client(server, {
      engine: { name: 'node', sign: () => Promise.reject(offline), verify: async () => false },
    });
    await expect(c.send(SAMPLE)).rejects.toBe(offline);
    expect(server.requests).toHaveLength(0);
    expect(sleeps).toEqual([]);
  });

  it('stops waiting when the signal aborts', async () => {
    const server = await flakyServer([systemError(503)]);
    const controller = new AbortController();
    const { client: c } = client(server, {
      sleep: async (_ms, signal) => {
        controller.abort(new Error('stop'));
        signal?.throwIfAborted();
      },
    });
    await expect(c.send(SAMPLE, { signal: controller.signal })).rejects.toThrow('stop');
    expect(server.requests).toHaveLength(1);
  });
});

describe('backoff helpers', () => {
  it('computes equal-jitter exponential delays', () => {
    expect(backoffDelay(1, DEFAULT_RETRY, () => 0)).toBe(250);
    expect(backoffDelay(1, DEFAULT_RETRY, () => 1)).toBe(500);
    expect(backoffDelay(3, DEFAULT_RETRY, () => 1)).toBe(2_000);
    expect(backoffDelay(20, DEFAULT_RETRY, () => 1)).toBe(DEFAULT_RETRY.maxDelayMs);
  });

  it('reads Retry-After as seconds or an HTTP date, and ignores garbage', () => {
    const now = Date.parse('Wed, 21 Oct 2026 07:27:58 GMT');
    expect(parseRetryAfter('3', now)).toBe(3_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Wed, 21 Oct 2026 07:28:00 GMT', now)).toBe(2_000);
    expect(parseRetryAfter('Wed, 21 Oct 2026 07:27:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('-5', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
