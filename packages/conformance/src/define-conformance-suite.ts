import { readFileSync } from 'node:fs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { NOTIFY_PATH, createClient, isAuditNotifyError } from '@auditnotify/core';
import type { AcceptedEvent, NotifyContext, ReceiverOptions, RejectedEvent } from '@auditnotify/core';
import { createTestRequest, generateTestKeys, sampleNotification } from '@auditnotify/core/testing';
import { createCountingRelay } from './counting-relay.js';
import { abandonBody, send, sendEndlessBody, sendRepeatingHeaders, type ClientAnswer, type ClientRequest } from './http-client.js';
import { opensslVerify } from './openssl-verify.js';

/**
 * Options every adapter takes: all of core's `ReceiverOptions` plus the adapter's own two.
 *
 * @example
 * ```ts
 * const options: PluginOptions = { senders, answerKeys, handler, proxyPrefix: { strip: '/internal' } };
 * ```
 */
export interface PluginOptions extends ReceiverOptions {
  proxyPrefix?: { strip?: string; add?: string };
  logger?: { warn(message: string): void };
  onAborted?: (event: { url: string; receivedBytes: number; declaredBytes?: number }) => void;
}

/**
 * How the app under test is built besides the plugin.
 *
 * @example
 * ```ts
 * const setup: AppSetup = { bodyParserFirst: 'json' }; // express.json() before the plugin
 * ```
 */
export interface AppSetup {
  /**
   * A body parser mounted before the plugin: `'json'` parses JSON and keeps no raw bytes (`express.json()`);
   * `'raw'` keeps the exact bytes where the adapter looks for them (`express.raw()` / `ctx.request.rawBody`).
   */
  bodyParserFirst?: 'json' | 'raw';
}

/**
 * A running app: its base URL (`http://127.0.0.1:PORT`) and how to stop it.
 *
 * @example
 * ```ts
 * const app: ConformanceApp = { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
 * ```
 */
export interface ConformanceApp {
  url: string;
  close(): Promise<void>;
}

/**
 * An adapter under test. `createApp` starts a real app on 127.0.0.1 port 0 that mounts the plugin made with
 * `options` and also serves, for the pass-through checks: `GET /health` → `200 ok`; `POST /echo` → `200` with
 * the request body echoed byte for byte; anything else → `404` with body `app: METHOD URL`.
 *
 * @example
 * ```ts
 * defineConformanceSuite({ name: 'express', createMiddleware: createExpressMiddleware, createApp: startExpressApp });
 * ```
 */
export interface ConformanceTarget {
  name: string;
  /** The plugin factory itself, for the start-up validation checks (it must throw synchronously). */
  createMiddleware(options: PluginOptions): unknown;
  createApp(options: PluginOptions, setup?: AppSetup): Promise<ConformanceApp>;
  /**
   * `false` for a server that never answers `Expect: 100-continue` (workerd): the disconnect-mid-body case then
   * sends its few bytes with the request head instead of after the server's `100 Continue`. Default `true`.
   */
  answersExpectContinue?: boolean;
  /**
   * `true` for a server that closes a connection whose body it did not read right after answering (workerd):
   * closing with unread bytes resets the connection, which can destroy the 413 before the sender reads it.
   * The 1 GiB cases then accept a reset, provided the receiver reported `BODY_TOO_LARGE` and only a sliver
   * of the body reached the server. Default `false`.
   */
  mayResetAfterRefusing?: boolean;
  /** The runtime may hand the body's first bytes over only once more arrive (Bun): a sender gone mid-body is reported with fewer bytes than it sent. */
  buffersPartialBodies?: boolean;
}

type Keys = ReturnType<typeof generateTestKeys>;

interface Recorded {
  handled: NotifyContext[];
  accepted: AcceptedEvent[];
  rejected: RejectedEvent[];
  errors: { error: unknown; event: RejectedEvent }[];
  warnings: string[];
}

/** vectors.json request 2: pretty-printed, Chinese text, REJECT; signed over these exact bytes. */
const PRETTY_CHINESE_BODY =
  '{\n  "out_request_no": "请求单号-0001",\n  "mchid": "1900016681",\n  "audit_result": "REJECT",\n' +
  '  "audit_finish_time": "2025-09-15T09:30:00+08:00",\n  "fail_code": "1001",\n' +
  '  "fail_msg": "身份证件不合法 IDCARD_ILLEGAL"\n}';

const ONE_GIB = 1024 ** 3;

/**
 * The repository's openssl-made test vectors (test-vectors/ at the root): keys and signed requests. The path is
 * the same from src/ and from dist/, both two levels below the package folder.
 */
const vectorFile = (name: string): string => readFileSync(new URL(`../../../test-vectors/${name}`, import.meta.url), 'utf8');
interface VectorRequest {
  method: string;
  url: string;
  timestamp: string;
  body: string;
  authorization: string;
}

/**
 * Defines the one conformance suite of the receiver's HTTP adapters (vitest `describe`/`it`): real apps on
 * 127.0.0.1 port 0, real HTTP clients, `openssl` as the oracle of answer signatures, every row of
 * protocol.md §2, raw-body handling, routing, start-up validation, and the core client end to end.
 *
 * @example
 * ```ts
 * // packages/express-plugin/test/conformance.test.ts
 * import { defineConformanceSuite } from '@auditnotify/conformance';
 * defineConformanceSuite({ name: 'express', createMiddleware: createExpressMiddleware, createApp: startApp });
 * ```
 */
export function defineConformanceSuite(target: ConformanceTarget): void {
  describe(`${target.name} adapter conformance`, () => {
    let keys: Keys;
    let now: number;
    const running: ConformanceApp[] = [];

    beforeAll(() => {
      keys = generateTestKeys();
      now = Math.floor(Date.now() / 1000);
    });
    afterEach(async () => {
      await Promise.all(running.splice(0).map((app) => app.close()));
    });

    function baseOptions(recorded: Recorded, overrides: Partial<PluginOptions> = {}): PluginOptions {
      return {
        senders: [{ serialNo: keys.serialNo, publicKey: keys.sender.certificatePem }],
        answerKeys: [{ id: keys.wechatpayPublicKeyId, privateKey: keys.receiver.privateKeyPem }],
        handler: (context) => void recorded.handled.push(context),
        clock: () => now,
        onAccepted: (event) => void recorded.accepted.push(event),
        onRejected: (event) => void recorded.rejected.push(event),
        onError: (error, event) => void recorded.errors.push({ error, event }),
        logger: { warn: (message) => void recorded.warnings.push(message) },
        ...overrides,
      };
    }

    async function start(overrides: Partial<PluginOptions> = {}, setup: AppSetup = {}) {
      const recorded: Recorded = { handled: [], accepted: [], rejected: [], errors: [], warnings: [] };
      const app = await target.createApp(baseOptions(recorded, overrides), setup);
      running.push(app);
      return { app, recorded };
    }

    /** A request signed by the test sender, headers in lower case so tests can change them. */
    async function signed(
      options: { body?: string | Uint8Array; url?: string; timestamp?: number; nonce?: string } = {},
    ): Promise<ClientRequest & { headers: Record<string, string>; body: Uint8Array }> {
      const request = await createTestRequest({
        keys,
        body: options.body ?? JSON.stringify(sampleNotification()),
        url: options.url ?? NOTIFY_PATH,
        timestamp: options.timestamp ?? now,
        ...(options.nonce === undefined ? {} : { nonce: options.nonce }),
      });
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers as Record<string, string>)) {
        headers[name.toLowerCase()] = value;
      }
      return { method: request.method, url: request.url, headers, body: request.body };
    }

    function json(answer: ClientAnswer): { code?: string; message?: string; ret_msg?: string; detail?: Record<string, unknown> } {
      return JSON.parse(answer.text) as ReturnType<typeof json>;
    }

    /** The answer's Wechatpay-* signature checked by `openssl dgst -sha256 -verify` (protocol.md §4). */
    function expectSignedAnswer(
      answer: ClientAnswer,
      by: { id: string; publicKeyPem: string } = { id: keys.wechatpayPublicKeyId, publicKeyPem: keys.receiver.publicKeyPem },
    ): void {
      const h = answer.headers;
      expect(h['wechatpay-serial']).toBe(by.id);
      expect(h['wechatpay-signature-type']).toBe('WECHATPAY2-SHA256-RSA2048');
      expect(h['request-id']).toMatch(/\S/);
      const message = Buffer.concat([
        Buffer.from(`${h['wechatpay-timestamp']}\n${h['wechatpay-nonce']}\n`),
        answer.body,
        Buffer.from('\n'),
      ]);
      expect(opensslVerify(by.publicKeyPem, message, h['wechatpay-signature'] ?? '')).toBe(true);
    }

    /** No Wechatpay-* header: the request's signature was not verified, and WeChat Pay signs only answers to verified ones. */
    function expectUnsignedAnswer(answer: ClientAnswer): void {
      expect(Object.keys(answer.headers).filter((name) => name.toLowerCase().startsWith('wechatpay-'))).toEqual([]);
      expect(answer.headers['request-id']).toMatch(/\S/);
    }

    function expectRefusal(answer: ClientAnswer, status: number, wire: string, reason: string): void {
      expect({ status: answer.status, code: json(answer).code, reason: json(answer).detail?.reason }).toEqual({
        status,
        code: wire,
        reason,
      });
    }

    describe('accepted notifications', () => {
      it('accepts a valid PASS notification with 200 {"ret_msg":"SUCC"}, signed as openssl verifies', async () => {
        const { app, recorded } = await start();
        const request = await signed();
        const answer = await send(app.url, request);
        expect(answer.status).toBe(200);
        expect(answer.text).toBe('{"ret_msg":"SUCC"}');
        expectSignedAnswer(answer);
        expect(recorded.handled).toHaveLength(1);
        expect(recorded.handled[0]?.notification.audit_result).toBe('PASS');
        expect(Buffer.from(recorded.handled[0]?.raw ?? [])).toEqual(Buffer.from(request.body));
        expect(recorded.accepted[0]).toMatchObject({ status: 200, mchid: keys.mchid, auditResult: 'PASS' });
      });

      it('accepts a valid REJECT notification with 200 {"ret_msg":"SUCC"}, signed as openssl verifies', async () => {
        const { app, recorded } = await start();
        const notification = { ...sampleNotification(), audit_result: 'REJECT', fail_code: 'IDCARD_ILLEGAL', fail_msg: 'ID card invalid' };
        const answer = await send(app.url, await signed({ body: JSON.stringify(notification) }));
        expect(answer.status).toBe(200);
        expect(answer.text).toBe('{"ret_msg":"SUCC"}');
        expectSignedAnswer(answer);
        expect(recorded.handled[0]?.notification).toMatchObject({ audit_result: 'REJECT', fail_code: 'IDCARD_ILLEGAL' });
      });

      it('verifies a pretty-printed body with Chinese text over its raw bytes, never a re-serialisation', async () => {
        const { app, recorded } = await start();
        const request = await signed({ body: PRETTY_CHINESE_BODY });
        const answer = await send(app.url, request);
        expect(answer.status).toBe(200);
        expectSignedAnswer(answer);
        expect(Buffer.from(recorded.handled[0]?.raw ?? []).toString('utf8')).toBe(PRETTY_CHINESE_BODY);
        expect(recorded.handled[0]?.notification).toMatchObject({
          out_request_no: '请求单号-0001',
          fail_msg: '身份证件不合法 IDCARD_ILLEGAL',
        });
      });

      it('accepts the openssl-signed notifications of vectors.json byte for byte (clock pinned to each)', async () => {
        const vectors = JSON.parse(vectorFile('vectors.json')) as {
          serial_no: string;
          wechatpay_public_key_id: string;
          requests: VectorRequest[];
        };
        const answerKey = { id: vectors.wechatpay_public_key_id, publicKeyPem: vectorFile('receiver/wxp_pub.pem') };
        const notifications = vectors.requests.filter((request) => request.method === 'POST');
        expect(notifications.length).toBeGreaterThanOrEqual(2);
        let pinned = 0;
        const { app, recorded } = await start({
          senders: [{ serialNo: vectors.serial_no, publicKey: vectorFile('sender/apiclient_cert.pem') }],
          answerKeys: [{ id: answerKey.id, privateKey: vectorFile('receiver/wxp_key.pem') }],
          clock: () => pinned,
        });
        for (const vector of notifications) {
          pinned = Number(vector.timestamp);
          const answer = await send(app.url, {
            method: vector.method,
            url: vector.url,
            headers: { authorization: vector.authorization, 'content-type': 'application/json', 'wechatpay-serial': answerKey.id },
            body: vector.body,
          });
          expect(answer.status).toBe(200);
          expectSignedAnswer(answer, answerKey);
          expect(Buffer.from(recorded.handled.at(-1)?.raw ?? []).toString('utf8')).toBe(vector.body);
        }
        // Request 2 is the pretty-printed REJECT with Chinese text.
        expect(recorded.handled[1]?.notification).toMatchObject({ out_request_no: '请求单号-0001', audit_result: 'REJECT' });
      });

      it('verifies the URL with its query string exactly as sent', async () => {
        const { app } = await start();
        const answer = await send(app.url, await signed({ url: `${NOTIFY_PATH}?trace=a%2Cb&x=1` }));
        expect(answer.status).toBe(200);
      });

      it('uses the raw bytes a body parser kept (express.raw() / ctx.request.rawBody) when one ran first', async () => {
        const { app, recorded } = await start({}, { bodyParserFirst: 'raw' });
        const answer = await send(app.url, await signed({ body: PRETTY_CHINESE_BODY }));
        expect(answer.status).toBe(200);
        expect(recorded.handled).toHaveLength(1);
      });

      // A handler's ordinary return value (what a save returned) is never the answer nor a failure.
      for (const [kind, returned] of [
        ['an object', { id: 5, saved: true }],
        ['a number', 42],
        ['a string', 'ok'],
        ['a ret_msg-shaped object', { ret_msg: 'leaked' }],
      ] as const) {
        it(`answers exactly 200 {"ret_msg":"SUCC"} when the handler returns ${kind}`, async () => {
          const { app, recorded } = await start({ handler: async () => Promise.resolve(returned) });
          const answer = await send(app.url, await signed());
          expect({ status: answer.status, text: answer.text }).toEqual({ status: 200, text: '{"ret_msg":"SUCC"}' });
          expectSignedAnswer(answer);
          expect(recorded.errors).toEqual([]);
        });
      }

      it('sends the ret_msg the handler chose with answer()', async () => {
        const { app } = await start({ handler: ({ answer }) => answer('成功') });
        const answer = await send(app.url, await signed());
        expect(answer.status).toBe(200);
        expect(answer.text).toBe('{"ret_msg":"成功"}');
        expectSignedAnswer(answer);
      });
    });

    describe('every rejection of protocol.md §2', () => {
      it('rejects a body that breaks the schema with 400 PARAM_ERROR naming the field', async () => {
        const { app, recorded } = await start();
        const { out_request_no: _dropped, ...rest } = sampleNotification();
        const answer = await send(app.url, await signed({ body: JSON.stringify(rest) }));
        expectRefusal(answer, 400, 'PARAM_ERROR', 'PARAM_ERROR');
        expect(JSON.stringify(json(answer).detail)).toContain('out_request_no');
        expectSignedAnswer(answer);
        expect(recorded.handled).toHaveLength(0);
        expect(recorded.rejected[0]).toMatchObject({ code: 'PARAM_ERROR', status: 400 });
      });

      it('rejects a body that is not JSON with 400 INVALID_REQUEST', async () => {
        const { app } = await start();
        const answer = await send(app.url, await signed({ body: 'out_request_no=1' }));
        expectRefusal(answer, 400, 'INVALID_REQUEST', 'INVALID_JSON');
        expectSignedAnswer(answer);
      });

      it('rejects a body that is not UTF-8 with 400 INVALID_REQUEST', async () => {
        const { app } = await start();
        // GBK bytes of "请求" where UTF-8 is required (protocol.md §7.7: Chinese text encoded differently).
        const gbk = Buffer.concat([Buffer.from('{"out_request_no":"'), Buffer.from([0xc7, 0xeb, 0xc7, 0xf3]), Buffer.from('"}')]);
        const answer = await send(app.url, await signed({ body: gbk }));
        expectRefusal(answer, 400, 'INVALID_REQUEST', 'INVALID_ENCODING');
      });

      it('rejects a wrong Content-Type with 400 INVALID_REQUEST', async () => {
        const { app } = await start();
        const request = await signed();
        request.headers['content-type'] = 'text/plain';
        expectRefusal(await send(app.url, request), 400, 'INVALID_REQUEST', 'UNSUPPORTED_CONTENT_TYPE');
      });

      it('accepts an unknown Wechatpay-Serial (a sender during a key rotation) and signs the answer with the default key', async () => {
        const { app, recorded } = await start();
        const request = await signed();
        request.headers['wechatpay-serial'] = 'PUB_KEY_ID_0000000000000000000000000000000000';
        const answer = await send(app.url, request);
        expect({ status: answer.status, body: json(answer) }).toEqual({ status: 200, body: { ret_msg: 'SUCC' } });
        expectSignedAnswer(answer);
        expect(recorded.handled).toHaveLength(1);
      });

      it('rejects a missing Authorization with 401 SIGN_ERROR', async () => {
        const { app } = await start();
        const request = await signed();
        delete request.headers.authorization;
        const answer = await send(app.url, request);
        expectRefusal(answer, 401, 'SIGN_ERROR', 'AUTH_MISSING');
        expectUnsignedAnswer(answer);
      });

      it('rejects a second Authorization header with 401 SIGN_ERROR (multiple_headers), even when the first verifies', async () => {
        const { app, recorded } = await start();
        const request = await signed();
        const other = await signed();
        const answer = await sendRepeatingHeaders(app.url, { ...request, headers: { ...request.headers, authorization: [request.headers.authorization ?? '', other.headers.authorization ?? ''] } });
        expectRefusal(answer, 401, 'SIGN_ERROR', 'AUTH_MALFORMED');
        expect(json(answer).detail?.problem).toBe('multiple_headers');
        expectUnsignedAnswer(answer);
        expect(recorded.handled).toHaveLength(0);
      });

      it('rejects a malformed Authorization with 401 SIGN_ERROR', async () => {
        const { app } = await start();
        const request = await signed();
        // Single quotes instead of double (protocol.md §7.8).
        request.headers.authorization = request.headers.authorization?.replaceAll('"', "'") ?? '';
        expectRefusal(await send(app.url, request), 401, 'SIGN_ERROR', 'AUTH_MALFORMED');
      });

      it('rejects an unknown serial_no with 401 SIGN_ERROR', async () => {
        const { app } = await start();
        const request = await signed();
        request.headers.authorization = request.headers.authorization?.replace(keys.serialNo, '1'.repeat(40)) ?? '';
        expectRefusal(await send(app.url, request), 401, 'SIGN_ERROR', 'UNKNOWN_SERIAL');
      });

      it('rejects a signature that does not match the bytes received with 401 SIGN_ERROR and sign_information', async () => {
        const { app, recorded } = await start();
        const request = await signed();
        // Same length, one byte changed: what a re-serialising proxy or a wrong key looks like.
        request.body = Buffer.from(Buffer.from(request.body).toString('utf8').replace('PASS', 'PASs'));
        const answer = await send(app.url, request);
        expectRefusal(answer, 401, 'SIGN_ERROR', 'SIGNATURE_MISMATCH');
        expect(json(answer).detail?.sign_information).toMatchObject({ method: 'POST', url: NOTIFY_PATH });
        expectUnsignedAnswer(answer);
        expect(recorded.handled).toHaveLength(0);
      });

      it('rejects a timestamp 301 s old with 401 SIGN_ERROR (300 s is not over five minutes)', async () => {
        const { app } = await start();
        const answer = await send(app.url, await signed({ timestamp: now - 301 }));
        expectRefusal(answer, 401, 'SIGN_ERROR', 'TIMESTAMP_OUT_OF_WINDOW');
      });

      it('rejects a replayed request with 401 SIGN_ERROR', async () => {
        const { app, recorded } = await start();
        const request = await signed();
        expect((await send(app.url, request)).status).toBe(200);
        const replay = await send(app.url, request);
        expectRefusal(replay, 401, 'SIGN_ERROR', 'NONCE_REPLAYED');
        expectUnsignedAnswer(replay);
        expect(recorded.handled).toHaveLength(1);
      });

      it('rejects an mchid the sender key is not allowed for with 403 NO_AUTH', async () => {
        const { app } = await start({
          senders: [{ serialNo: keys.serialNo, publicKey: keys.sender.certificatePem, mchids: ['1000000001'] }],
        });
        expectRefusal(await send(app.url, await signed()), 403, 'NO_AUTH', 'MCHID_NOT_ALLOWED');
      });

      it('answers the 201st request of one mchid within a minute with 429 FREQUENCY_LIMITED (injected clock)', async () => {
        const { app, recorded } = await start();
        const statuses = new Set<number>();
        for (let i = 0; i < 200; i += 1) statuses.add((await send(app.url, await signed())).status);
        expect([...statuses]).toEqual([200]);
        const last = await send(app.url, await signed());
        expectRefusal(last, 429, 'FREQUENCY_LIMITED', 'RATE_LIMITED');
        expect(Number(last.headers['retry-after'])).toBeGreaterThan(0);
        expectSignedAnswer(last);
        expect(recorded.handled).toHaveLength(200);
        // A minute later on the injected clock the bucket is full again.
        now += 60;
        try {
          expect((await send(app.url, await signed())).status).toBe(200);
        } finally {
          now -= 60;
        }
      });

      it('answers 500 SYSTEM_ERROR when the handler throws, and accepts the same request on retry', async () => {
        let calls = 0;
        const { app, recorded } = await start({
          handler: () => {
            calls += 1;
            if (calls === 1) throw new Error('database unavailable');
          },
        });
        const request = await signed();
        const failed = await send(app.url, request);
        expectRefusal(failed, 500, 'SYSTEM_ERROR', 'HANDLER_FAILED');
        expectSignedAnswer(failed);
        expect(recorded.errors[0]?.event.code).toBe('HANDLER_FAILED');
        const retried = await send(app.url, request);
        expect(retried.status).toBe(200);
        expect(retried.text).toBe('{"ret_msg":"SUCC"}');
        expect(calls).toBe(2);
      });

      it('reports rejections to onRejected with the code and no key material', async () => {
        const { app, recorded } = await start();
        const request = await signed();
        delete request.headers.authorization;
        await send(app.url, request);
        expect(recorded.rejected).toEqual([expect.objectContaining({ code: 'AUTH_MISSING', status: 401 })]);
        expect(JSON.stringify(recorded.rejected)).not.toMatch(/PRIVATE KEY|BEGIN/);
      });
    });

    describe('raw body', () => {
      it('answers 500 RAW_BODY_UNAVAILABLE when a JSON body parser ran first, and logs how to fix the order', async () => {
        const { app, recorded } = await start({}, { bodyParserFirst: 'json' });
        const answer = await send(app.url, await signed());
        expectRefusal(answer, 500, 'SYSTEM_ERROR', 'RAW_BODY_UNAVAILABLE');
        expectUnsignedAnswer(answer);
        expect(recorded.handled).toHaveLength(0);
        expect(recorded.warnings.join('\n')).toMatch(/before/);
        expect(recorded.errors[0]?.event.code).toBe('RAW_BODY_UNAVAILABLE');
      });

      it('accepts a body exactly at the configured limit', async () => {
        const request = await signed();
        const { app } = await start({ bodyLimit: request.body.byteLength });
        expect((await send(app.url, request)).status).toBe(200);
      });

      it('answers 413 to a body one byte over the configured limit', async () => {
        const request = await signed();
        const { app, recorded } = await start({ bodyLimit: request.body.byteLength - 1 });
        const answer = await send(app.url, request);
        expectRefusal(answer, 413, 'INVALID_REQUEST', 'BODY_TOO_LARGE');
        expect(recorded.handled).toHaveLength(0);
      });

      it('reports a client that disconnects mid-body to onAborted only, prints nothing, and keeps serving', async () => {
        const printed: string[] = [];
        const stderrWrite = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
          printed.push(String(chunk));
          return true;
        });
        const consoleError = vi.spyOn(console, 'error').mockImplementation((...args) => void printed.push(args.join(' ')));
        try {
          let aborted!: (event: unknown) => void;
          const reported = new Promise((resolve) => (aborted = resolve));
          const { app, recorded } = await start({ onAborted: (event) => aborted(event) });
          const request = await signed();
          await abandonBody(app.url, { path: NOTIFY_PATH, headers: request.headers, declaredBytes: 1000, expectContinue: target.answersExpectContinue ?? true });
          // The framework's own error reporting runs on the socket's error, before the body read ends.
          const event = (await reported) as { url: string; receivedBytes: number; declaredBytes?: number };
          expect(event).toMatchObject({ url: NOTIFY_PATH, declaredBytes: 1000 });
          // 8 bytes were sent; a runtime that holds a body back until more arrives (Bun) hands fewer over.
          if (target.buffersPartialBodies === true) expect(event.receivedBytes).toBeLessThanOrEqual(8);
          else expect(event.receivedBytes).toBe(8);
          expect(printed).toEqual([]);
          expect((await send(app.url, request)).status).toBe(200);
          expect(recorded.handled).toHaveLength(1);
          expect(recorded.errors).toHaveLength(0);
          expect(recorded.rejected).toHaveLength(0);
        } finally {
          stderrWrite.mockRestore();
          consoleError.mockRestore();
        }
      });

      it('lets a client that disconnects mid-body go without an answer or an error, and keeps serving', async () => {
        const { app, recorded } = await start();
        const request = await signed();
        await abandonBody(app.url, {
          path: NOTIFY_PATH,
          headers: request.headers,
          declaredBytes: 1000,
          expectContinue: target.answersExpectContinue ?? true,
        });
        expect((await send(app.url, request)).status).toBe(200);
        expect(recorded.handled).toHaveLength(1);
        expect(recorded.errors).toHaveLength(0);
        expect(recorded.rejected).toHaveLength(0);
      });

      for (const declareLength of [true, false]) {
        const how = declareLength ? 'a Content-Length of 1 GiB before reading' : 'a chunked 1 GiB body while streaming';
        it(`answers 413 to ${how}, long before the body could have been buffered`, async () => {
          const { app, recorded } = await start();
          const relay = await createCountingRelay(app.url);
          try {
            const request = await signed();
            const result = await sendEndlessBody(relay.url, {
              path: NOTIFY_PATH,
              headers: request.headers,
              totalBytes: ONE_GIB,
              declareLength,
            }).catch((error: unknown) => {
              if (target.mayResetAfterRefusing !== true) throw error;
              return undefined;
            });
            if (result === undefined) {
              // Reset before the answer could be read: the receiver must still have refused the body.
              expect(recorded.rejected.map((event) => event.code)).toEqual(['BODY_TOO_LARGE']);
            } else {
              expect(result.status).toBe(413);
              expect(JSON.parse(result.text)).toMatchObject({ code: 'INVALID_REQUEST', detail: { reason: 'BODY_TOO_LARGE' } });
              expect(result.answeredBeforeBodyEnd).toBe(true);
            }
            // Bytes that reached the server: a sliver of the gibibyte (the limit plus socket buffers).
            expect(relay.bytesToServer()).toBeLessThan(ONE_GIB / 16);
          } finally {
            await relay.close();
          }
        });
      }
    });

    describe('routing', () => {
      it('passes other routes and methods to the app untouched', async () => {
        const { app, recorded } = await start();
        expect((await send(app.url, { method: 'GET', url: '/health' })).text).toBe('ok');
        const echoed = await send(app.url, { method: 'POST', url: '/echo', headers: { 'content-type': 'application/json' }, body: PRETTY_CHINESE_BODY });
        expect(echoed.status).toBe(200);
        expect(echoed.text).toBe(PRETTY_CHINESE_BODY);
        const other = await send(app.url, { method: 'POST', url: `${NOTIFY_PATH}/other`, body: '{}' });
        expect(other.text).toBe(`app: POST ${NOTIFY_PATH}/other`);
        expect(recorded.rejected).toHaveLength(0);
      });

      it('answers every other method on the notify path with the 405 of protocol.md §2, unsigned', async () => {
        const { app, recorded } = await start();
        for (const method of ['GET', 'PUT', 'DELETE', 'PATCH']) {
          const answer = await send(app.url, { method, url: `${NOTIFY_PATH}?x=1` });
          expectRefusal(answer, 405, 'INVALID_REQUEST', 'METHOD_NOT_ALLOWED');
          expect(answer.headers.allow).toBe('POST');
          expectUnsignedAnswer(answer);
        }
        expect(recorded.rejected.map((event) => event.code)).toEqual(Array(4).fill('METHOD_NOT_ALLOWED'));
        expect(recorded.handled).toHaveLength(0);
      });

      it('mounts at a configured path', async () => {
        const { app } = await start({ path: '/hooks/audit-result' });
        expect((await send(app.url, await signed({ url: '/hooks/audit-result' }))).status).toBe(200);
        expect((await send(app.url, await signed())).text).toBe(`app: POST ${NOTIFY_PATH}`);
      });

      it('strips a prefix a proxy added before checking the signature', async () => {
        const { app } = await start({ proxyPrefix: { strip: '/internal' } });
        const request = await signed();
        const answer = await send(app.url, { ...request, url: `/internal${request.url}` });
        expect(answer.status).toBe(200);
      });

      it('adds back a prefix a proxy removed before checking the signature', async () => {
        const { app } = await start({ proxyPrefix: { add: '/api' }, path: `/api${NOTIFY_PATH}` });
        const request = await signed({ url: `/api${NOTIFY_PATH}?q=1` });
        const answer = await send(app.url, { ...request, url: `${NOTIFY_PATH}?q=1` });
        expect(answer.status).toBe(200);
      });
    });

    describe('options at start-up', () => {
      function expectInvalid(build: () => unknown, pattern: RegExp): void {
        let thrown: unknown;
        try {
          build();
        } catch (error) {
          thrown = error;
        }
        expect(isAuditNotifyError(thrown) && thrown.code).toBe('INVALID_OPTIONS');
        expect((thrown as Error).message).toMatch(pattern);
      }
      const recorded = (): Recorded => ({ handled: [], accepted: [], rejected: [], errors: [], warnings: [] });

      it('throws INVALID_OPTIONS when the handler is missing', () => {
        const { handler: _handler, ...rest } = baseOptions(recorded());
        expectInvalid(() => target.createMiddleware(rest as PluginOptions), /handler/);
      });

      it('throws INVALID_OPTIONS for a key that cannot be read, without echoing it', () => {
        const options = baseOptions(recorded(), { answerKeys: [{ id: 'PUB_KEY_ID_01', privateKey: 'not a key' }] });
        expectInvalid(() => target.createMiddleware(options), /answerKeys\[0\]\.privateKey/);
      });

      it('throws INVALID_OPTIONS for an unknown option', () => {
        const options = { ...baseOptions(recorded()), bodylimit: 10 } as PluginOptions;
        expectInvalid(() => target.createMiddleware(options), /bodylimit[\s\S]*proxyPrefix/);
      });

      it('throws INVALID_OPTIONS for a proxy prefix that is not a path', () => {
        const options = baseOptions(recorded(), { proxyPrefix: { strip: 'internal/' } });
        expectInvalid(() => target.createMiddleware(options), /proxyPrefix\.strip/);
      });
    });

    describe('end to end with the core client', () => {
      it('delivers a notification from createClient to the plugin and verifies the signed answer', async () => {
        const { app, recorded } = await start({ clock: () => Math.floor(Date.now() / 1000) });
        const client = createClient({
          mchid: keys.mchid,
          serialNo: keys.serialNo,
          privateKey: keys.sender.privateKeyPem,
          wechatpayPublicKeys: [{ id: keys.wechatpayPublicKeyId, publicKey: keys.receiver.publicKeyPem }],
          hosts: [app.url],
        });
        const result = await client.send(sampleNotification());
        expect(result.status).toBe(200);
        expect(result.answer).toEqual({ ret_msg: 'SUCC' });
        expect(result.verified.keyId).toBe(keys.wechatpayPublicKeyId);
        expect(Buffer.from(recorded.handled[0]?.raw ?? [])).toEqual(Buffer.from(result.requestBody));
      });
    });
  });
}
