// deno run --allow-net --allow-env --allow-read examples/deno.ts
import { importPrivateKey, importPublicKey } from '@auditnotify/core';
import { createFetchHandler } from '../src/index.js';

const env = (name: string): string => Deno.env.get(name) ?? '';

const handle = createFetchHandler({
  senders: [{ serialNo: env('SENDER_SERIAL'), publicKey: await importPublicKey(env('SENDER_PUBLIC_KEY')) }],
  answerKeys: [{ id: env('ANSWER_KEY_ID'), privateKey: await importPrivateKey(env('ANSWER_KEY')) }],
  handler: async ({ notification }) => {
    // Save it here, idempotently on out_request_no. Throw to answer 500: the sender retries.
    console.log('audit result', notification.out_request_no, notification.audit_result);
  },
});

Deno.serve(
  { hostname: '127.0.0.1', port: Number(env('PORT') || 8000), onListen: ({ hostname, port }) => console.log(`listening http://${hostname}:${port}`) },
  handle,
);
