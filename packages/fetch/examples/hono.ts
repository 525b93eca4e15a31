// A Hono app with the notification on one route; export default app serves it on Bun, Deno and Workers,
// and serve({ fetch: app.fetch }) from @hono/node-server on Node.
import { Hono } from 'hono';
import { NOTIFY_PATH, importPrivateKey, importPublicKey } from '@auditnotify/core';
import { createFetchHandler } from '../src/index.js';

const env = (name: string): string => process.env[name] ?? '';

const handle = createFetchHandler({
  senders: [{ serialNo: env('SENDER_SERIAL'), publicKey: await importPublicKey(env('SENDER_PUBLIC_KEY')) }],
  answerKeys: [{ id: env('ANSWER_KEY_ID'), privateKey: await importPrivateKey(env('ANSWER_KEY')) }],
  handler: async ({ notification }) => {
    console.log('audit result', notification.out_request_no, notification.audit_result);
  },
});

const app = new Hono();
// Mount it on the route with c.req.raw, the Request as received, before anything reads its body.
app.all(NOTIFY_PATH, (c) => handle(c.req.raw)); // every method: other methods get the signed 405
// The app's own routes read their bodies as usual.
app.post('/orders', async (c) => c.json({ received: await c.req.json() }));

export default app;
