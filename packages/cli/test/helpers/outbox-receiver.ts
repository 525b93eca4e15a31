// A real receiver for the `auditnotify outbox` tests: @auditnotify/express in an Express app on 127.0.0.1,
// trusting the sender of a key set written by `auditnotify keygen`, with core's memory inbox so a notification
// sent twice on the wire is handled once. It records every arrival (out_request_no, User-Agent) and every
// handled notification, can answer 400 PARAM_ERROR, and can hold one notification until released.
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import express from 'express';
import { createMemoryInbox } from '@auditnotify/core';
import { createExpressMiddleware } from '@auditnotify/express';
import { NOTIFY_PATH, readManifest } from './cli.js';

export interface OutboxReceiver {
  url: string;
  arrivals: string[];
  handled: string[];
  refuseWithParamError(on: boolean): void;
  /** Hold the next request of this out_request_no until `release()`; `arrived` resolves once it is held. */
  hold(outRequestNo: string): { arrived: Promise<void>; release: () => void };
  close(): Promise<void>;
}

export async function startOutboxReceiver(keysDir: string): Promise<OutboxReceiver> {
  const manifest = readManifest(keysDir);
  const arrivals: string[] = [];
  const handled: string[] = [];
  const holds = new Map<string, { gate: Promise<void>; onArrive: () => void }>();
  let paramError = false;
  const app = express();
  app.use(express.raw({ type: () => true }));
  app.use((req, res, next) => {
    let outRequestNo = '';
    try {
      outRequestNo = String((JSON.parse((req.body as Buffer).toString('utf8')) as { out_request_no?: unknown }).out_request_no ?? '');
    } catch {
      // Not JSON: the receiver refuses it.
    }
    arrivals.push(outRequestNo);
    if (paramError) {
      res.status(400).json({ code: 'PARAM_ERROR', message: 'audit_result: the receiver refuses this value', detail: { field: 'audit_result' } });
      return;
    }
    const hold = holds.get(outRequestNo);
    if (hold === undefined) return next();
    holds.delete(outRequestNo);
    hold.onArrive();
    void hold.gate.then(() => next());
  });
  app.use(
    createExpressMiddleware({
      senders: [{ serialNo: manifest.serial_no, publicKey: { path: join(keysDir, 'sender', 'apiclient_cert.pem') }, mchids: [manifest.mchid] }],
      answerKeys: [{ id: manifest.wechatpay_public_key_id, privateKey: { path: join(keysDir, 'receiver', 'wxp_key.pem') } }],
      inbox: createMemoryInbox(),
      rateLimiter: false,
      handler: ({ notification }) => void handled.push(notification.out_request_no),
    }),
  );
  const server: Server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${NOTIFY_PATH}`,
    arrivals,
    handled,
    refuseWithParamError: (on) => {
      paramError = on;
    },
    hold(outRequestNo) {
      let release: () => void = () => undefined;
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      const arrived = new Promise<void>((resolve) => holds.set(outRequestNo, { gate, onArrive: resolve }));
      return { arrived, release };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
