// Hosts: the backup only when a host cannot be reached (protocol.md §1), never after an HTTP answer; an
// explicit url talks to that server only.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ClientOptions } from '../src/client/index.js';
import { ApiError, createClient } from '../src/client/index.js';
import { NOTIFY_PATH } from '../src/protocol/index.js';
import { createReceiver } from '../src/receiver/index.js';
import { AuditNotifyError } from '../src/errors.js';
import { SAMPLE, receiverOptions, clientOptions } from './receiver-fixtures.js';
import type { TestServer } from './client-fixtures.js';
import { closedOrigin, respondWith, startReceiverServer, startServer } from './client-fixtures.js';

const servers: TestServer[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function backup(): Promise<TestServer> {
  const receiver = createReceiver(receiverOptions());
  const server = await startReceiverServer(receiver);
  servers.push(server);
  return server;
}

function client(hosts: string[], overrides: Partial<ClientOptions> = {}) {
  const sleeps: number[] = [];
  return {
    sleeps,
    client: createClient(clientOptions({
      hosts,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      retry: { attempts: 2, baseDelayMs: 10, maxDelayMs: 10 },
      ...overrides,
    })),
  };
}

describe('client failover', () => {
  it('fails over to the backup host when the primary refuses connections', async () => {
    const primary = await closedOrigin();
    const second = await backup();
    const { client: c, sleeps } = client([primary, second.origin]);
    const result = await c.send(SAMPLE);
    expect(result.status).toBe(200);
    expect(result.url).toBe(`${second.origin}${NOTIFY_PATH}`);
    expect(result.attempts).toBe(2);
    expect(second.requests).toHaveLength(1);
    expect(sleeps).toEqual([]); // failover is immediate, not a retry
  });

  it('does not fail over on an HTTP error: a 503 from the primary is retried on the primary', async () => {
    const second = await backup();
    const receiver = createReceiver(receiverOptions());
    const primary = await startServer(async (request, response, index) => {
      if (index === 0) {
        response.writeHead(503, { 'content-type': 'application/json' }).end('{"code":"SYSTEM_ERROR","message":"busy"}');
        return;
      }
      await respondWith(receiver, request, response);
    });
    servers.push(primary);
    const result = await client([primary.origin, second.origin]).client.send(SAMPLE);
    expect(result.url).toBe(`${primary.origin}${NOTIFY_PATH}`);
    expect(primary.requests).toHaveLength(2);
    expect(second.requests).toHaveLength(0);
  });

  it('does not fail over on a 4xx from the primary', async () => {
    const second = await backup();
    const primary = await startServer((_request, response) => {
      response.writeHead(400, { 'content-type': 'application/json' }).end('{"code":"PARAM_ERROR","message":"bad"}');
    });
    servers.push(primary);
    const error = await client([primary.origin, second.origin]).client.send(SAMPLE).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(second.requests).toHaveLength(0);
  });

  it('throws NETWORK_ERROR when no host can be reached, after its retries', async () => {
    const { client: c, sleeps } = client([await closedOrigin(), await closedOrigin()]);
    const error = (await c.send(SAMPLE).catch((e: unknown) => e)) as AuditNotifyError;
    expect(error).toBeInstanceOf(AuditNotifyError);
    expect(error.code).toBe('NETWORK_ERROR');
    expect(error.message).toMatch(/ECONNREFUSED/);
    expect(error.detail?.attempts).toBe(4);
    expect(sleeps).toHaveLength(1);
  });

  it('talks only to the server of an explicit url, never to the configured hosts', async () => {
    const second = await backup();
    const { client: c } = client([second.origin]);
    const error = (await c.send(SAMPLE, { url: `${await closedOrigin()}${NOTIFY_PATH}` }).catch((e: unknown) => e)) as AuditNotifyError;
    expect(error.code).toBe('NETWORK_ERROR');
    expect(second.requests).toHaveLength(0);
  });

  it('throws TIMEOUT when the server does not answer in timeoutMs', async () => {
    // The client's timer is AbortSignal.timeout(timeoutMs); the test holds it and fires it once the silent
    // server has the request, so the outcome does not depend on how fast the machine is.
    const timers: { ms: number; controller: AbortController }[] = [];
    vi.spyOn(AbortSignal, 'timeout').mockImplementation((ms: number) => {
      const controller = new AbortController();
      timers.push({ ms, controller });
      return controller.signal;
    });
    let arrived!: () => void;
    const requestArrived = new Promise<void>((resolve) => (arrived = resolve));
    const silent = await startServer(() => {
      arrived();
      return new Promise<void>(() => undefined);
    });
    servers.push(silent);
    const { client: c } = client([silent.origin], { timeoutMs: 50, retry: { attempts: 1 } });
    const sending = c.send(SAMPLE).catch((e: unknown) => e);
    await requestArrived;
    expect(timers.map((timer) => timer.ms)).toEqual([50]);
    timers[0]!.controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
    const error = (await sending) as AuditNotifyError;
    expect(error.code).toBe('TIMEOUT');
    expect(error.detail?.attempts).toBe(1);
  });
});
