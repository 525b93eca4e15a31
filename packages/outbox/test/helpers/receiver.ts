// A real receiver for the outbox's tests: @auditnotify/express in an Express app on 127.0.0.1, with core's
// memory inbox so a notification delivered twice on the wire is handled once. It records every arrival (time,
// out_request_no, User-Agent) and every handled notification, can answer 400 PARAM_ERROR, can hold one
// notification until released, and can go down and come back on the same port.
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import express from 'express';
import { createMemoryInbox, NOTIFY_PATH } from '@auditnotify/core';
import type { TestKeys } from '@auditnotify/core/testing';
import { createExpressMiddleware } from '@auditnotify/express';

export interface Arrival {
  /** performance.now() when the request reached the app. */
  at: number;
  outRequestNo: string;
  userAgent: string;
}

export interface TestReceiver {
  url: string;
  arrivals: Arrival[];
  /** out_request_no of each handler run, in order. */
  handled: string[];
  /** Answer every request with 400 PARAM_ERROR from now on. */
  refuseWithParamError(): void;
  /** Back to normal answers. */
  acceptAgain(): void;
  /** Hold the next request of this out_request_no until `release()`; `arrived` resolves once it is held. */
  hold(outRequestNo: string): { arrived: Promise<Arrival>; release: () => void };
  /** Resolves once `n` notifications were handled. */
  handledCount(n: number): Promise<void>;
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function startReceiver(keys: TestKeys): Promise<TestReceiver> {
  const arrivals: Arrival[] = [];
  const handled: string[] = [];
  const holds = new Map<string, { gate: Promise<void>; onArrive: (arrival: Arrival) => void }>();
  const countWaiters: { n: number; resolve: () => void }[] = [];
  let paramError = false;
  const app = express();
  // The raw bytes are kept in req.body (the plugin verifies those very bytes), so the arrival can name its
  // out_request_no before the receiver runs.
  app.use(express.raw({ type: () => true }));
  app.use((req, res, next) => {
    let outRequestNo = '';
    try {
      outRequestNo = String((JSON.parse((req.body as Buffer).toString('utf8')) as { out_request_no?: unknown }).out_request_no ?? '');
    } catch {
      // Not JSON: the receiver refuses it.
    }
    const arrival = { at: performance.now(), outRequestNo, userAgent: String(req.headers['user-agent'] ?? '') };
    arrivals.push(arrival);
    if (paramError) {
      res.status(400).json({ code: 'PARAM_ERROR', message: 'audit_result: the receiver refuses this value', detail: { field: 'audit_result' } });
      return;
    }
    const hold = holds.get(outRequestNo);
    if (hold === undefined) return next();
    holds.delete(outRequestNo);
    hold.onArrive(arrival);
    void hold.gate.then(() => next());
  });
  app.use(
    createExpressMiddleware({
      senders: keys.senders,
      answerKeys: keys.answerKeys,
      inbox: createMemoryInbox(),
      rateLimiter: false,
      handler: ({ notification }) => {
        handled.push(notification.out_request_no);
        for (const waiter of countWaiters.filter((w) => handled.length >= w.n)) {
          countWaiters.splice(countWaiters.indexOf(waiter), 1);
          waiter.resolve();
        }
      },
    }),
  );
  let server: Server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  const receiver: TestReceiver = {
    url: `http://127.0.0.1:${port}${NOTIFY_PATH}`,
    arrivals,
    handled,
    refuseWithParamError: () => {
      paramError = true;
    },
    acceptAgain: () => {
      paramError = false;
    },
    hold(outRequestNo) {
      let release: () => void = () => undefined;
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      const arrived = new Promise<Arrival>((resolve) => holds.set(outRequestNo, { gate, onArrive: resolve }));
      return { arrived, release };
    },
    handledCount: (n) => (handled.length >= n ? Promise.resolve() : new Promise((resolve) => countWaiters.push({ n, resolve }))),
    async down() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    async up() {
      server = app.listen(port, '127.0.0.1');
      await once(server, 'listening');
    },
    async close() {
      if (!server.listening) return;
      await receiver.down();
    },
  };
  return receiver;
}

/** The most arrivals within any window of `durationMs` (half-open), from the receiver's own clock. */
export function maxInWindow(times: number[], durationMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while ((sorted[end] as number) - (sorted[start] as number) >= durationMs) start++;
    most = Math.max(most, end - start + 1);
  }
  return most;
}

/** n valid notifications for the test key set's mchid. */
export function notifications(mchid: string, n: number, prefix: string): { out_request_no: string; mchid: string; audit_result: 'PASS' }[] {
  return Array.from({ length: n }, (_, i) => ({ out_request_no: `${prefix}-${String(i).padStart(4, '0')}`, mchid, audit_result: 'PASS' as const }));
}
