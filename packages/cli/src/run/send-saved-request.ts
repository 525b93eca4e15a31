/**
 * Sends one saved request as `auditnotify run` does: a fresh timestamp, nonce and signature every time (a
 * saved signature would be refused as replayed or stale), the exact body bytes, and the answer's
 * `Wechatpay-*` signature checked with the answer key.
 */
import { signRequest, verifyResponse, type PublicKeyHandle } from '@auditnotify/core';
import { isAuditNotifyError } from '@auditnotify/core';
import type { SavedRequest } from '../collection/index.js';
import type { SenderIdentity } from '../options/sender-options.js';

/**
 * What came back for one request.
 *
 * @example
 * ```ts
 * const outcome: RequestOutcome = { kind: 'answered', status: 200, answerVerified: true, body: '{"code":"SUCCESS"}' };
 * ```
 */
export type RequestOutcome =
  | {
      kind: 'answered';
      status: number;
      /** The answer body's `code` and `detail.reason`, when it is an APIv3 error body. */
      code?: string;
      reason?: string;
      answerVerified: boolean;
      /** Why the answer's signature did not verify (`ANSWER_SIGNATURE_INVALID`…). */
      answerProblem?: string;
      body: string;
    }
  | { kind: 'no-answer'; message: string };

/**
 * The exact bytes a saved request sends: a raw body as its UTF-8 text, a notification as compact JSON in
 * the order of its fields in the file.
 *
 * @example
 * ```ts
 * new TextDecoder().decode(savedBodyBytes({ name: 'x', body: { raw: 'a\r\nb' }, expect: { status: 400, answerVerified: true } })); // 'a\r\nb'
 * ```
 */
export function savedBodyBytes(request: SavedRequest): Uint8Array {
  const text = 'raw' in request.body ? request.body.raw : JSON.stringify(request.body.notification);
  return new TextEncoder().encode(text);
}

function errorFields(text: string): { code?: string; reason?: string } {
  try {
    const value = JSON.parse(text) as { code?: unknown; detail?: { reason?: unknown } };
    return {
      ...(typeof value.code === 'string' ? { code: value.code } : {}),
      ...(typeof value.detail?.reason === 'string' ? { reason: value.detail.reason } : {}),
    };
  } catch {
    return {};
  }
}

/**
 * Signs and sends `request` to `url` (its `path` replaces the URL's path when the case sets one).
 *
 * @example
 * ```ts
 * const outcome = await sendSavedRequest(request, { url: 'http://127.0.0.1:8080/v3/…/notify', sender, timeoutMs: 15000 });
 * ```
 */
export async function sendSavedRequest(
  request: SavedRequest,
  options: { url: string; sender: SenderIdentity; timeoutMs: number },
): Promise<RequestOutcome> {
  const base = new URL(options.url);
  const pathAndQuery = request.path ?? `${base.pathname}${base.search}`;
  const method = request.method ?? 'POST';
  const body = savedBodyBytes(request);
  const nowMs = Date.now();
  const signed = await signRequest({
    method,
    url: pathAndQuery,
    body,
    mchid: options.sender.mchid,
    serialNo: options.sender.serialNo,
    privateKey: options.sender.privateKey,
    // A case may reproduce the millisecond mistake on purpose; otherwise Unix seconds as the protocol says.
    timestamp: request.timestampUnit === 'milliseconds' ? nowMs : Math.floor(nowMs / 1000),
  });
  const answerKeys = options.sender.wechatpayPublicKeys;
  let response: Response;
  try {
    response = await fetch(`${base.origin}${pathAndQuery}`, {
      method,
      headers: {
        Accept: 'application/json',
        'Content-Type': 'application/json',
        Authorization: signed.authorization,
        ...(answerKeys[0] === undefined ? {} : { 'Wechatpay-Serial': answerKeys[0].id }),
      },
      ...(method === 'GET' || method === 'HEAD' ? {} : { body: body as Uint8Array<ArrayBuffer> }),
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return { kind: 'no-answer', message: `${error instanceof Error ? error.message : String(error)}${cause}` };
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  const text = new TextDecoder().decode(bytes);
  const publicKeys = new Map<string, PublicKeyHandle>(answerKeys.map((key) => [key.id, key.publicKey]));
  let answerProblem: string | undefined;
  try {
    await verifyResponse({ headers: response.headers, body: bytes, publicKeys });
  } catch (error) {
    answerProblem = isAuditNotifyError(error) ? error.code : String(error);
  }
  return {
    kind: 'answered',
    status: response.status,
    ...errorFields(text),
    answerVerified: answerProblem === undefined,
    ...(answerProblem === undefined ? {} : { answerProblem }),
    body: text,
  };
}
