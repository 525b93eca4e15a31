// Shared set-up of the receiver and client tests. Requests are signed and answers verified with node:crypto
// directly, an oracle independent of the signing module the receiver uses. The keys are the public test
// material of test-vectors/ at the repository root (made with openssl): never use them for anything real.
import { createPublicKey, generateKeyPairSync, randomBytes, sign, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { KeyObject } from 'node:crypto';
import type { PrivateKeyHandle, PublicKeyHandle, ReceiverRequest, ReceiverResponse } from '../src/types.js';
import { loadPrivateKey, loadPublicKey } from '../src/keys/index.js';
import { NOTIFY_PATH } from '../src/protocol/index.js';
import type { ClientOptions } from '../src/client/index.js';
import type { ReceiverOptions } from '../src/receiver/index.js';

const vectors = new URL('../../../test-vectors/', import.meta.url);
const read = (name: string): string => readFileSync(new URL(name, vectors), 'utf8');

export const MCHID = '1900016681';
export const SERIAL_NO = '5157F09EFDC096DE15EBE81A47057A7232F1B8E1';
export const ANSWER_KEY_ID = 'PUB_KEY_ID_0119000166812025091500000000000001';
/** A fixed "now" for tests that pin the clock. */
export const NOW = 1_757_900_000;

export interface KeyPair {
  privatePem: string;
  publicPem: string;
  privateKey: PrivateKeyHandle;
  publicKey: PublicKeyHandle;
}

function pair(privatePem: string, publicPem: string): KeyPair {
  return { privatePem, publicPem, privateKey: loadPrivateKey(privatePem), publicKey: loadPublicKey(publicPem) };
}

/** The sender's vector key pair (apiclient_key.pem / apiclient_pub.pem). */
export const senderKeys = pair(read('sender/apiclient_key.pem'), read('sender/apiclient_pub.pem'));
/** The receiver's vector key pair (wxp_key.pem / wxp_pub.pem), known as ANSWER_KEY_ID. */
export const answerKeys = pair(read('receiver/wxp_key.pem'), read('receiver/wxp_pub.pem'));

/** A fresh RSA-2048 pair, for rotation tests. */
export function freshKeys(): KeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return pair(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicKey.export({ type: 'spki', format: 'pem' }).toString());
}

/** The documentation's example notification, compact. */
export const SAMPLE = {
  out_request_no: 'htozr8denqegbt6tk6u10iymo7yww5pn',
  mchid: MCHID,
  audit_result: 'PASS',
  audit_finish_time: '2015-05-20T13:29:35+08:00',
  attach_info: 'updateidcard',
} as const;

const encoder = new TextEncoder();

export interface SignedRequestInput {
  body?: string | Uint8Array;
  method?: string;
  url?: string;
  timestamp?: number | string;
  nonce?: string;
  mchid?: string;
  serialNo?: string;
  key?: string | KeyObject;
  /** `Wechatpay-Serial`; `null` leaves it out. */
  answerKeyId?: string | null;
  /** Headers added or replaced after signing. */
  headers?: Record<string, string>;
}

/** A nonce of 32 × [0-9A-Za-z] (protocol.md §3). */
export function nonce(): string {
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  return [...randomBytes(32)].map((byte) => alphabet[byte % 62]).join('');
}

/** A request signed as protocol.md §3 says, with node:crypto. */
export function signedRequest(input: SignedRequestInput = {}): ReceiverRequest & { headers: Record<string, string> } {
  const body = input.body === undefined ? encoder.encode(JSON.stringify(SAMPLE)) : typeof input.body === 'string' ? encoder.encode(input.body) : input.body;
  const method = input.method ?? 'POST';
  const url = input.url ?? NOTIFY_PATH;
  const timestamp = String(input.timestamp ?? NOW);
  const nonceStr = input.nonce ?? nonce();
  const head = encoder.encode(`${method}\n${url}\n${timestamp}\n${nonceStr}\n`);
  const message = Buffer.concat([head, body, encoder.encode('\n')]);
  const signature = sign('sha256', message, input.key ?? senderKeys.privatePem).toString('base64');
  const authorization =
    `WECHATPAY2-SHA256-RSA2048 mchid="${input.mchid ?? MCHID}",nonce_str="${nonceStr}",signature="${signature}",` +
    `timestamp="${timestamp}",serial_no="${input.serialNo ?? SERIAL_NO}"`;
  const headers: Record<string, string> = {
    accept: 'application/json',
    'content-type': 'application/json',
    authorization,
    ...(input.answerKeyId === null ? {} : { 'wechatpay-serial': input.answerKeyId ?? ANSWER_KEY_ID }),
    ...input.headers,
  };
  return { method, url, headers, body };
}

/** The answer body as JSON. */
export function json(response: ReceiverResponse): Record<string, unknown> & { code?: string; message?: string; detail?: Record<string, unknown> } {
  return JSON.parse(new TextDecoder().decode(response.body)) as Record<string, unknown>;
}

/** True when the answer carries a valid Wechatpay-* signature by `publicPem` (protocol.md §4), per node:crypto. */
export function answerVerifies(response: ReceiverResponse, publicPem: string = answerKeys.publicPem): boolean {
  const h = response.headers;
  const timestamp = h['Wechatpay-Timestamp'];
  const nonceStr = h['Wechatpay-Nonce'];
  const signature = h['Wechatpay-Signature'];
  if (timestamp === undefined || nonceStr === undefined || signature === undefined) return false;
  const message = Buffer.concat([encoder.encode(`${timestamp}\n${nonceStr}\n`), response.body, encoder.encode('\n')]);
  return verify('sha256', message, createPublicKey(publicPem), Buffer.from(signature, 'base64'));
}


/** The request with its Authorization header rewritten by `edit`. */
export function editAuthorization<R extends { headers: Record<string, string> }>(request: R, edit: (value: string) => string): R {
  request.headers.authorization = edit(request.headers.authorization ?? '');
  return request;
}

/** Receiver options that trust the vector sender and sign with the vector answer key; `overrides` win. */
export function receiverOptions(overrides: Partial<ReceiverOptions> = {}): ReceiverOptions {
  return {
    senders: [{ serialNo: SERIAL_NO, publicKey: senderKeys.publicKey }],
    answerKeys: [{ id: ANSWER_KEY_ID, privateKey: answerKeys.privateKey }],
    handler: () => undefined,
    ...overrides,
  };
}

/** Client options of the vector sender, verifying answers with the vector answer key; `overrides` win. */
export function clientOptions(overrides: Partial<ClientOptions> = {}): ClientOptions {
  return {
    mchid: MCHID,
    serialNo: SERIAL_NO,
    privateKey: senderKeys.privateKey,
    wechatpayPublicKeys: [{ id: ANSWER_KEY_ID, publicKey: answerKeys.publicKey }],
    ...overrides,
  };
}
