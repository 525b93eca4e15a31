// bun run examples/bun.ts
import { importPrivateKey, importPublicKey } from '@auditnotify/core';
import { createFetchHandler } from '../src/index.js';

const env = (name: string): string => process.env[name] ?? '';

const handle = createFetchHandler({
  senders: [{ serialNo: env('SENDER_SERIAL'), publicKey: await importPublicKey(env('SENDER_PUBLIC_KEY')) }],
  answerKeys: [{ id: env('ANSWER_KEY_ID'), privateKey: await importPrivateKey(env('ANSWER_KEY')) }],
  handler: async ({ notification }) => {
    // Save it here, idempotently on out_request_no. Throw to answer 500: the sender retries.
    console.log('audit result', notification.out_request_no, notification.audit_result);
  },
});

const server = Bun.serve({ hostname: '127.0.0.1', port: Number(env('PORT') || 3000), fetch: handle });
console.log(`listening http://127.0.0.1:${server.port}`);
