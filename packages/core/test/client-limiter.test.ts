// The client keeps to 200 requests a minute by waiting (protocol.md §1). Time is virtual: an injected clock
// and a sleep that advances it, so the 201st request provably waits a minute without anyone waiting.
import { afterEach, describe, expect, it } from 'vitest';
import { createClient, createSendLimiter } from '../src/client/index.js';
import { createReceiver } from '../src/receiver/index.js';
import { NOW, SAMPLE, receiverOptions, clientOptions } from './receiver-fixtures.js';
import type { TestServer } from './client-fixtures.js';
import { startReceiverServer, virtualTime } from './client-fixtures.js';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

describe('send limiter', () => {
  it('lets 200 requests through at once and makes the 201st wait until the first is a minute old', async () => {
    const time = virtualTime(NOW);
    const limiter = createSendLimiter({ perMinute: 200, now: () => time.now() * 1000, sleep: time.sleep });
    for (let i = 0; i < 200; i++) await limiter.acquire();
    expect(time.sleeps).toEqual([]);
    await limiter.acquire();
    expect(time.sleeps).toEqual([60_000]);
  });

  it('spaces requests that come in steadily instead of bursting after the wait', async () => {
    const time = virtualTime(NOW);
    const limiter = createSendLimiter({ perMinute: 2, now: () => time.now() * 1000, sleep: time.sleep });
    await limiter.acquire(); // t = 0 s
    await time.sleep(10_000); // the caller itself idles 10 s
    await limiter.acquire(); // t = 10 s: second of the window, at once
    await limiter.acquire(); // waits for the first to be 60 s old: 50 s
    await limiter.acquire(); // waits for the second: 10 s more
    expect(time.sleeps).toEqual([10_000, 50_000, 10_000]);
  });

  it('queues concurrent callers in order, each in its own slot', async () => {
    const time = virtualTime(NOW);
    const limiter = createSendLimiter({ perMinute: 1, now: () => time.now() * 1000, sleep: async (ms) => { time.sleeps.push(ms); } });
    await Promise.all([limiter.acquire(), limiter.acquire(), limiter.acquire()]);
    expect(time.sleeps).toEqual([60_000, 120_000]);
  });

  it('stops waiting when the signal is already aborted', async () => {
    const time = virtualTime(NOW);
    const limiter = createSendLimiter({ perMinute: 1, now: () => time.now() * 1000, sleep: time.sleep });
    const controller = new AbortController();
    controller.abort(new Error('cancelled'));
    await expect(limiter.acquire(controller.signal)).rejects.toThrow('cancelled');
  });
});

describe('client rate limit', () => {
  it('sends the 201st notification of a minute only after waiting, over real HTTP', async () => {
    const time = virtualTime(NOW);
    const receiver = createReceiver(receiverOptions({ clock: time.clock, rateLimiter: false }));
    const server = await startReceiverServer(receiver);
    servers.push(server);
    const client = createClient(clientOptions({ hosts: [server.origin], clock: time.clock, sleep: time.sleep }));
    for (let i = 0; i < 200; i++) {
      const result = await client.send({ ...SAMPLE, out_request_no: `req-${i}` });
      expect(result.status).toBe(200);
    }
    expect(time.sleeps).toEqual([]);
    const result = await client.send({ ...SAMPLE, out_request_no: 'req-200' });
    expect(result.status).toBe(200);
    expect(time.sleeps).toEqual([60_000]);
    expect(server.requests).toHaveLength(201);
    // The 201st was signed at the later time.
    expect(String(server.requests[200]?.headers.authorization)).toContain(`timestamp="${NOW + 60}"`);
  });

  it('can be switched off (an injected fetch answers at once)', async () => {
    const time = virtualTime(NOW);
    let calls = 0;
    const limiterOff = createClient(clientOptions({
      rateLimit: false,
      clock: time.clock,
      sleep: time.sleep,
      fetch: async () => {
        calls++;
        return new Response('{"code":"PARAM_ERROR","message":"x"}', { status: 400 });
      },
    }));
    for (let i = 0; i < 201; i++) await limiterOff.send(SAMPLE).catch(() => undefined);
    expect(calls).toBe(201);
    expect(time.sleeps).toEqual([]);
  });
});
