// A Cloudflare Worker; the keys are secrets:
//   wrangler secret put SENDER_PUBLIC_KEY   (and SENDER_SERIAL, ANSWER_KEY_ID, ANSWER_KEY)
import { importPrivateKey, importPublicKey } from '@auditnotify/core';
import { createFetchHandler, type FetchHandler } from '../src/index.js';

interface Env {
  SENDER_SERIAL: string;
  SENDER_PUBLIC_KEY: string;
  ANSWER_KEY_ID: string;
  ANSWER_KEY: string;
}

async function createHandler(env: Env): Promise<FetchHandler> {
  return createFetchHandler({
    senders: [{ serialNo: env.SENDER_SERIAL, publicKey: await importPublicKey(env.SENDER_PUBLIC_KEY) }],
    answerKeys: [{ id: env.ANSWER_KEY_ID, privateKey: await importPrivateKey(env.ANSWER_KEY) }],
    handler: async ({ notification }) => {
      console.log('audit result', notification.out_request_no, notification.audit_result);
    },
  });
}

let handle: Promise<FetchHandler> | undefined;

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    // Secrets arrive with the first request: the handler is built once per isolate, then reused.
    handle ??= createHandler(env);
    return (await handle)(request);
  },
};
