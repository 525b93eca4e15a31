// The receiver of the outbox benchmark, in its own process so that its RSA work does not share the sender's
// event loop: @auditnotify/express in Express on 127.0.0.1 with core's memory inbox and no rate limit. Keys
// come in RECEIVER_SETTINGS; prints "listening PORT".
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createMemoryInbox, loadCertificate, loadPrivateKey } from '@auditnotify/core';
import { createExpressMiddleware } from '@auditnotify/express';

const settings = JSON.parse(process.env.RECEIVER_SETTINGS ?? '{}') as { mchid: string; serialNo: string; senderCertificatePem: string; answerKeyId: string; answerKeyPem: string };
const app = express();
app.use(
  createExpressMiddleware({
    senders: [{ serialNo: settings.serialNo, publicKey: loadCertificate(settings.senderCertificatePem).publicKey, mchids: [settings.mchid] }],
    answerKeys: [{ id: settings.answerKeyId, privateKey: loadPrivateKey(settings.answerKeyPem) }],
    inbox: createMemoryInbox(),
    rateLimiter: false,
    handler: () => undefined,
  }),
);
const server = app.listen(0, '127.0.0.1', () => process.stdout.write(`listening ${(server.address() as AddressInfo).port}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
