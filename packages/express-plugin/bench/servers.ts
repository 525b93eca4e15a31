// The servers of the benchmark, one request listener per kind; the harness of @auditnotify/conformance runs
// each in its own child process (transpiled to plain JavaScript on the built plugin) and samples its peak RSS.
import { constants, createPrivateKey, createPublicKey, randomBytes, sign, verify } from 'node:crypto';
import express from 'express';
import { NOTIFY_PATH } from '@auditnotify/core';
import type { BenchKeys, BenchServerFactory, ServerKind } from '@auditnotify/conformance/bench';
import { createExpressMiddleware } from '../src/index.js';

// `handwritten-sync` signs with `crypto.sign()` inline; `handwritten` with its callback form (thread pool), as core does.
function buildApp(kind: ServerKind, keys: BenchKeys): express.Express {
  const app = express();
  if (kind === 'bare') {
    app.post(NOTIFY_PATH, (_req, res) => void res.type('application/json').send('{"ret_msg":"SUCC"}'));
  } else if (kind === 'plugin') {
    app.use(
      createExpressMiddleware({
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
    app.post(NOTIFY_PATH, express.raw({ type: 'application/json', limit: 65_536 }), async (req, res) => {
      const match = /^WECHATPAY2-SHA256-RSA2048 (.+)$/.exec(req.headers.authorization ?? '');
      const fields: Record<string, string> = {};
      for (const pair of match?.[1]?.split(',') ?? []) {
        const at = pair.indexOf('=');
        fields[pair.slice(0, at)] = pair.slice(at + 2, -1);
      }
      const timestamp = Number(fields.timestamp);
      if (fields.serial_no !== keys.serialNo || !(Math.abs(Date.now() / 1000 - timestamp) < 300)) {
        return void res.status(401).json({ code: 'SIGN_ERROR', message: 'refused' });
      }
      const message = Buffer.concat([
        Buffer.from(`POST\n${req.originalUrl}\n${fields.timestamp}\n${fields.nonce_str}\n`),
        req.body as Buffer,
        Buffer.from('\n'),
      ]);
      const signature = Buffer.from(fields.signature ?? '', 'base64');
      if (!verify('sha256', message, { key: publicKey, padding: constants.RSA_PKCS1_PADDING }, signature)) {
        return void res.status(401).json({ code: 'SIGN_ERROR', message: 'refused' });
      }
      JSON.parse((req.body as Buffer).toString('utf8'));
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
      res
        .set({
          'Wechatpay-Timestamp': answerTimestamp,
          'Wechatpay-Nonce': nonce,
          'Wechatpay-Signature': answerSignature.toString('base64'),
          'Wechatpay-Serial': keys.answerKeyId,
          'Wechatpay-Signature-Type': 'WECHATPAY2-SHA256-RSA2048',
        })
        .type('application/json')
        .send(body);
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
export const createBenchServer: BenchServerFactory = (kind, keys) => buildApp(kind, keys);
