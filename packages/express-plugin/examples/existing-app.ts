// An existing Express 5 app that adds the audit-result notification endpoint in a few lines.
//
//   npx tsx examples/existing-app.ts              (from packages/express-plugin; PORT defaults to 3000)
//
// With real keys, set SENDER_SERIAL and SENDER_CERT_FILE (the bank channel's certificate or public key),
// ANSWER_KEY_ID (PUB_KEY_ID_…) and ANSWER_KEY_FILE (the private key answers are signed with). Without them
// the example generates test keys and prints a signed curl command to try it.
import express from 'express';
import type { NotifyContext } from '@auditnotify/core';
import { createTestRequest, generateTestKeys } from '@auditnotify/core/testing';
import { createExpressMiddleware } from '../src/index.js';

const port = Number(process.env.PORT ?? 3000);
const testKeys = process.env.SENDER_SERIAL === undefined ? generateTestKeys() : undefined;

const app = express();

// Routes the app already had.
app.get('/', (_req, res) => void res.send('existing app'));

// The notification endpoint: before any body parser, so it can read the raw bytes the signature covers.
app.use(
  createExpressMiddleware({
    senders: testKeys?.senders ?? [
      { serialNo: process.env.SENDER_SERIAL ?? '', publicKey: { path: process.env.SENDER_CERT_FILE ?? '' } },
    ],
    answerKeys: testKeys?.answerKeys ?? [
      { id: process.env.ANSWER_KEY_ID ?? '', privateKey: { path: process.env.ANSWER_KEY_FILE ?? '' } },
    ],
    handler: async ({ notification, requestId }: NotifyContext) => {
      // Idempotent on out_request_no: a 500 makes the sender retry the same notification.
      console.log(`[notify] ${requestId} ${notification.out_request_no}: ${notification.audit_result}`);
    },
    onRejected: (event) => console.warn(`[notify] refused ${event.status} ${event.code}: ${event.message}`),
    onError: (_error, event) => console.error(`[notify] failed ${event.status} ${event.code}: ${event.message}`),
  }),
);

// The app's own body parser and API, untouched by the plugin.
app.use(express.json());
app.post('/api/orders', (req, res) => void res.status(201).json({ received: req.body as unknown }));

app.listen(port, '127.0.0.1', async () => {
  console.log(`existing app listening on http://127.0.0.1:${port}`);
  if (testKeys === undefined) return;
  const request = await createTestRequest({ keys: testKeys });
  const headers = Object.entries(request.headers)
    .map(([name, value]) => `-H '${name}: ${value}'`)
    .join(' ');
  console.log('try it (signed with generated test keys, valid for 5 minutes):');
  console.log(`curl -i -X POST 'http://127.0.0.1:${port}${request.url}' ${headers} --data-binary '${Buffer.from(request.body).toString('utf8')}'`);
});
