/**
 * Options of {@link createReceiver} and their start-up validation: bad options throw `INVALID_OPTIONS` when
 * the receiver is created, never later on a request (docs/architecture.md, three tiers of failure).
 */
import type {
  Clock,
  KeyInput,
  PrivateKeyHandle,
  PublicKeyHandle,
  SignatureEngine,
} from '../types.js';
import type { ErrorCode } from '../errors.js';
import type { AuditResultNotification, LintWarning, UnknownFields } from '../schema/index.js';
import type { CustomAnswer } from './custom-answer.js';
import type { Admit, Inbox, NonceStore, RateLimiter } from './stores.js';
import { admissionOf } from './admission.js';
import { AuditNotifyError } from '../errors.js';
import { isWireToken, privateKeyOption, publicKeyOption } from '../client/key-option.js';
import { defaultEngine } from '#runtime';
import { systemClock } from '../signing/index.js';
import { NOTIFY_PATH, DEFAULT_WINDOW_SECONDS } from '../protocol/constants.js';
import { serialNumberKey } from '../protocol/serial-number.js';
import { createMemoryNonceStore } from './nonce-store.js';
import { createMemoryRateLimiter } from './rate-limiter.js';

/**
 * A sender the receiver accepts: its certificate serial (the `serial_no` of its Authorization header), its
 * public key, and optionally the mchids allowed to sign with it. Several at once allow key rotation.
 *
 * @example
 * ```ts
 * const sender: SenderKey = { serialNo: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1', publicKey: { path: 'apiclient_pub.pem' }, mchids: ['1900016681'] };
 * ```
 */
export interface SenderKey {
  /** Certificate serial: a hex number, compared in any case and without leading zeros (protocol/serial-number.ts); other ids exactly. */
  serialNo: string;
  /** The sender's public key or certificate; loaded once at start-up. */
  publicKey: PublicKeyHandle | KeyInput;
  /**
   * mchids allowed to sign with this key; any mchid when absent. Both the Authorization mchid and the signed
   * body's are checked: a request naming another one gets `403 NO_AUTH` (MCHID_NOT_ALLOWED).
   */
  mchids?: readonly string[];
}

/**
 * A key the receiver signs its answers with, known to senders by `id` (`PUB_KEY_ID_…`, protocol.md §4).
 *
 * @example
 * ```ts
 * const answerKey: AnswerKey = { id: 'PUB_KEY_ID_0119000166812025091500000000000001', privateKey: { path: 'wxp_key.pem' } };
 * ```
 */
export interface AnswerKey {
  id: string;
  privateKey: PrivateKeyHandle | KeyInput;
}

/**
 * What the handler receives: the parsed, typed notification and the exact bytes it came in.
 *
 * @example
 * ```ts
 * const handler: NotifyHandler = async ({ notification, requestId }) => {
 *   await db.saveAuditResult(notification.out_request_no, notification.audit_result, requestId);
 * };
 * ```
 */
export interface NotifyContext {
  /** The documented fields, typed. */
  notification: AuditResultNotification;
  /** The raw body bytes the signature was verified over. */
  raw: Uint8Array;
  /** Lint warnings (for example fail fields sent with PASS, which the documentation's example does). */
  warnings: LintWarning[];
  /** Body fields the documentation does not define, with their values as they came: accepted and kept (protocol.md §1). */
  unknownFields: UnknownFields;
  /**
   * mchid of the Authorization header (the caller). The signature does not cover it; `senders[].mchids`
   * holds it and {@link NotifyContext.notificationMchid} to the key.
   */
  mchid: string;
  /** mchid of the signed body (`notification.mchid`): the one the signature proves. */
  notificationMchid: string;
  /** Serial of the sender whose key verified the request, as configured in `senders` (whatever notation the request used). */
  serialNo: string;
  /** The Request-ID of this exchange's answer. */
  requestId: string;
  /**
   * Returns a custom answer `{"ret_msg": retMsg}`; `return answer('…')` from the handler to send it instead of
   * `{"ret_msg":"SUCC"}`. Throws `ANSWER_INVALID` for a `retMsg` that is not an APIv3 string (then the
   * handler fails and the sender retries).
   */
  answer(retMsg: string): CustomAnswer;
}

/**
 * The application's handler. Once it returns (or its promise resolves) the receiver answers
 * `200 {"ret_msg":"SUCC"}`, whatever it returned: `handler: ({ notification }) => save(notification)` is safe
 * whatever `save` resolves to. The one exception is `return answer('…')` for a custom `ret_msg`. Throw (or
 * reject) to make the receiver answer `500 SYSTEM_ERROR` so the sender retries with the same
 * `out_request_no`. Make it idempotent on `out_request_no`: retries deliver the same notification again.
 *
 * @example
 * ```ts
 * const handler: NotifyHandler = async ({ notification, answer }) => {
 *   await save(notification);
 *   return answer(`SUCC ${notification.out_request_no}`); // optional: without it, {"ret_msg":"SUCC"}
 * };
 * ```
 */
export type NotifyHandler = (context: NotifyContext) => unknown;

/**
 * Passed to `onRejected` and `onError`: codes and ids only, never key material or the body.
 *
 * @example
 * ```ts
 * const onRejected = (event: RejectedEvent) => log.warn(event.code, event.status, event.requestId);
 * ```
 */
export interface RejectedEvent {
  code: ErrorCode;
  status: number;
  message: string;
  requestId: string;
  /** From the Authorization header once it parsed (before the signature verified: not trusted). */
  mchid?: string;
  serialNo?: string;
}

/**
 * Passed to `onAccepted` once the handler succeeded and the answer is built.
 *
 * @example
 * ```ts
 * const onAccepted = (event: AcceptedEvent) => metrics.increment('notify.accepted', { result: event.auditResult });
 * ```
 */
export interface AcceptedEvent {
  status: number;
  requestId: string;
  mchid: string;
  serialNo: string;
  outRequestNo: string;
  auditResult: AuditResultNotification['audit_result'];
}

/**
 * Passed to `onUnknownAnswerKey`: a verified request named, in `Wechatpay-Serial`, a key this receiver does
 * not sign with (a sender still on the old key id during a rotation). It was processed, and its answer
 * signed with the default answer key (`answeredWith`), as WeChat Pay falls back to another key.
 *
 * @example
 * ```ts
 * const onUnknownAnswerKey = (event: UnknownAnswerKeyEvent) => log.warn(`sender asked for ${event.answerKeyId}, answered with ${event.answeredWith}`);
 * ```
 */
export interface UnknownAnswerKeyEvent {
  requestId: string;
  /** `Wechatpay-Serial` as the request sent it. */
  answerKeyId: string;
  /** The id of the answer key the answer was signed with: the first of `answerKeys`. */
  answeredWith: string;
  mchid: string;
  serialNo: string;
}

/**
 * Options of {@link createReceiver}.
 *
 * @example
 * ```ts
 * const options: ReceiverOptions = {
 *   senders: [{ serialNo: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1', publicKey: { path: 'apiclient_pub.pem' } }],
 *   answerKeys: [{ id: 'PUB_KEY_ID_0119000166812025091500000000000001', privateKey: { path: 'wxp_key.pem' } }],
 *   handler: async ({ notification }) => { await save(notification); },
 * };
 * ```
 */
export interface ReceiverOptions {
  senders: readonly SenderKey[];
  answerKeys: readonly AnswerKey[];
  handler: NotifyHandler;
  /** Path the adapters mount the receiver at. Default {@link NOTIFY_PATH}. */
  path?: string;
  /** Timestamp window in seconds: reject when |now − timestamp| is more than it. Default 300 (protocol.md §3). */
  windowSeconds?: number;
  /** Largest body in bytes; longer ones get `413`. Default 65 536. */
  bodyLimit?: number;
  /** Replay store. Default an in-memory store (one process). */
  nonceStore?: NonceStore;
  /**
   * Limiter per sender certificate (the serial whose key verified the request, never the unsigned
   * Authorization mchid), or `false` for none. Default 200 a minute in memory.
   */
  rateLimiter?: RateLimiter | false;
  /** Time source in Unix seconds. Default the system clock. */
  clock?: Clock;
  /** Signature engine. Default the shared `node:crypto` engine. */
  engine?: SignatureEngine;
  /** Called for every request refused by a check (4xx). Errors it throws are ignored. */
  onRejected?: (event: RejectedEvent) => void;
  /** Called when the handler fails (500) or infrastructure fails. Errors it throws are ignored. */
  onError?: (error: unknown, event: RejectedEvent) => void;
  /** Called after an accepted notification. Errors it throws are ignored. */
  onAccepted?: (event: AcceptedEvent) => void;
  /**
   * Idempotency records per `(mchid, out_request_no)` (receiver/stores.ts): with one, the handler runs to
   * success at most once per notification, a resend answers the recorded answer and calls `onDuplicate`.
   * Default none: every delivery that passes the checks runs the handler (at-least-once).
   */
  inbox?: Inbox;
  /** How long an inbox claim holds while the handler runs, in seconds; then another delivery may take it over. Default 60. */
  inboxLeaseSeconds?: number;
  /** Called when a delivery of an already processed notification was answered from the inbox. Errors it throws are ignored. */
  onDuplicate?: (event: AcceptedEvent) => void;
  /**
   * Called when a request whose signature verified names an unknown answer key in `Wechatpay-Serial`; the
   * answer is signed with the first of `answerKeys` instead. Errors it throws are ignored.
   */
  onUnknownAnswerKey?: (event: UnknownAnswerKeyEvent) => void;
}

/**
 * Default largest body: 64 KiB, far above the largest valid notification (about 1.3 KiB of fields).
 *
 * @example
 * ```ts
 * createReceiver({ ...options, bodyLimit: DEFAULT_BODY_LIMIT / 4 });
 * ```
 */
export const DEFAULT_BODY_LIMIT = 65_536;

/**
 * Default lease of an inbox claim: 60 s, far above a handler's usual run and short enough that a sender's
 * retry after a crashed receiver is processed within minutes.
 *
 * @example
 * ```ts
 * createReceiver({ ...options, inbox, inboxLeaseSeconds: DEFAULT_INBOX_LEASE_SECONDS * 2 });
 * ```
 */
export const DEFAULT_INBOX_LEASE_SECONDS = 60;

const KNOWN_OPTIONS = new Set([
  'senders',
  'answerKeys',
  'handler',
  'path',
  'windowSeconds',
  'bodyLimit',
  'nonceStore',
  'rateLimiter',
  'clock',
  'engine',
  'onRejected',
  'onError',
  'onAccepted',
  'inbox',
  'inboxLeaseSeconds',
  'onDuplicate',
  'onUnknownAnswerKey',
]);

/**
 * A sender with its key loaded.
 *
 * @example
 * ```ts
 * const sender: LoadedSender = { serialNo, publicKey: loadPublicKey(pem), mchids: new Set(['1900016681']) };
 * ```
 */
export interface LoadedSender {
  serialNo: string;
  publicKey: PublicKeyHandle;
  mchids: ReadonlySet<string> | undefined;
}

/**
 * An answer key with its key loaded.
 *
 * @example
 * ```ts
 * const key: LoadedAnswerKey = { id: 'PUB_KEY_ID_0119000166812025091500000000000001', privateKey: loadPrivateKey(pem) };
 * ```
 */
export interface LoadedAnswerKey {
  id: string;
  privateKey: PrivateKeyHandle;
}

/**
 * Options after validation: keys loaded, defaults filled.
 *
 * @example
 * ```ts
 * const { senders, windowSeconds } = resolveReceiverOptions(options);
 * ```
 */
export interface ResolvedReceiverOptions {
  /** By `serialNumberKey(serialNo)`. */
  senders: ReadonlyMap<string, LoadedSender>;
  answerKeys: ReadonlyMap<string, LoadedAnswerKey>;
  firstAnswerKey: LoadedAnswerKey;
  handler: NotifyHandler;
  path: string;
  windowSeconds: number;
  bodyLimit: number;
  nonceStore: NonceStore;
  rateLimiter: RateLimiter | undefined;
  clock: Clock;
  engine: SignatureEngine;
  onRejected: ((event: RejectedEvent) => void) | undefined;
  onError: ((error: unknown, event: RejectedEvent) => void) | undefined;
  onAccepted: ((event: AcceptedEvent) => void) | undefined;
  inbox: Inbox | undefined;
  inboxLeaseSeconds: number;
  /** The stores' admission of one request (admission.ts): the backend's own when it has one. */
  admit: Admit;
  onDuplicate: ((event: AcceptedEvent) => void) | undefined;
  onUnknownAnswerKey: ((event: UnknownAnswerKeyEvent) => void) | undefined;
}

function invalid(message: string, cause?: unknown): AuditNotifyError {
  return new AuditNotifyError('INVALID_OPTIONS', `createReceiver: ${message}`, cause === undefined ? {} : { cause });
}

function optionalFunction<T>(options: Record<string, unknown>, name: string): T | undefined {
  const value = options[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'function') throw invalid(`\`${name}\` must be a function.`);
  return value as T;
}

function positiveInteger(options: Record<string, unknown>, name: string, fallback: number): number {
  const value = options[name];
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    throw invalid(`\`${name}\` must be a positive integer, got ${String(value)}.`);
  }
  return value;
}

/**
 * Checks a non-empty list of `{ idField, … }` objects with unique wire-token ids and no unknown keys, then
 * builds each entry; `purpose` ends the message for an empty list.
 */
function keyedList<T>(
  list: 'senders' | 'answerKeys',
  value: unknown,
  fields: { id: string; others: readonly string[]; purpose: string; key?: (id: string) => string },
  build: (entry: Record<string, unknown>, id: string, where: string) => T,
): Map<string, T> {
  const shape = `{ ${[fields.id, ...fields.others].join(', ')} }`;
  if (!Array.isArray(value) || value.length === 0) throw invalid(`\`${list}\` must list at least one ${shape} (${fields.purpose}).`);
  const known = new Set([fields.id, ...fields.others.map((name) => name.replace(/\?$/, ''))]);
  const entries = new Map<string, T>();
  value.forEach((entry: unknown, index) => {
    const where = `${list}[${index}]`;
    if (typeof entry !== 'object' || entry === null) throw invalid(`${where} must be an object ${shape}.`);
    const record = entry as Record<string, unknown>;
    const unknown = Object.keys(record).filter((key) => !known.has(key));
    if (unknown.length > 0) throw invalid(`${where} has unknown option(s): ${unknown.join(', ')}.`);
    const id = record[fields.id];
    if (!isWireToken(id)) throw invalid(`${where}.${fields.id} must be a non-empty string without spaces, quotes or commas.`);
    const key = fields.key?.(id) ?? id;
    if (entries.has(key)) throw invalid(`${where}.${fields.id} ${id} is listed twice${key === id ? '' : ` (as ${key})`}.`);
    entries.set(key, build(record, id, where));
  });
  return entries;
}

function resolveSenders(value: unknown): Map<string, LoadedSender> {
  // Keyed by the serial's number, so a request may write it in any case and with or without leading zeros.
  const fields = { id: 'serialNo', others: ['publicKey', 'mchids?'], purpose: 'the keys requests are verified with', key: serialNumberKey };
  return keyedList('senders', value, fields, ({ publicKey, mchids }, serialNo, where) => {
    if (mchids !== undefined && (!Array.isArray(mchids) || mchids.length === 0 || !mchids.every(isWireToken))) {
      throw invalid(`${where}.mchids must be a non-empty array of mchid strings (omit it to allow any mchid).`);
    }
    return {
      serialNo,
      publicKey: publicKeyOption(publicKey, `createReceiver: ${where}.publicKey`),
      mchids: mchids === undefined ? undefined : new Set(mchids as string[]),
    };
  });
}

function resolveAnswerKeys(value: unknown): Map<string, LoadedAnswerKey> {
  const fields = { id: 'id', others: ['privateKey'], purpose: 'the keys answers are signed with' };
  return keyedList('answerKeys', value, fields, ({ privateKey }, id, where) => ({
    id,
    privateKey: privateKeyOption(privateKey, `createReceiver: ${where}.privateKey`),
  }));
}

/**
 * Validates {@link ReceiverOptions}, loads every key once and fills the defaults; throws `INVALID_OPTIONS`
 * with a message naming the bad option.
 *
 * @example
 * ```ts
 * const resolved = resolveReceiverOptions(options); // throws INVALID_OPTIONS for a missing handler
 * ```
 */
export function resolveReceiverOptions(options: ReceiverOptions): ResolvedReceiverOptions {
  if (typeof options !== 'object' || options === null) throw invalid('options must be an object.');
  const raw = options as unknown as Record<string, unknown>;
  const unknown = Object.keys(raw).filter((key) => !KNOWN_OPTIONS.has(key));
  if (unknown.length > 0) {
    throw invalid(`unknown option(s): ${unknown.join(', ')} (known: ${[...KNOWN_OPTIONS].join(', ')}).`);
  }
  if (typeof raw.handler !== 'function') throw invalid('`handler` is required: a function that receives the notification.');

  const path = raw.path ?? NOTIFY_PATH;
  if (typeof path !== 'string' || !path.startsWith('/')) throw invalid('`path` must be a string starting with "/".');

  const nonceStore = raw.nonceStore;
  if (
    nonceStore !== undefined &&
    (typeof nonceStore !== 'object' ||
      nonceStore === null ||
      typeof (nonceStore as NonceStore).claim !== 'function' ||
      typeof (nonceStore as NonceStore).release !== 'function')
  ) {
    throw invalid('`nonceStore` must have claim(key, ttlSeconds) and release(key) methods.');
  }
  const rateLimiter = raw.rateLimiter;
  if (
    rateLimiter !== undefined &&
    rateLimiter !== false &&
    (typeof rateLimiter !== 'object' || rateLimiter === null || typeof (rateLimiter as RateLimiter).take !== 'function')
  ) {
    throw invalid('`rateLimiter` must have a take(key) method, or be false.');
  }
  const engine = raw.engine;
  if (
    engine !== undefined &&
    (typeof engine !== 'object' ||
      engine === null ||
      typeof (engine as SignatureEngine).sign !== 'function' ||
      typeof (engine as SignatureEngine).verify !== 'function')
  ) {
    throw invalid('`engine` must be a SignatureEngine (sign and verify methods).');
  }
  const clock = optionalFunction<Clock>(raw, 'clock') ?? systemClock;
  const inbox = raw.inbox;
  if (
    inbox !== undefined &&
    (typeof inbox !== 'object' ||
      inbox === null ||
      !['claim', 'complete', 'release'].every((name) => typeof (inbox as Record<string, unknown>)[name] === 'function'))
  ) {
    throw invalid('`inbox` must have claim(key, fieldsHash, leaseSeconds), complete(key, token, answer) and release(key, token) methods.');
  }

  const senders = resolveSenders(raw.senders);
  const answerKeys = resolveAnswerKeys(raw.answerKeys);
  const firstAnswerKey = answerKeys.values().next().value as LoadedAnswerKey;

  const resolvedNonceStore = (nonceStore as NonceStore | undefined) ?? createMemoryNonceStore({ clock });
  const resolvedRateLimiter = rateLimiter === false ? undefined : ((rateLimiter as RateLimiter | undefined) ?? createMemoryRateLimiter({ clock }));
  const resolvedInbox = inbox as Inbox | undefined;

  return {
    senders,
    answerKeys,
    firstAnswerKey,
    handler: raw.handler as NotifyHandler,
    path,
    windowSeconds: positiveInteger(raw, 'windowSeconds', DEFAULT_WINDOW_SECONDS),
    bodyLimit: positiveInteger(raw, 'bodyLimit', DEFAULT_BODY_LIMIT),
    nonceStore: resolvedNonceStore,
    rateLimiter: resolvedRateLimiter,
    clock,
    engine: (engine as SignatureEngine | undefined) ?? defaultEngine(),
    onRejected: optionalFunction(raw, 'onRejected'),
    onError: optionalFunction(raw, 'onError'),
    onAccepted: optionalFunction(raw, 'onAccepted'),
    inbox: resolvedInbox,
    admit: admissionOf(resolvedNonceStore, resolvedRateLimiter, resolvedInbox),
    inboxLeaseSeconds: positiveInteger(raw, 'inboxLeaseSeconds', DEFAULT_INBOX_LEASE_SECONDS),
    onDuplicate: optionalFunction(raw, 'onDuplicate'),
    onUnknownAnswerKey: optionalFunction(raw, 'onUnknownAnswerKey'),
  };
}
