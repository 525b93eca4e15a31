/**
 * The framework-free receiver pipeline: `{method, url, headers, body bytes}` in, `{status, headers, body
 * bytes}` out, signed (docs/architecture.md, data flow). Adapters hold no protocol logic: they hand over the raw request
 * and write exactly what comes back.
 */
import type { ErrorCode, ErrorDetail } from '../errors.js';
import type { ReceiverRequest, ReceiverResponse } from '../types.js';
import type { AuthorizationFields } from '../protocol/index.js';
import type { FieldIssue, NotifyAnswer } from '../schema/index.js';
import type { AcceptedEvent, LoadedAnswerKey, LoadedSender, NotifyContext, ReceiverOptions, RejectedEvent } from './options.js';
import { AuditNotifyError, ERROR_TABLE, isAuditNotifyError } from '../errors.js';
import { signResponse } from '../signing/index.js';
import { buildRequestMessage, checkSignedMessage, findBySerialNumber, parseAuthorization, serialNumberKey } from '../protocol/index.js';
import { parseNotification } from '../schema/index.js';
import { CustomAnswer } from './custom-answer.js';
import { readHeader } from '../protocol/header-value.js';
import { encodeUtf8 } from '../protocol/message-bytes.js';
import { resolveReceiverOptions } from './options.js';
import { describeSignedMessage } from './sign-information.js';
import { notificationFieldsHash, processOnce } from './inbox-step.js';
import type { AdmitOutcome, InboxClaim } from './stores.js';

/**
 * A receiver made by {@link createReceiver}.
 *
 * @example
 * ```ts
 * const response = await receiver.handle({ method: 'POST', url: req.url, headers: req.headers, body: rawBytes });
 * res.writeHead(response.status, response.headers).end(response.body);
 * ```
 */
export interface Receiver {
  /**
   * Runs every check, the handler, and signs the answer. Never rejects for a bad request (that is a 4xx
   * answer) nor for a failing handler (500); rejects only with `INTERNAL_ERROR` when infrastructure fails
   * (nonce store, rate limiter or signing engine).
   */
  handle(request: ReceiverRequest): Promise<ReceiverResponse>;
  /**
   * Answers a request the adapter refused before its body could be read: `BODY_TOO_LARGE` (413) when the
   * body is over {@link Receiver.bodyLimit}, `RAW_BODY_UNAVAILABLE` (500) when a body parser consumed the
   * stream first. Signed like every other answer (the key named by the request's `Wechatpay-Serial`), with
   * the same error body, and reported to the same hooks; rejects only with `INTERNAL_ERROR` when signing fails.
   */
  refuse(request: Omit<ReceiverRequest, 'body'>, code: RefusedBeforeBody, detail?: RefuseDetail): Promise<ReceiverResponse>;
  /** The path adapters mount the receiver at. */
  readonly path: string;
  /** Largest body in bytes: adapters can stop reading past it. */
  readonly bodyLimit: number;
}

/**
 * The codes {@link Receiver.refuse} answers: the two ways a request fails before its body is read.
 *
 * @example
 * ```ts
 * const code: RefusedBeforeBody = 'BODY_TOO_LARGE';
 * ```
 */
export type RefusedBeforeBody = 'BODY_TOO_LARGE' | 'RAW_BODY_UNAVAILABLE';

/**
 * What the adapter knows about a request it refused before reading its body.
 *
 * @example
 * ```ts
 * await receiver.refuse(request, 'BODY_TOO_LARGE', { receivedBytes: 70_000 });
 * await receiver.refuse(request, 'RAW_BODY_UNAVAILABLE', { reason: 'express.json() ran before the receiver' });
 * ```
 */
export interface RefuseDetail {
  /** BODY_TOO_LARGE: bytes read before the adapter stopped reading (a chunked body has no Content-Length). */
  receivedBytes?: number;
  /** RAW_BODY_UNAVAILABLE: why, for the operator (passed to `onError`, never put in the answer). */
  reason?: string;
}

/** A request refused by a check: a code of ERROR_TABLE with an HTTP status. */
interface Refusal {
  kind: 'refused';
  code: ErrorCode;
  message: string;
  detail?: ErrorDetail;
  headers?: Record<string, string>;
  /** The handler's own error, for onError. */
  cause?: unknown;
}

interface Accepted {
  kind: 'accepted';
  answer: NotifyAnswer;
  event: AcceptedEvent;
  /** Answered from the inbox's record: the handler did not run (onDuplicate was called, not onAccepted). */
  duplicate?: boolean;
}

/** What one exchange learned so far, for hooks and answers. */
/** A body that passed every check of {@link parseNotification} and the sender's mchid allow-list. */
type CheckedBody = { kind: 'checked' } & ReturnType<typeof parseNotification>;

interface Exchange {
  requestId: string;
  /** `Wechatpay-Serial` of the request: the key the sender will verify the answer with. */
  answerKeyId: string | undefined;
  /** The key the answer is signed with: the one `answerKeyId` names, else the first (the sender is told by `onUnknownAnswerKey`). */
  answerKey: LoadedAnswerKey;
  /** `answerKeyId` was given but names no answer key: reported to `onUnknownAnswerKey` once the request verifies. */
  answerKeyUnknown: boolean;
  authorization?: AuthorizationFields;
  /**
   * The request passed the whole signature check (key, window, signature, fresh nonce). Only then is the
   * answer signed, as WeChat Pay does: a forged or replayed request never costs an RSA signature.
   */
  verified: boolean;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function refuse(code: ErrorCode, message: string, detail?: ErrorDetail, headers?: Record<string, string>): Refusal {
  // Stryker disable next-line StringLiteral: handle() tells only 'accepted' apart, so a refusal of another kind text is answered the same.
  return { kind: 'refused', code, message, ...(detail ? { detail } : {}), ...(headers ? { headers } : {}) };
}

/** APIv3 bodies are JSON in UTF-8 (protocol.md §1): `application/json`, with no charset or `utf-8`. */
function isJsonContentType(value: string): boolean {
  // What senders send: no need to split it.
  if (value === 'application/json') return true;
  // Stryker disable next-line StringLiteral: split() always yields a first element, so the default never applies.
  const [type = '', ...parameters] = value.split(';');
  if (type.trim().toLowerCase() !== 'application/json') return false;
  return parameters.every((parameter) => {
    // Stryker disable next-line StringLiteral: split() always yields a name, and a missing setting refuses the same as any text that is not utf-8.
    const [name = '', setting = ''] = parameter.split('=');
    if (name.trim().toLowerCase() !== 'charset') return true;
    return setting.trim().replace(/^"|"$/g, '').toLowerCase() === 'utf-8';
  });
}

/**
 * The Authorization header, kept as a list when it was sent more than once, so that the parser refuses it
 * (`multiple_headers`) instead of checking one of them (Node adapters pass every line: node/bridge.ts).
 */
function authorizationHeader(headers: ReceiverRequest['headers']): string | string[] | undefined {
  // Stryker disable next-line ConditionalExpression,StringLiteral: a Headers object has no own entries, so the loop finds nothing in it either way.
  if (typeof (headers as Headers).get !== 'function') {
    const record = headers as Record<string, string | string[] | undefined>;
    // Own names only, as Object.entries would list them, without building an entry per header.
    for (const name in record) {
      if (!Object.hasOwn(record, name)) continue;
      const value = record[name];
      if (
        name.toLowerCase() === 'authorization' &&
        Array.isArray(value) &&
        // Stryker disable next-line ConditionalExpression,EqualityOperator: the parser reads a one-element list as its element, so returning it is the same.
        value.length > 1
      ) {
        return value;
      }
    }
  }
  return readHeader(headers, 'authorization');
}

/**
 * The answer's detail of a PARAM_ERROR: fields named by JSON Pointer, as WeChat Pay names them (`/mchid`);
 * the schema's own detail keeps the field names for callers in process.
 */
function paramErrorDetail(detail: ErrorDetail): ErrorDetail {
  const { pointer, issues, ...rest } = detail as ErrorDetail & { pointer?: string; issues?: FieldIssue[] };
  return {
    ...rest,
    location: 'body',
    field: pointer ?? '',
    // Stryker disable next-line ConditionalExpression: parseNotification's detail always lists its issues.
    ...(issues === undefined ? {} : { issues: issues.map((issue) => ({ field: issue.pointer, issue: issue.issue })) }),
  };
}

/** Calls a user hook; a failing hook never changes the answer. */
function callHook<A extends unknown[]>(hook: ((...args: A) => void) | undefined, ...args: A): void {
  // Stryker disable next-line ConditionalExpression: calling a missing hook throws inside the try below, which ignores it the same way.
  if (hook === undefined) return;
  try {
    const result: unknown = hook(...args);
    // An async hook's rejection would otherwise surface as an unhandled rejection and can end the process.
    // Stryker disable next-line ConditionalExpression,OptionalChaining: catching a value that is not a promise is harmless, and reading then of undefined throws inside the try.
    if (typeof (result as PromiseLike<unknown> | undefined)?.then === 'function') {
      Promise.resolve(result).catch(() => undefined);
    }
  } catch {
    // Hooks are for logging and metrics: their failures must not turn into answers.
  }
}

/**
 * Creates the receiver of the audit-result notification. Synchronous: keys are loaded and options checked
 * at once, and bad options throw `INVALID_OPTIONS` here rather than on the first request.
 *
 * Checks run cheapest first (protocol.md §3): method → body size → content type → Authorization grammar →
 * known `serial_no` and allowed mchid → timestamp window → signature over the raw bytes → nonce replay →
 * rate limit → JSON → schema → mchid of the body allowed → inbox. Answers are signed only once the nonce is
 * claimed: a request that fails before is answered unsigned, as WeChat Pay does. The handler runs only when all of them pass,
 * and with an `inbox` at most once to success per `(mchid, out_request_no)` (receiver/inbox-step.ts).
 *
 * @example
 * ```ts
 * const receiver = createReceiver({
 *   senders: [{ serialNo: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1', publicKey: { path: 'apiclient_pub.pem' } }],
 *   answerKeys: [{ id: 'PUB_KEY_ID_0119000166812025091500000000000001', privateKey: { path: 'wxp_key.pem' } }],
 *   handler: async ({ notification }) => {
 *     await markAudited(notification.out_request_no, notification.audit_result);
 *   },
 * });
 * const { status, headers, body } = await receiver.handle({ method, url, headers: requestHeaders, body: rawBytes });
 * ```
 */
export function createReceiver(options: ReceiverOptions): Receiver {
  const config = resolveReceiverOptions(options);
  const nonceTtl = config.windowSeconds * 2;
  // Each sender's key as checkSignedMessage takes it, built once rather than per request.
  const publicKeysOf = new Map<LoadedSender, ReadonlyMap<string, LoadedSender['publicKey']>>();
  for (const sender of config.senders.values()) publicKeysOf.set(sender, new Map([[sender.serialNo, sender.publicKey]]));

  async function answer(status: number, payload: unknown, exchange: Exchange, extra?: Record<string, string>): Promise<ReceiverResponse> {
    const body = encodeUtf8(JSON.stringify(payload));
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      'Content-Length': String(body.byteLength),
      'Request-ID': exchange.requestId,
      ...extra,
    };
    // Answers to verified requests are signed, errors too; others are not (protocol.md §4, "Fidelity").
    if (exchange.verified) {
      const signed = await signResponse({
        body,
        privateKey: exchange.answerKey.privateKey,
        keyId: exchange.answerKey.id,
        engine: config.engine,
        // Wechatpay-Timestamp is whole Unix seconds (protocol.md §4): a clock with fractions must not leak into it.
        timestamp: Math.floor(config.clock()),
      });
      Object.assign(headers, signed);
    }
    return { status, headers, body };
  }

  function rejectedEvent(code: ErrorCode, message: string, exchange: Exchange): RejectedEvent {
    const status = ERROR_TABLE[code].status ?? 500;
    const auth = exchange.authorization;
    return {
      code,
      status,
      message,
      requestId: exchange.requestId,
      ...(auth ? { mchid: auth.mchid, serialNo: auth.serialNo } : {}),
    };
  }

  async function refusalAnswer(refusal: Refusal, exchange: Exchange): Promise<ReceiverResponse> {
    const row = ERROR_TABLE[refusal.code];
    // Protocol.md §2: {code: WIRE, message, detail}; the finer code goes to detail.reason. A sub-reason of the
    // same name (the Authorization parser's, such as `line_break`) moves to `detail.problem`.
    const { reason: problem, ...detail } = refusal.detail ?? {};
    // Stryker disable next-line ConditionalExpression: JSON.stringify drops a problem that is undefined.
    if (problem !== undefined) detail.problem = problem;
    const body = { code: row.wire ?? 'SYSTEM_ERROR', message: refusal.message, detail: { reason: refusal.code, ...detail } };
    return answer(row.status ?? 500, body, exchange, refusal.headers);
  }

  async function check(request: ReceiverRequest, exchange: Exchange): Promise<Refusal | Accepted> {
    if (request.method !== 'POST') {
      return refuse('METHOD_NOT_ALLOWED', `Method ${request.method} is not allowed: the notification is sent with POST.`, { location: 'method', value: request.method }, { Allow: 'POST' });
    }
    if (request.body.byteLength > config.bodyLimit) {
      return refuse('BODY_TOO_LARGE', `The body has ${request.body.byteLength} bytes, over the limit of ${config.bodyLimit}.`, { location: 'body', limit: config.bodyLimit, length: request.body.byteLength });
    }
    const contentType = readHeader(request.headers, 'content-type');
    if (contentType === undefined || !isJsonContentType(contentType)) {
      // Stryker disable next-line ConditionalExpression: JSON.stringify drops a value that is undefined (the message's own choice is message text).
      return refuse('UNSUPPORTED_CONTENT_TYPE', `Content-Type must be application/json in UTF-8, got ${contentType === undefined ? 'none' : JSON.stringify(contentType)}.`, { location: 'header', field: 'Content-Type', ...(contentType === undefined ? {} : { value: contentType }) });
    }

    let auth: AuthorizationFields;
    try {
      auth = parseAuthorization(authorizationHeader(request.headers));
    } catch (error) {
      // Stryker disable next-line ConditionalExpression: the parser throws only AuditNotifyError.
      if (!isAuditNotifyError(error)) throw error;
      const code = error.code === 'AUTH_MISSING' ? 'AUTH_MISSING' : 'AUTH_MALFORMED';
      // Stryker disable next-line StringLiteral: the parser's detail carries location 'authorization', which overrides this one.
      return refuse(code, error.message, { location: 'authorization', ...error.detail });
    }
    exchange.authorization = auth;

    // The one check of a signed message (protocol/check-signed-message.ts): key id, window, signature. The
    // mchid and answer-key rules of this receiver come between the key id and the window.
    const sender: LoadedSender | undefined = config.senders.get(serialNumberKey(auth.serialNo));
    if (sender === undefined) {
      return refuse('UNKNOWN_SERIAL', `serial_no ${auth.serialNo} is not the serial of a sender certificate this receiver knows.`, { location: 'authorization', field: 'serial_no', value: auth.serialNo });
    }
    if (sender.mchids !== undefined && !sender.mchids.has(auth.mchid)) {
      return refuse('MCHID_NOT_ALLOWED', `mchid ${auth.mchid} is not allowed to send with certificate ${auth.serialNo}.`, { location: 'authorization', field: 'mchid', value: auth.mchid });
    }

    // Over the bytes exactly as received, never a re-serialisation (protocol.md §3, §7.1).
    const message = buildRequestMessage({ method: request.method, url: request.url, timestamp: auth.timestamp, nonce: auth.nonce, body: request.body });
    const verdict = await checkSignedMessage({
      fields: { keyId: auth.serialNo, timestamp: String(auth.timestamp), nonce: auth.nonce, signature: auth.signature },
      message,
      publicKeys: publicKeysOf.get(sender) ?? new Map([[auth.serialNo, sender.publicKey]]),
      now: config.clock(),
      windowSeconds: config.windowSeconds,
      engine: config.engine,
      kind: 'request',
    });
    const window = verdict.timestamp;
    if (!window.ok) {
      // Authorization's grammar admits digits only, so the verdict is milliseconds or skew.
      // Stryker disable next-line ConditionalExpression,StringLiteral: unreachable, the Authorization grammar admits digits only, so the verdict is never not_digits.
      const skew = window.problem === 'not_digits' ? Number.NaN : window.skewSeconds;
      const millis = window.problem === 'milliseconds' ? ' It looks like milliseconds: send Unix seconds.' : '';
      return refuse('TIMESTAMP_OUT_OF_WINDOW', `timestamp ${auth.timestamp} is ${Math.abs(skew)} s from the receiver's clock; it must be at most ${config.windowSeconds} s.${millis}`, { location: 'authorization', field: 'timestamp', value: auth.timestamp, skew_seconds: skew, window_seconds: config.windowSeconds });
    }
    if (!verdict.ok) {
      // WeChat Pay's own shape of this answer (docs/protocol.md, "Fidelity"): detail.detail.issue and sign_information.
      return refuse('SIGNATURE_MISMATCH', 'The signature does not verify over the message this receiver built from the request as received (see detail.sign_information).', {
        detail: { issue: 'sign not match' },
        field: 'signature',
        location: 'authorization',
        sign_information: describeSignedMessage(request, auth),
      });
    }

    // The body's own checks are pure, so they run before the stores are asked; their refusals still come in
    // the documented order: nonce, rate limit, then body (a replayed or rate-limited request is refused as that).
    const body = checkBody(request, sender);
    // Hashed only when an inbox asks for it: without one, no request pays for hashing.
    const inbox = config.inbox !== undefined && body.kind === 'checked'
      ? { key: { mchid: body.notification.mchid, outRequestNo: body.notification.out_request_no }, fieldsHash: await notificationFieldsHash(body.notification), leaseSeconds: config.inboxLeaseSeconds }
      : undefined;

    // Claimed only now: forged requests cannot fill the store (protocol.md §3). Keyed by the nonce alone, which
    // the signature covers: mchid and serial_no are not in the signed message, so a replay with either edited
    // must still count as a replay. The rate limit counts per sender certificate: what the signature proves
    // (the Authorization mchid is not signed, so a sender rotating it would otherwise get a fresh bucket each time).
    const nonceKey = auth.nonce;
    let admitted: AdmitOutcome;
    try {
      admitted = await config.admit({
        nonceKey,
        nonceTtlSeconds: nonceTtl,
        ...(config.rateLimiter === undefined ? {} : { rate: { key: sender.serialNo } }),
        ...(inbox === undefined ? {} : { inbox }),
      });
    } catch (error) {
      if (!isAuditNotifyError(error) || error.code !== 'NONCE_STORE_FULL') throw error;
      // Fail closed: a full store must not forget a live nonce, so refuse until it has room (stores.ts).
      const retryAfter = Math.max(1, Math.ceil(Number(error.detail?.retry_after_seconds ?? 1)));
      return refuse('NONCE_STORE_FULL', `The receiver cannot take more requests right now (its replay store is full of live nonces): retry after ${retryAfter} s.`, { location: 'authorization', field: 'nonce_str', retry_after_seconds: retryAfter }, { 'Retry-After': String(retryAfter) });
    }
    if (admitted.nonce === 'replayed') {
      return refuse('NONCE_REPLAYED', `nonce_str ${auth.nonce} was already used within the last ${nonceTtl} s: sign every request with a fresh nonce.`, { location: 'authorization', field: 'nonce_str', value: auth.nonce });
    }
    exchange.verified = true;
    reportUnknownAnswerKey(exchange, auth, sender);
    if (admitted.rate !== undefined && !admitted.rate.ok) {
      // Not processed (the admission released the nonce): the same signed request may come again once the limit allows it.
      const retryAfter = Math.max(1, Math.ceil(admitted.rate.retryAfterSeconds));
      return refuse('RATE_LIMITED', `Too many requests signed with certificate ${sender.serialNo}: retry after ${retryAfter} s.`, { location: 'authorization', field: 'serial_no', value: sender.serialNo, retry_after_seconds: retryAfter }, { 'Retry-After': String(retryAfter) });
    }
    if (body.kind === 'refused') return body;
    try {
      return await afterAdmission(request, exchange, auth, sender, nonceKey, body, admitted.inbox);
    } catch (error) {
      await config.nonceStore.release(nonceKey).catch(() => undefined);
      throw error;
    }
  }

  /** UTF-8, JSON, the schema, then the body's mchid against the sender's allow-list: a refusal, or the notification. */
  function checkBody(request: ReceiverRequest, sender: LoadedSender): Refusal | CheckedBody {
    let text: string;
    try {
      text = utf8.decode(request.body);
    } catch {
      return refuse('INVALID_ENCODING', 'The body is not valid UTF-8.', { location: 'body' });
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      return refuse('INVALID_JSON', `The body is not valid JSON: ${(error as Error).message}`, { location: 'body' });
    }
    let parsed: ReturnType<typeof parseNotification>;
    try {
      parsed = parseNotification(value);
    } catch (error) {
      // Stryker disable next-line ConditionalExpression: the parser throws only AuditNotifyError.
      if (!isAuditNotifyError(error)) throw error;
      return refuse('PARAM_ERROR', error.message, paramErrorDetail(error.detail ?? {}));
    }
    const notificationMchid = parsed.notification.mchid;
    if (sender.mchids !== undefined && !sender.mchids.has(notificationMchid)) {
      return refuse('MCHID_NOT_ALLOWED', `The signed body's mchid ${notificationMchid} is not allowed to send with certificate ${sender.serialNo}.`, { location: 'body', field: '/mchid', value: notificationMchid });
    }
    return { kind: 'checked', ...parsed };
  }

  async function afterAdmission(request: ReceiverRequest, exchange: Exchange, auth: AuthorizationFields, sender: LoadedSender, nonceKey: string, parsed: CheckedBody, claim: InboxClaim | undefined): Promise<Refusal | Accepted> {
    const { notification } = parsed;
    const context: NotifyContext = {
      notification,
      raw: request.body,
      warnings: parsed.warnings,
      unknownFields: parsed.unknownFields,
      mchid: auth.mchid,
      notificationMchid: notification.mchid,
      serialNo: sender.serialNo,
      requestId: exchange.requestId,
      answer: (retMsg) => CustomAnswer.of(retMsg),
    };
    // The handler's outcome: the answer to send, or the refusal that makes the sender retry.
    const runHandler = async (): Promise<Refusal | NotifyAnswer> => {
      let returned: unknown;
      try {
        returned = await config.handler(context);
      } catch (error) {
        return handlerFailed(nonceKey, 'The notification handler failed: retry with the same out_request_no.', error);
      }
      // Only answer('…') chooses the answer: whatever else the handler returned (a saved row, a count) is ignored.
      const chosen = CustomAnswer.chosenBy(returned);
      return { ret_msg: chosen === undefined ? 'SUCC' : chosen.ret_msg };
    };
    const event = { status: 200, requestId: exchange.requestId, mchid: auth.mchid, serialNo: sender.serialNo, outRequestNo: notification.out_request_no, auditResult: notification.audit_result };
    const isRefusal = (outcome: Refusal | NotifyAnswer): outcome is Refusal => (outcome as Partial<Refusal>).kind === 'refused';
    const processed = await processOnce(
      config.inbox,
      { mchid: notification.mchid, outRequestNo: notification.out_request_no },
      claim,
      runHandler,
      (outcome) => (isRefusal(outcome) ? undefined : outcome),
    );
    switch (processed.kind) {
      case 'ran':
        return isRefusal(processed.result) ? processed.result : { kind: 'accepted', answer: processed.result, event };
      case 'duplicate':
        callHook(config.onDuplicate, event);
        return { kind: 'accepted', answer: processed.answer, event, duplicate: true };
      case 'conflict':
        return refuse('OUT_REQUEST_NO_CONFLICT', `out_request_no ${notification.out_request_no} of mchid ${notification.mchid} was already received with other fields; a notification is never changed once received: send a new out_request_no.`, { location: 'body', field: '/out_request_no', value: notification.out_request_no });
      case 'in_progress': {
        // Not processed here: the same signed request may come again.
        await config.nonceStore.release(nonceKey);
        const retryAfter = processed.retryAfterSeconds;
        return refuse('NOTIFICATION_IN_PROGRESS', `out_request_no ${notification.out_request_no} is being processed by another delivery: retry after ${retryAfter} s.`, { location: 'body', field: '/out_request_no', value: notification.out_request_no, retry_after_seconds: retryAfter }, { 'Retry-After': String(retryAfter) });
      }
    }
  }

  async function handlerFailed(nonceKey: string, message: string, cause: unknown): Promise<Refusal> {
    // Protocol.md §2: 500 makes the sender retry; its retry must not be refused as a replay.
    await config.nonceStore.release(nonceKey);
    return { kind: 'refused', code: 'HANDLER_FAILED', message, cause };
  }

  function openExchange(headers: ReceiverRequest['headers'] | undefined): Exchange {
    const answerKeyId = readHeader(headers ?? {}, 'wechatpay-serial');
    // Answers are signed with the key the request named (protocol.md §4), a serial in any notation; without
    // one, or with an unknown one, the first key, as WeChat Pay falls back to another key.
    // Stryker disable next-line ConditionalExpression: findBySerialNumber finds no key for undefined either.
    const named = answerKeyId === undefined ? undefined : findBySerialNumber(config.answerKeys, answerKeyId)?.[1];
    return { requestId: globalThis.crypto.randomUUID(), answerKeyId, answerKey: named ?? config.firstAnswerKey, answerKeyUnknown: answerKeyId !== undefined && named === undefined, verified: false };
  }

  /** Tells `onUnknownAnswerKey` that a verified request named an answer key this receiver does not have. */
  function reportUnknownAnswerKey(exchange: Exchange, auth: AuthorizationFields, sender: LoadedSender): void {
    const { answerKeyId } = exchange;
    if (!exchange.answerKeyUnknown || answerKeyId === undefined) return;
    callHook(config.onUnknownAnswerKey, { requestId: exchange.requestId, answerKeyId, answeredWith: exchange.answerKey.id, mchid: auth.mchid, serialNo: sender.serialNo });
  }

  /** 500 RAW_BODY_UNAVAILABLE: an infrastructure fault of the app (parser order), so onError, not onRejected. */
  async function rawBodyUnavailable(exchange: Exchange, reason: string): Promise<ReceiverResponse> {
    const refusal = refuse('RAW_BODY_UNAVAILABLE', 'The raw request body is not available, so its signature cannot be checked.');
    const event = rejectedEvent(refusal.code, refusal.message, exchange);
    callHook(config.onError, new AuditNotifyError('RAW_BODY_UNAVAILABLE', reason), event);
    return refusalAnswer(refusal, exchange);
  }

  /** Wraps a failure to answer (signing) as INTERNAL_ERROR, reported to onError, as handle() does. */
  function fault(error: unknown, exchange: Exchange): AuditNotifyError {
    const wrapped =
      isAuditNotifyError(error) && error.code === 'INTERNAL_ERROR'
        ? error
        : new AuditNotifyError('INTERNAL_ERROR', 'The receiver could not complete the request: its nonce store, rate limiter or signing engine failed.', { cause: error });
    callHook(config.onError, wrapped, rejectedEvent('INTERNAL_ERROR', wrapped.message, exchange));
    return wrapped;
  }

  async function refuseBeforeBody(request: Omit<ReceiverRequest, 'body'>, code: RefusedBeforeBody, detail: RefuseDetail = {}): Promise<ReceiverResponse> {
    if (code !== 'BODY_TOO_LARGE' && code !== 'RAW_BODY_UNAVAILABLE') {
      throw new TypeError(`refuse() answers BODY_TOO_LARGE or RAW_BODY_UNAVAILABLE, not ${String(code)}.`);
    }
    const exchange = openExchange(request.headers);
    try {
      if (code === 'RAW_BODY_UNAVAILABLE') {
        // Stryker disable next-line StringLiteral: the default reason is only the message of the error passed to onError (message text).
        return await rawBodyUnavailable(exchange, detail.reason ?? 'The request stream was consumed before the receiver could read its raw bytes; a body parser ran before the receiver.');
      }
      // Say only what is known: the declared length when there is one, else that more than the limit arrived.
      const declared = Number(readHeader(request.headers ?? {}, 'content-length') ?? Number.NaN);
      const limit = config.bodyLimit;
      const known = Number.isSafeInteger(declared) && declared > limit;
      const message = known
        ? `The body declares ${declared} bytes (Content-Length), over the limit of ${limit}.`
        : `The body is longer than the limit of ${limit} bytes${detail.receivedBytes !== undefined ? ` (${detail.receivedBytes} bytes arrived before reading stopped)` : ''}.`;
      const refusal = refuse('BODY_TOO_LARGE', message, {
        location: 'body',
        limit,
        ...(known ? { length: declared } : {}),
        // Stryker disable next-line ConditionalExpression: JSON.stringify drops received_bytes when it is undefined, and no event carries it.
        ...(detail.receivedBytes !== undefined ? { received_bytes: detail.receivedBytes } : {}),
      });
      callHook(config.onRejected, rejectedEvent(refusal.code, refusal.message, exchange));
      return await refusalAnswer(refusal, exchange);
    } catch (error) {
      throw fault(error, exchange);
    }
  }

  async function handle(request: ReceiverRequest): Promise<ReceiverResponse> {
    const exchange = openExchange(request.headers);
    try {
      if (!(request.body instanceof Uint8Array)) {
        return await rawBodyUnavailable(exchange, 'handle() needs the body as the raw received bytes (a Uint8Array); a body parser ran before the receiver.');
      }
      const outcome = await check(request, exchange);
      if (outcome.kind === 'accepted') {
        const response = await answer(200, outcome.answer, exchange);
        if (outcome.duplicate !== true) callHook(config.onAccepted, outcome.event);
        return response;
      }
      const event = rejectedEvent(outcome.code, outcome.message, exchange);
      if (outcome.code === 'HANDLER_FAILED') callHook(config.onError, outcome.cause, event);
      else callHook(config.onRejected, event);
      return await refusalAnswer(outcome, exchange);
    } catch (error) {
      throw fault(error, exchange);
    }
  }

  return { handle, refuse: refuseBeforeBody, path: config.path, bodyLimit: config.bodyLimit };
}
