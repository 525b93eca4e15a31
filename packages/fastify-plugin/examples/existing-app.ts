// An existing Fastify 5 app that adds the audit-result notification endpoint in one register call.
import Fastify from 'fastify';
import { createFastifyPlugin } from '../src/index.js';

const env = (name: string): string => process.env[name] ?? '';

const app = Fastify(); // your existing app, its routes, hooks and parsers

await app.register(
  createFastifyPlugin({
    // Who may call: the sender's certificate serial (`serial_no` of its Authorization header) and its certificate.
    senders: [{ serialNo: env('SENDER_SERIAL'), publicKey: env('SENDER_CERT') }],
    // What answers are signed with: the private key whose public half the sender knows by this id.
    answerKeys: [{ id: env('ANSWER_KEY_ID'), privateKey: env('ANSWER_KEY') }],
    // Runs only for a verified, schema-valid notification. Throw to answer 500: the sender retries.
    handler: async ({ notification, requestId }) => {
      app.log.info({ requestId, outRequestNo: notification.out_request_no, auditResult: notification.audit_result }, 'audit result');
    },
  }),
);

// The app's own routes keep Fastify's JSON parsing: the plugin's raw-body parser stays inside the plugin.
app.post('/orders', async (request) => ({ received: request.body }));

const address = await app.listen({ host: '127.0.0.1', port: Number(env('PORT') || 3000) });
console.log(`listening ${address}`);
