// The servers of the benchmark, one request listener per kind; the harness of @auditnotify/conformance runs
// each in its own child process (transpiled to plain JavaScript on the built plugin) and samples its peak RSS.
import { constants, createPrivateKey, createPublicKey, randomBytes, sign, verify } from 'node:crypto';
import Koa from 'koa';
import { NOTIFY_PATH } from '@auditnotify/core';
import type { BenchKeys, BenchServerFactory, ServerKind } from '@auditnotify/conformance/bench';
import { createKoaMiddleware } from '../src/index.js';

// `handwritten-sync` signs with `crypto.sign()` inline; `handwritten` with its callback form (thread pool), as core does.
function buildApp(kind: ServerKind, keys: BenchKeys): Koa {
  const app = new Koa();
  if (kind === 'bare') {
    app.use((ctx) => {
      if (ctx.method !== 'POST' || ctx.path !== NOTIFY_PATH) return;
      ctx.type = 'application/json';
      ctx.body = '{"ret_msg":"SUCC"}';
    });
  } else if (kind === 'plugin') {
    app.use(
      createKoaMiddleware({
        senders: [{ serialNo: keys.serialNo, publicKey: keys.senderCertificatePem }],
        answerKeys: [{ id: keys.answerKeyId, privateKey: keys.answerPrivateKeyPem }],
        handler: () => undefined,
        // Every benchmark request comes from one mchid, far above the endpoint's 200 a minute.
        rateLimiter: false,
      }),
    );
  } else {
    // What an integrator would write by hand with node:crypto: raw body, parse Authorization, check serial
    // and window, verify, parse JSON, sign the answer (keys loaded once, as the plugin does).
    const publicKey = createPublicKey(keys.senderCertificatePem);
    const privateKey = createPrivateKey(keys.answerPrivateKeyPem);
    app.use(async (ctx) => {
      if (ctx.method !== 'POST' || ctx.path !== NOTIFY_PATH) return;
      const chunks: Buffer[] = [];
      let length = 0;
      for await (const chunk of ctx.req) {
        length += (chunk as Buffer).length;
        if (length > 65_536) ctx.throw(413);
        chunks.push(chunk as Buffer);
      }
      const raw = Buffer.concat(chunks);
      const match = /^WECHATPAY2-SHA256-RSA2048 (.+)$/.exec(ctx.get('authorization'));
      const fields: Record<string, string> = {};
      for (const pair of match?.[1]?.split(',') ?? []) {
        const at = pair.indexOf('=');
        fields[pair.slice(0, at)] = pair.slice(at + 2, -1);
      }
      const timestamp = Number(fields.timestamp);
      const message = Buffer.concat([
        Buffer.from(`POST\n${ctx.originalUrl}\n${fields.timestamp}\n${fields.nonce_str}\n`),
        raw,
        Buffer.from('\n'),
      ]);
      const signature = Buffer.from(fields.signature ?? '', 'base64');
      if (
        fields.serial_no !== keys.serialNo ||
        !(Math.abs(Date.now() / 1000 - timestamp) < 300) ||
        !verify('sha256', message, { key: publicKey, padding: constants.RSA_PKCS1_PADDING }, signature)
      ) {
        ctx.status = 401;
        ctx.body = { code: 'SIGN_ERROR', message: 'refused' };
        return;
      }
      JSON.parse(raw.toString('utf8'));
      const body = '{"ret_msg":"SUCC"}';
      const answerTimestamp = String(Math.floor(Date.now() / 1000));
      const nonce = randomBytes(16).toString('hex');
      const answerMessage = Buffer.from(`${answerTimestamp}\n${nonce}\n${body}\n`);
      const answerSignature =
        kind === 'handwritten-sync'
          ? sign('sha256', answerMessage, privateKey)
          : await new Promise<Buffer>((resolve, reject) =>
              sign('sha256', answerMessage, privateKey, (error, signature) => (error ? reject(error) : resolve(signature))),
            );
      ctx.set({
        'Wechatpay-Timestamp': answerTimestamp,
        'Wechatpay-Nonce': nonce,
        'Wechatpay-Signature': answerSignature.toString('base64'),
        'Wechatpay-Serial': keys.answerKeyId,
        'Wechatpay-Signature-Type': 'WECHATPAY2-SHA256-RSA2048',
      });
      ctx.type = 'application/json';
      ctx.body = body;
    });
  }
  return app;
}

/**
 * One kind of benchmark server as a request listener (the harness listens on 127.0.0.1 port 0).
 *
 * @example
 * ```ts
 * createServer(createBenchServer('plugin', keys)).listen(0, '127.0.0.1');
 * ```
 */
export const createBenchServer: BenchServerFactory = (kind, keys) => buildApp(kind, keys).callback();
