/**
 * `@auditnotify/core/testing`: helpers for testing your own notify handler the way Stripe's
 * `generateTestHeaderString` lets you test a webhook handler — generated keys, correctly signed requests and the
 * endpoint's example notification. Test material only: never configure these keys for real traffic.
 *
 * @example
 * ```ts
 * import { generateTestKeys, createTestRequest, sampleNotification } from '@auditnotify/core/testing';
 * const keys = generateTestKeys();
 * const receiver = createReceiver({ senders: keys.senders, answerKeys: keys.answerKeys, handler });
 * const answer = await receiver.handle(await createTestRequest({ keys, notification: sampleNotification() }));
 * ```
 */
import { NOTIFY_PATH } from './protocol/constants.js';
import { generateTestKeySet, type TestKeySet, type TestKeySetOptions } from './keys/generate-test-key-set.js';
import { loadCertificate } from './keys/load-certificate.js';
import { loadPrivateKey } from './keys/load-private-key.js';
import { loadPublicKey } from './keys/load-public-key.js';
import type { AuditResultNotification } from './schema/notification-schema.js';
import { serializeNotification } from './schema/serialize-notification.js';
import { signRequest } from './signing/sign-request.js';
import type { CertificateInfo, Clock, PrivateKeyHandle, PublicKeyHandle, SignatureEngine, UnixSeconds } from './types.js';

// Re-exported so tests can type a key set without a second import path.
export type { TestKeySet, TestKeySetOptions } from './keys/generate-test-key-set.js';

/**
 * A {@link TestKeySet} with its keys loaded, plus option fragments ready for the receiver, client and verifier.
 *
 * @example
 * ```ts
 * const keys: TestKeys = generateTestKeys();
 * await verifyResponse({ headers, body, publicKeys: keys.publicKeys });
 * ```
 */
export interface TestKeys extends TestKeySet {
  readonly handles: {
    /** Signs requests (`apiclient_key.pem`). */
    readonly senderPrivateKey: PrivateKeyHandle;
    /** Its certificate; `serialNo` is the `serial_no` of the Authorization header. */
    readonly senderCertificate: CertificateInfo;
    /** Signs answers (the receiver's side). */
    readonly receiverPrivateKey: PrivateKeyHandle;
    /** Verifies answers (`wxp_pub.pem`), known by `wechatpayPublicKeyId`. */
    readonly receiverPublicKey: PublicKeyHandle;
  };
  /** `createReceiver({ senders })`: the test sender, allowed for `mchid`. */
  readonly senders: ReadonlyArray<{ serialNo: string; publicKey: PublicKeyHandle; mchids: string[] }>;
  /** `createReceiver({ answerKeys })`: the receiver key under `wechatpayPublicKeyId`. */
  readonly answerKeys: ReadonlyArray<{ id: string; privateKey: PrivateKeyHandle }>;
  /** `createClient({ wechatpayPublicKeys })`. */
  readonly wechatpayPublicKeys: ReadonlyArray<{ id: string; publicKey: PublicKeyHandle }>;
  /** `verifyResponse({ publicKeys })`. */
  readonly publicKeys: ReadonlyMap<string, PublicKeyHandle>;
}

/**
 * Generates a fresh test key set (about a second: two RSA-2048 keys) and loads it. Generate once per test file
 * (`beforeAll`), not per test.
 *
 * @example
 * ```ts
 * const keys = generateTestKeys();
 * createReceiver({ senders: keys.senders, answerKeys: keys.answerKeys, handler: () => undefined });
 * createClient({ mchid: keys.mchid, serialNo: keys.serialNo, privateKey: keys.handles.senderPrivateKey, wechatpayPublicKeys: keys.wechatpayPublicKeys });
 * ```
 */
export function generateTestKeys(options: TestKeySetOptions = {}): TestKeys {
  const set = generateTestKeySet(options);
  const senderPrivateKey = loadPrivateKey(set.sender.privateKeyPem);
  const senderCertificate = loadCertificate(set.sender.certificatePem);
  const receiverPrivateKey = loadPrivateKey(set.receiver.privateKeyPem);
  const receiverPublicKey = loadPublicKey(set.receiver.publicKeyPem);
  return Object.freeze({
    ...set,
    handles: Object.freeze({ senderPrivateKey, senderCertificate, receiverPrivateKey, receiverPublicKey }),
    senders: Object.freeze([{ serialNo: set.serialNo, publicKey: senderCertificate.publicKey, mchids: [set.mchid] }]),
    answerKeys: Object.freeze([{ id: set.wechatpayPublicKeyId, privateKey: receiverPrivateKey }]),
    wechatpayPublicKeys: Object.freeze([{ id: set.wechatpayPublicKeyId, publicKey: receiverPublicKey }]),
    publicKeys: new Map([[set.wechatpayPublicKeyId, receiverPublicKey]]),
  });
}

/**
 * Options of {@link createTestRequest}.
 *
 * @example
 * ```ts
 * await createTestRequest({ keys, body: '{"mchid":"1"}', timestamp: now - 301 } satisfies CreateTestRequestOptions);
 * ```
 */
export interface CreateTestRequestOptions {
  /** Keys from {@link generateTestKeys} (or a plain {@link TestKeySet}, loaded on the fly). */
  keys: TestKeys | TestKeySet;
  /** The exact body bytes (or text, sent as UTF-8). Wins over `notification`. */
  body?: string | Uint8Array;
  /** A notification serialised once with `serializeNotification`. Default: {@link sampleNotification}. */
  notification?: AuditResultNotification;
  /** Path plus query as sent. Default: the notify path. */
  url?: string;
  /** Default `POST`. */
  method?: string;
  /** Fixed Unix seconds (e.g. 301 s ago to test the window). Default: `clock()` or now. */
  timestamp?: UnixSeconds;
  clock?: Clock;
  /** Fixed nonce (e.g. to test replay). Default: a fresh one. */
  nonce?: string;
  /** `Wechatpay-Serial`: the id of the key the answer should be signed with. Default `keys.wechatpayPublicKeyId`. */
  answerKeyId?: string;
  engine?: SignatureEngine;
}

/**
 * A signed request as it arrives at a receiver (the shape `Receiver.handle` takes).
 *
 * @example
 * ```ts
 * const { method, url, headers, body }: TestRequest = await createTestRequest({ keys });
 * ```
 */
export interface TestRequest {
  method: string;
  url: string;
  /** Lower-case names: `authorization`, `accept`, `content-type`, `wechatpay-serial`. */
  headers: Record<string, string>;
  body: Uint8Array;
}

function isLoaded(keys: TestKeys | TestKeySet): keys is TestKeys {
  return 'handles' in keys;
}

/**
 * Builds a request signed exactly as the bank channel would send it (protocol.md §3), to feed a receiver or
 * to send with any HTTP client to your own endpoint.
 *
 * @example
 * ```ts
 * const request = await createTestRequest({ keys, notification: { ...sampleNotification(), audit_result: 'REJECT' } });
 * const answer = await receiver.handle(request);          // in-process
 * await fetch(`http://127.0.0.1:${port}${request.url}`, { method: 'POST', headers: request.headers, body: request.body });
 * ```
 */
export async function createTestRequest(options: CreateTestRequestOptions): Promise<TestRequest> {
  const { keys } = options;
  const body =
    options.body === undefined
      ? serializeNotification(options.notification ?? sampleNotification())
      : typeof options.body === 'string'
        ? new TextEncoder().encode(options.body)
        : options.body;
  const method = options.method ?? 'POST';
  const url = options.url ?? NOTIFY_PATH;
  const privateKey = isLoaded(keys) ? keys.handles.senderPrivateKey : loadPrivateKey(keys.sender.privateKeyPem);
  const signed = await signRequest({
    method,
    url,
    body,
    mchid: keys.mchid,
    serialNo: keys.serialNo,
    privateKey,
    ...(options.engine === undefined ? {} : { engine: options.engine }),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.nonce === undefined ? {} : { nonce: options.nonce }),
    ...(options.timestamp === undefined ? {} : { timestamp: options.timestamp }),
  });
  return {
    method,
    url,
    headers: {
      authorization: signed.authorization,
      accept: 'application/json',
      'content-type': 'application/json',
      'wechatpay-serial': options.answerKeyId ?? keys.wechatpayPublicKeyId,
    },
    body,
  };
}

/**
 * The request example of the endpoint's documentation page (a fresh copy each call). Note that it sends
 * `fail_code`/`fail_msg` with `PASS`: receivers must accept that (protocol.md §1).
 *
 * @example
 * ```ts
 * const notification = { ...sampleNotification(), out_request_no: 'R-0001' };
 * ```
 */
export function sampleNotification(): AuditResultNotification {
  return {
    out_request_no: 'htozr8denqegbt6tk6u10iymo7yww5pn',
    mchid: '1900016681',
    audit_result: 'PASS',
    audit_finish_time: '2015-05-20T13:29:35+08:00',
    attach_info: 'updateidcard',
    fail_code: '1001',
    fail_msg: 'IDCARD_ILLEGAL',
  };
}

/**
 * The curl request example of the endpoint's documentation page (资料更新请求审核结果回调通知, 请求示例) as an
 * integrator would paste it: the page's line numbers removed, its line breaks restored, ending in a newline.
 * Its body is {@link sampleNotification} in the page's layout. The page elides the Authorization value
 * (`mchid="1900000001",...`), so it never verifies: decoders must parse it and say why.
 *
 * @example
 * ```ts
 * const request = parseCurlCommand(sampleCurlCommand());
 * request.url; // '/v3/aggracct-bc/wb-channel/control-orders/info/update/result/notify'
 * ```
 */
export function sampleCurlCommand(): string {
  return `curl -X POST \\
  https://api.mch.weixin.qq.com/v3/aggracct-bc/wb-channel/control-orders/info/update/result/notify \\
  -H "Authorization: WECHATPAY2-SHA256-RSA2048 mchid=\\"1900000001\\",..." \\
  -H "Accept: application/json" \\
  -H "Content-Type: application/json" \\
  -d '{
    "out_request_no" : "htozr8denqegbt6tk6u10iymo7yww5pn",
    "mchid" : "1900016681",
    "audit_result" : "PASS",
    "audit_finish_time" : "2015-05-20T13:29:35+08:00",
    "attach_info" : "updateidcard",
    "fail_code" : "1001",
    "fail_msg" : "IDCARD_ILLEGAL"
  }'
`;
}
