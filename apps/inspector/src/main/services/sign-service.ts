/**
 * `sign.compute`: builds the request message of protocol.md §3 from its five parts, signs it with a stored
 * merchant key and explains every byte. The send service signs through the same function, so what the
 * inspector shows is what it sends.
 */
import { AUTHORIZATION_SCHEME, createNonce, serializeNotification, signRequest, systemClock, type AuditResultNotification, type Clock } from '@auditnotify/core';
import type { BodyInput, MessagePart, SignComputeOutput } from '../../shared/api.js';
import { bytesOf, bytesView, fromUtf8, utf8, visibleLineEnds } from './bytes.js';
import type { KeyStore } from './key-store.js';
import { canonicalUrl } from './request-target.js';

/**
 * What {@link signWithStore} signs.
 *
 * @example
 * ```ts
 * const input: SignInput = { keyId: 'k_1', url: '/v3/x?a=1', body: { kind: 'text', text: '{}' }, timestamp: 1700000000 };
 * ```
 */
export interface SignInput {
  keyId: string;
  method?: string;
  url?: string;
  body: BodyInput;
  timestamp?: number;
  nonce?: string;
  answerKeyId?: string;
}

/**
 * A signed request: the explanation for the renderer and the exact bytes to send.
 *
 * @example
 * ```ts
 * const { output, body }: SignedForSend = await signWithStore(store, input);
 * await fetch(url, { method: 'POST', headers: output.headers, body });
 * ```
 */
export interface SignedForSend {
  output: SignComputeOutput;
  body: Uint8Array;
}

/**
 * The exact bytes of a body input: a notification is serialised once by core (compact JSON, the bytes
 * signed are the bytes sent, docs/architecture.md, data flow); text and Base64 are taken byte for byte.
 *
 * @example
 * ```ts
 * bodyBytes({ kind: 'text', text: '{}' }).byteLength; // 2
 * ```
 */
export function bodyBytes(body: BodyInput): Uint8Array {
  switch (body.kind) {
    case 'notification':
      return serializeNotification(body.notification as unknown as AuditResultNotification);
    case 'text':
      return utf8(body.text);
    case 'base64':
      return bytesOf({ base64: body.base64 });
  }
}

/**
 * Signs with a stored merchant key and explains the message.
 *
 * @example
 * ```ts
 * const { output } = await signWithStore(store, { keyId: 'k_1', body: { kind: 'text', text: '{}' } });
 * output.authorization; // 'WECHATPAY2-SHA256-RSA2048 mchid="…",…'
 * ```
 */
export async function signWithStore(store: KeyStore, input: SignInput, clock: Clock = systemClock): Promise<SignedForSend> {
  const signer = store.signer(input.keyId);
  const platform = store.platform(input.answerKeyId);
  const method = (input.method ?? 'POST').toUpperCase();
  const url = canonicalUrl(input.url);
  const body = bodyBytes(input.body);
  const signed = await signRequest({
    method,
    url,
    body,
    mchid: signer.mchid,
    serialNo: signer.summary.keyId,
    privateKey: signer.privateKey,
    timestamp: input.timestamp ?? clock(),
    nonce: input.nonce ?? createNonce(),
  });
  const headers: Record<string, string> = {
    Authorization: signed.authorization,
    Accept: 'application/json',
    'Content-Type': 'application/json',
    ...(platform ? { 'Wechatpay-Serial': platform.summary.keyId } : {}),
    'User-Agent': 'auditnotify-inspector',
  };
  const output: SignComputeOutput = {
    method,
    url,
    timestamp: signed.timestamp,
    nonce: signed.nonce,
    message: bytesView(signed.message),
    messageVisible: visibleLineEnds(fromUtf8(signed.message)),
    body: bytesView(body),
    signature: signed.signature,
    authorization: signed.authorization,
    headers,
    parts: messageParts(method, url, signed.timestamp, signed.nonce, body),
    key: { id: signer.summary.id, keyId: signer.summary.keyId, mchid: signer.mchid, fingerprint: signer.summary.fingerprint },
  };
  return { output, body };
}

function messageParts(method: string, url: string, timestamp: number, nonce: string, body: Uint8Array): MessagePart[] {
  const parts: Omit<MessagePart, 'start' | 'end'>[] = [
    { part: 'method', value: method, source: 'HTTP method of the request line, upper case', appearsIn: ['request line'] },
    { part: 'url', value: url, source: 'URL path + query exactly as sent (the host is not signed)', appearsIn: ['request line'] },
    { part: 'timestamp', value: String(timestamp), source: 'Unix seconds (editable)', appearsIn: [`Authorization timestamp (${AUTHORIZATION_SCHEME})`] },
    { part: 'nonce', value: nonce, source: '32 random characters [0-9A-Za-z] (editable)', appearsIn: ['Authorization nonce_str'] },
    { part: 'body', value: fromUtf8(body), source: 'the exact body bytes sent', appearsIn: ['request body'] },
  ];
  let offset = 0;
  return parts.map((part) => {
    const length = part.part === 'body' ? body.byteLength : utf8(part.value).byteLength;
    const placed = { ...part, start: offset, end: offset + length };
    offset += length + 1; // every line ends in "\n", the body line too (protocol.md §3)
    return placed;
  });
}
