// A Cloudflare Worker (wrangler.toml: compatibility_flags = ["nodejs_compat"]); the keys are secrets:
//   wrangler secret put SENDER_CERT   (and SENDER_SERIAL, ANSWER_KEY_ID, ANSWER_KEY)
import { createFetchHandler, type FetchHandler } from '../src/index.js';

interface Env {
  SENDER_SERIAL: string;
  SENDER_CERT: string;
  ANSWER_KEY_ID: string;
  ANSWER_KEY: string;
}

let handle: FetchHandler | undefined;

export default {
  fetch(request: Request, env: Env): Promise<Response> {
    // Secrets arrive with the first request: the handler is built once per isolate, then reused.
    handle ??= createFetchHandler({
      senders: [{ serialNo: env.SENDER_SERIAL, publicKey: env.SENDER_CERT }],
      answerKeys: [{ id: env.ANSWER_KEY_ID, privateKey: env.ANSWER_KEY }],
      handler: async ({ notification }) => {
        console.log('audit result', notification.out_request_no, notification.audit_result);
      },
    });
    return handle(request);
  },
};
