/**
 * `send.run`: signs a notification with a stored merchant key and POSTs exactly the signed bytes to the local
 * receiver, any URL, or the primary / backup host; then checks the answer's `Wechatpay-*` signature against
 * the stored platform keys (protocol.md §4) and records the exchange in the history.
 */
import { performance } from 'node:perf_hooks';
import { isAuditNotifyError, systemClock, verifyResponse, type Clock } from '@auditnotify/core';
import type { BodyInput, SendRunOutput, SendTarget, SendVerdict } from '../../shared/api.js';
import { bytesView, fromUtf8, plainHeaders, sha256Hex } from './bytes.js';
import { toApiError } from './errors.js';
import type { HistoryStore } from './history-store.js';
import type { KeyStore } from './key-store.js';
import { canonicalUrl, requireProductionConfirmation, targetUrl } from './request-target.js';
import { signWithStore } from './sign-service.js';

/**
 * What one send needs.
 *
 * @example
 * ```ts
 * const input: SendInput = { target: { kind: 'host', host: 'backup' }, keyId: 'k_1', body: { kind: 'text', text: '{}' } };
 * ```
 */
export interface SendInput {
  target: SendTarget;
  keyId: string;
  answerKeyId?: string;
  body: BodyInput;
  timestamp?: number;
  nonce?: string;
  timeoutMs?: number;
  /** The user confirmed sending to a WeChat Pay host, or with a production key or profile. */
  confirmProduction?: true;
}

/**
 * The send service.
 *
 * @example
 * ```ts
 * const send: SendService = createSendService(deps);
 * (await send.run(input)).verdict.kind;
 * ```
 */
export interface SendService {
  run(input: SendInput): Promise<SendRunOutput>;
}

/**
 * Dependencies of {@link createSendService}.
 *
 * @example
 * ```ts
 * const deps: SendServiceDeps = { keys, history, localReceiverUrl: () => receiver.ensureUrl() };
 * ```
 */
export interface SendServiceDeps {
  keys: KeyStore;
  history: HistoryStore;
  /** URL of the local receiver's notify endpoint, starting it if needed. */
  localReceiverUrl: () => Promise<string | undefined>;
  fetch?: typeof fetch;
  clock?: Clock;
  /** Whether these keys (or the chosen profile) are production (profile-store.ts); none when absent. */
  productionReason?: (keyIds: ReadonlyArray<string | undefined>) => 'production-key' | 'production-profile' | undefined;
}

/** Default time allowed for one exchange. */
const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * Creates the send service.
 *
 * @example
 * ```ts
 * const send = createSendService({ keys, history, localReceiverUrl: () => receiver.ensureUrl() });
 * const result = await send.run({ target: { kind: 'local' }, keyId, body: { kind: 'notification', notification } });
 * result.verdict.kind; // 'accepted'
 * ```
 */
export function createSendService(deps: SendServiceDeps): SendService {
  const doFetch = deps.fetch ?? globalThis.fetch.bind(globalThis);
  const clock = deps.clock ?? systemClock;
  return {
    async run(input) {
      const url = targetUrl(input.target, input.target.kind === 'local' ? await deps.localReceiverUrl() : undefined);
      // Before anything is signed or recorded: real traffic needs the user's yes.
      requireProductionConfirmation(url, input.confirmProduction === true, deps.productionReason?.([input.keyId, input.answerKeyId]));
      const signedUrl = canonicalUrl(url);
      const { output: signed, body } = await signWithStore(
        deps.keys,
        {
          keyId: input.keyId,
          url: signedUrl,
          body: input.body,
          ...(input.timestamp === undefined ? {} : { timestamp: input.timestamp }),
          ...(input.nonce === undefined ? {} : { nonce: input.nonce }),
          ...(input.answerKeyId === undefined ? {} : { answerKeyId: input.answerKeyId }),
        },
        clock,
      );
      const startedAt = new Date().toISOString();
      const start = performance.now();
      const request: SendRunOutput['request'] = {
        method: signed.method,
        url,
        signedUrl,
        headers: signed.headers,
        body: bytesView(body),
        timestamp: signed.timestamp,
        nonce: signed.nonce,
        signature: signed.signature,
        // The same Uint8Array is signed and sent: the two hashes are computed from the two uses, not copied.
        signedBodySha256: signed.body.sha256,
        sentBodySha256: sha256Hex(body),
      };

      let response: SendRunOutput['response'];
      let verdict: SendVerdict;
      let error: SendRunOutput['error'];
      try {
        const answer = await doFetch(url, {
          method: signed.method,
          headers: signed.headers,
          // The exact signed bytes; the cast only bridges the DOM and Node typings of Uint8Array.
          body: body as Uint8Array<ArrayBuffer>,
          redirect: 'manual',
          signal: AbortSignal.timeout(input.timeoutMs ?? DEFAULT_TIMEOUT_MS),
        });
        const answerBody = new Uint8Array(await answer.arrayBuffer());
        response = { status: answer.status, headers: plainHeaders(answer.headers), body: bytesView(answerBody), ...jsonOf(answerBody) };
        verdict = await judgeAnswer(deps.keys, input.answerKeyId, answer.status, answer.headers, answerBody, response.json, clock);
      } catch (thrown) {
        const timedOut = thrown instanceof Error && (thrown.name === 'TimeoutError' || thrown.name === 'AbortError');
        const code = timedOut ? 'TIMEOUT' : 'NETWORK_ERROR';
        const cause = thrown instanceof Error && thrown.cause instanceof Error ? `: ${thrown.cause.message}` : '';
        error = isAuditNotifyError(thrown) ? toApiError(thrown) : { code, message: `${thrown instanceof Error ? thrown.message : String(thrown)}${cause}` };
        verdict = { kind: 'failed', ok: false, title: timedOut ? 'Timed out' : 'No answer', code: error.code, message: error.message };
      }
      const durationMs = Math.max(0, performance.now() - start);
      const notification = input.body.kind === 'notification' ? input.body.notification : jsonObject(fromUtf8(body));
      const entry = deps.history.add({
        direction: 'sent',
        method: signed.method,
        url,
        ...(response ? { status: response.status } : {}),
        ok: verdict.ok,
        code: verdict.kind === 'accepted' ? 'accepted' : verdict.reason ?? verdict.code ?? verdict.kind,
        title: verdict.title,
        ...notificationFacts(notification),
        durationMs,
        request: { method: signed.method, url, headers: signed.headers, body: request.body },
        ...(response ? { response: { status: response.status, headers: response.headers, body: response.body } } : {}),
        target: input.target,
        keyId: input.keyId,
        ...(input.answerKeyId ? { answerKeyId: input.answerKeyId } : {}),
        ...(error ? { error } : {}),
        at: startedAt,
      });
      return {
        historyId: entry.id,
        request,
        ...(response ? { response } : {}),
        verdict,
        timing: { startedAt, durationMs },
        ...(error ? { error } : {}),
      };
    },
  };
}

async function judgeAnswer(
  keys: KeyStore,
  answerKeyId: string | undefined,
  status: number,
  headers: Headers,
  body: Uint8Array,
  json: unknown,
  clock: Clock,
): Promise<SendVerdict> {
  if (status >= 200 && status < 300) {
    const expected = answerKeyId ? keys.platform(answerKeyId) : undefined;
    const publicKeys = expected ? new Map([[expected.summary.keyId, expected.publicKey]]) : keys.publicKeys('platform');
    try {
      const verified = await verifyResponse({ headers, body, publicKeys, clock });
      return { kind: 'accepted', ok: true, title: `${status} accepted`, message: 'The answer is signed by a trusted platform key.', answerKeyId: verified.keyId };
    } catch (thrown) {
      const e = toApiError(thrown);
      // protocol.md §4: a 2xx without a valid signature is treated as forged, yet may have been processed.
      return { kind: 'answer-unverified', ok: false, title: `${status} but the answer's signature failed`, code: e.code, message: e.message };
    }
  }
  const errorBody = (json ?? {}) as { code?: unknown; message?: unknown; detail?: { reason?: unknown } };
  return {
    kind: 'rejected',
    ok: false,
    title: `${status} ${typeof errorBody.code === 'string' ? errorBody.code : 'error'}`,
    ...(typeof errorBody.code === 'string' ? { code: errorBody.code } : {}),
    ...(typeof errorBody.detail?.reason === 'string' ? { reason: errorBody.detail.reason } : {}),
    message: typeof errorBody.message === 'string' ? errorBody.message : `The server answered ${status}.`,
  };
}

function jsonOf(bytes: Uint8Array): { json?: unknown } {
  try {
    return bytes.byteLength === 0 ? {} : { json: JSON.parse(fromUtf8(bytes)) as unknown };
  } catch {
    return {};
  }
}

function jsonObject(text: string): Record<string, unknown> | undefined {
  const { json } = jsonOf(new TextEncoder().encode(text));
  return json !== null && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined;
}

/**
 * The searchable facts of a notification body.
 *
 * @example
 * ```ts
 * notificationFacts({ out_request_no: 'R1', mchid: '1', audit_result: 'PASS' }).outRequestNo; // 'R1'
 * ```
 */
export function notificationFacts(n: Record<string, unknown> | undefined): { outRequestNo?: string; mchid?: string; auditResult?: string } {
  if (!n) return {};
  const pick = (key: string): string | undefined => (typeof n[key] === 'string' ? (n[key] as string) : undefined);
  const outRequestNo = pick('out_request_no');
  const mchid = pick('mchid');
  const auditResult = pick('audit_result');
  return { ...(outRequestNo ? { outRequestNo } : {}), ...(mchid ? { mchid } : {}), ...(auditResult ? { auditResult } : {}) };
}
