// What an integrator would write by hand with node:crypto for the notify endpoint, framework-free so that each
// framework's benchmark wraps the same code: parse Authorization, check serial and window, verify the request
// over the raw bytes, parse the JSON, sign the answer. Keys are loaded once, as the plugins do. It imports
// node:crypto only: it runs inside the measured server processes.
import { constants, createPrivateKey, createPublicKey, randomBytes, sign, verify } from 'node:crypto';
import type { BenchKeys } from './types.js';

/**
 * The answer the hand-written route sends.
 *
 * @example
 * ```ts
 * const { status, headers, body }: HandwrittenAnswer = await answer(url, authorization, rawBody);
 * ```
 */
export interface HandwrittenAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Builds the hand-written route's logic for `keys`: `sync` signs with `crypto.sign()` inline, otherwise with
 * its callback form on the thread pool, as core's node engine does.
 *
 * @example
 * ```ts
 * const answer = createHandwrittenNotify(keys, { sync: false });
 * const { status, headers, body } = await answer(req.url, req.headers.authorization, rawBody);
 * ```
 */
export function createHandwrittenNotify(
  keys: BenchKeys,
  { sync }: { sync: boolean },
): (url: string, authorization: string | undefined, body: Buffer) => Promise<HandwrittenAnswer> {
  const publicKey = createPublicKey(keys.senderCertificatePem);
  const privateKey = createPrivateKey(keys.answerPrivateKeyPem);
  const refused: HandwrittenAnswer = { status: 401, headers: { 'Content-Type': 'application/json' }, body: '{"code":"SIGN_ERROR","message":"refused"}' };
  return async (url, authorization, body) => {
    const match = /^WECHATPAY2-SHA256-RSA2048 (.+)$/.exec(authorization ?? '');
    const fields: Record<string, string> = {};
    for (const pair of match?.[1]?.split(',') ?? []) {
      const at = pair.indexOf('=');
      fields[pair.slice(0, at)] = pair.slice(at + 2, -1);
    }
    const timestamp = Number(fields.timestamp);
    if (fields.serial_no !== keys.serialNo || !(Math.abs(Date.now() / 1000 - timestamp) < 300)) return refused;
    const message = Buffer.concat([Buffer.from(`POST\n${url}\n${fields.timestamp}\n${fields.nonce_str}\n`), body, Buffer.from('\n')]);
    const signature = Buffer.from(fields.signature ?? '', 'base64');
    if (!verify('sha256', message, { key: publicKey, padding: constants.RSA_PKCS1_PADDING }, signature)) return refused;
    JSON.parse(body.toString('utf8'));
    const answer = '{"ret_msg":"SUCC"}';
    const answerTimestamp = String(Math.floor(Date.now() / 1000));
    const nonce = randomBytes(16).toString('hex');
    const answerMessage = Buffer.from(`${answerTimestamp}\n${nonce}\n${answer}\n`);
    const answerSignature = sync
      ? sign('sha256', answerMessage, privateKey)
      : await new Promise<Buffer>((resolve, reject) => sign('sha256', answerMessage, privateKey, (error, signed) => (error ? reject(error) : resolve(signed))));
    return {
      status: 200,
      headers: {
        'Content-Type': 'application/json',
        'Wechatpay-Timestamp': answerTimestamp,
        'Wechatpay-Nonce': nonce,
        'Wechatpay-Signature': answerSignature.toString('base64'),
        'Wechatpay-Serial': keys.answerKeyId,
        'Wechatpay-Signature-Type': 'WECHATPAY2-SHA256-RSA2048',
      },
      body: answer,
    };
  };
}
