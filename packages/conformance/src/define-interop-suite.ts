import { generateKeyPairSync } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Wechatpay } from 'wechatpay-axios-plugin';
import { NOTIFY_PATH } from '@auditnotify/core';
import type { NotifyContext } from '@auditnotify/core';
import { generateTestKeys, sampleNotification } from '@auditnotify/core/testing';
import type { ConformanceApp, ConformanceTarget, PluginOptions } from './define-conformance-suite.js';

/**
 * An adapter under the interop suite: its name and the same `createApp` it gives `defineConformanceSuite`.
 *
 * @example
 * ```ts
 * const target: InteropTarget = { name: 'koa', createApp: startKoaApp };
 * ```
 */
export type InteropTarget = Pick<ConformanceTarget, 'name' | 'createApp'>;

/**
 * Defines the interop suite (vitest `describe`/`it`) of a receiver adapter against `wechatpay-axios-plugin`,
 * a WeChat Pay SDK nobody here wrote: the SDK signs the notification as a merchant client does and checks
 * the answer with its own response verifier, on a real app on 127.0.0.1 port 0. A control case shows that
 * its verifier does reject an answer signed with a key other than the one it expects.
 *
 * @example
 * ```ts
 * // packages/koa-plugin/test/interop-wechatpay-axios-plugin.test.ts
 * import { defineInteropSuite } from '@auditnotify/conformance';
 * defineInteropSuite({ name: 'koa', createApp: startKoaApp });
 * ```
 */
export function defineInteropSuite(target: InteropTarget): void {
  // The SDK signs requests the way real merchant clients do (JSON.stringify once, Authorization over
  // path + query) and checks every 2xx answer with its own verifier (its `certs` map of
  // `{ [PUB_KEY_ID]: publicKey }`, ±300 s, RSA-SHA256 over ts\nnonce\nbody\n; protocol.md §4).
  describe(`${target.name} adapter interop with wechatpay-axios-plugin (an independent WeChat Pay SDK)`, () => {
    let keys: ReturnType<typeof generateTestKeys>;
    let app: ConformanceApp | undefined;
    const handled: NotifyContext[] = [];

    beforeAll(() => {
      keys = generateTestKeys();
    });
    afterEach(async () => {
      await app?.close();
      app = undefined;
      handled.length = 0;
    });

    async function start(): Promise<string> {
      const options: PluginOptions = {
        senders: [{ serialNo: keys.serialNo, publicKey: keys.sender.certificatePem }],
        answerKeys: [{ id: keys.wechatpayPublicKeyId, privateKey: keys.receiver.privateKeyPem }],
        handler: (context) => void handled.push(context),
      };
      app = await target.createApp(options);
      return `${app.url}/`;
    }

    function merchantClient(baseURL: string, answerPublicKey: string): Wechatpay {
      return new Wechatpay({
        mchid: keys.mchid,
        serial: keys.serialNo,
        privateKey: keys.sender.privateKeyPem,
        certs: { [keys.wechatpayPublicKeyId]: answerPublicKey },
        baseURL,
      });
    }

    // The SDK's chain addresses an endpoint by its path segments: v3/aggracct-bc/wb-channel/…/notify.
    function endpoint(wxpay: Wechatpay): Wechatpay {
      const node = wxpay[NOTIFY_PATH.slice(1)];
      if (node === undefined) throw new Error('the SDK chain has no node for the notify path');
      return node;
    }

    it('accepts a notification the SDK signed, and the SDK verifies our signed answer', async () => {
      const wxpay = merchantClient(await start(), keys.receiver.publicKeyPem);
      const notification = { ...sampleNotification(), out_request_no: '请求单号-interop' };
      const response = await endpoint(wxpay).post(notification, {
        headers: { 'Wechatpay-Serial': keys.wechatpayPublicKeyId },
      });
      expect(response.status).toBe(200);
      expect(response.data).toEqual({ ret_msg: 'SUCC' });
      expect(handled).toHaveLength(1);
      expect(handled[0]?.notification.out_request_no).toBe('请求单号-interop');
      // The SDK serialises once with JSON.stringify: we verified exactly those bytes.
      expect(Buffer.from(handled[0]?.raw ?? []).toString('utf8')).toBe(JSON.stringify(notification));
    });

    it('is reached through the SDK’s plain request() with the endpoint path, without Wechatpay-Serial', async () => {
      const wxpay = merchantClient(await start(), keys.receiver.publicKeyPem);
      const response = await wxpay.client.request(NOTIFY_PATH, 'POST', sampleNotification(), {});
      expect(response.status).toBe(200);
      expect(response.headers['wechatpay-serial']).toBe(keys.wechatpayPublicKeyId);
    });

    it('is refused by the SDK’s verifier when the SDK expects another answer key (the check is real)', async () => {
      const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' });
      const wxpay = merchantClient(await start(), otherKey.toString());
      const failure = await endpoint(wxpay)
        .post(sampleNotification())
        .then(() => undefined, (error: { code?: string }) => error);
      expect(failure?.code).toBe('EV3_RES_HEADER_SIGNATURE_DIGEST');
      // Processed all the same: the sender must not resend with a new out_request_no (protocol.md §4).
      expect(handled).toHaveLength(1);
    });
  });
}
