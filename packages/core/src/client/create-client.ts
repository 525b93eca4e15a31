/**
 * The sending client (docs/architecture.md, data flow, sender side): notification → zod check → serialise once → sign
 * those bytes → POST to the primary host, the backup only when the primary cannot be reached → verify the
 * answer's signature → typed result or typed error.
 */
import type { Clock, KeyInput, PrivateKeyHandle, PublicKeyHandle, SignatureEngine } from '../types.js';
import type { LintWarning, NotificationFields, NotifyAnswer } from '../schema/index.js';
import type { ResolvedRetryOptions, RetryOptions } from './backoff.js';
import { AuditNotifyError, isAuditNotifyError } from '../errors.js';
import { answerSchema, errorBodySchema, parseNotification, serializeNotification } from '../schema/index.js';
import { signRequest, systemClock, verifyResponse } from '../signing/index.js';
import { defaultEngine } from '#runtime';
import { BACKUP_HOST, DEFAULT_REQUESTS_PER_MINUTE, NOTIFY_PATH, PRIMARY_HOST } from '../protocol/constants.js';
import { ApiError } from './api-error.js';
import { backoffDelay, DEFAULT_RETRY, parseRetryAfter } from './backoff.js';
import { createSendLimiter } from './send-limiter.js';
import { isWireToken, privateKeyOption, publicKeyOption } from './key-option.js';

/**
 * Options of {@link createClient}.
 *
 * @example
 * ```ts
 * const options: ClientOptions = {
 *   mchid: '1900016681',
 *   serialNo: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1',
 *   privateKey: { path: 'apiclient_key.pem' },
 *   wechatpayPublicKeys: [{ id: 'PUB_KEY_ID_0119000166812025091500000000000001', publicKey: { path: 'wxp_pub.pem' } }],
 * };
 * ```
 */
export interface ClientOptions {
  /** The sender's mchid (Authorization `mchid`). */
  mchid: string;
  /** Serial of the sender's certificate (Authorization `serial_no`). */
  serialNo: string;
  /** The sender's private key; loaded once. */
  privateKey: PrivateKeyHandle | KeyInput;
  /**
   * Keys answers are verified with, by id (`PUB_KEY_ID_…`). The first id is sent in `Wechatpay-Serial`, so the
   * receiver signs with it; list the next key too while keys rotate.
   */
  wechatpayPublicKeys: readonly { id: string; publicKey: PublicKeyHandle | KeyInput }[];
  /** Hosts tried in order, each only when the ones before it cannot be reached. Default primary, backup. */
  hosts?: readonly string[];
  /** The `fetch` to use. Default `globalThis.fetch`. */
  fetch?: typeof fetch;
  /** Signature engine. Default the shared `node:crypto` engine. */
  engine?: SignatureEngine;
  /** Time source in Unix seconds, for signatures, answer checks and the limiter. Default the system clock. */
  clock?: Clock;
  /** Retries of 5xx, 429 and network failures. */
  retry?: RetryOptions;
  /** Client-side limit, or `false` for none. Default 200 a minute (protocol.md §1). */
  rateLimit?: { perMinute?: number } | false;
  /** Time limit of one HTTP request in milliseconds. Default 10 000. */
  timeoutMs?: number;
  /** Waits between attempts; injectable for tests. Default a timer. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Random numbers in [0, 1) for the backoff jitter; injectable for tests. Default `Math.random`. */
  random?: () => number;
  /** `User-Agent` header. Default `auditnotify/0.1`. */
  userAgent?: string;
}

/**
 * Per-call options of `client.send`.
 *
 * @example
 * ```ts
 * await client.send(notification, { url: 'http://127.0.0.1:3000/v3/aggracct-bc/wb-channel/control-orders/info/update/result/notify', signal: AbortSignal.timeout(30_000) });
 * ```
 */
export interface SendOptions {
  /** A full URL: talk to that server only (no failover), for tests and local receivers. */
  url?: string;
  /** Abort the send, waits included. */
  signal?: AbortSignal;
}

/**
 * A verified 2xx answer.
 *
 * @example
 * ```ts
 * const result: SendResult = await client.send(notification);
 * console.log(result.status, result.answer.ret_msg, result.requestId, result.verified.keyId);
 * ```
 */
export interface SendResult {
  status: number;
  /** The answer body, checked with `answerSchema` (`{}` for an empty body). */
  answer: NotifyAnswer;
  /** The answer's `Request-ID`. */
  requestId?: string;
  /** HTTP requests made, failovers included. */
  attempts: number;
  /** The URL that answered. */
  url: string;
  /** The exact bytes sent (the same on every attempt). */
  requestBody: Uint8Array;
  /** The exact bytes received. */
  responseBody: Uint8Array;
  /** The answer's headers, names in lower case. */
  headers: Record<string, string>;
  /** The key the answer's signature verified with. */
  verified: { keyId: string };
  /** Lint warnings of the notification (sent anyway), such as fail fields with PASS. */
  warnings: LintWarning[];
}

/**
 * A client made by {@link createClient}.
 *
 * @example
 * ```ts
 * const { answer } = await client.send({ out_request_no: 'htozr8denqegbt6tk6u10iymo7yww5pn', mchid: '1900016681', audit_result: 'PASS' });
 * ```
 */
export interface Client {
  /**
   * Validates (the type is checked at compile time, the values at run time: limits, formats, characters),
   * signs and sends one notification, retrying with the same bytes and `out_request_no`.
   * Throws `VALIDATION_FAILED` (nothing sent), {@link ApiError} (non-2xx), `ANSWER_*` (a 2xx that failed
   * verification: it may have been processed), `NETWORK_ERROR` or `TIMEOUT`.
   */
  send(notification: NotificationFields, options?: SendOptions): Promise<SendResult>;
}

const KNOWN_OPTIONS = new Set([
  'mchid',
  'serialNo',
  'privateKey',
  'wechatpayPublicKeys',
  'hosts',
  'fetch',
  'engine',
  'clock',
  'retry',
  'rateLimit',
  'timeoutMs',
  'sleep',
  'random',
  'userAgent',
]);

function invalid(message: string): AuditNotifyError {
  return new AuditNotifyError('INVALID_OPTIONS', `createClient: ${message}`);
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function parseTarget(url: string, option: string): { url: string; canonical: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalid(`${option} ${JSON.stringify(url)} is not an absolute URL.`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw invalid(`${option} must be an http(s) URL.`);
  // The signed URL is the path and query exactly as `fetch` will send them (protocol.md §3, §7.6).
  return { url: parsed.href, canonical: `${parsed.pathname}${parsed.search}` };
}

function resolveRetry(value: unknown): ResolvedRetryOptions {
  if (value === undefined) return DEFAULT_RETRY;
  if (typeof value !== 'object' || value === null) throw invalid('`retry` must be an object { attempts, baseDelayMs, maxDelayMs }.');
  const retry = { ...DEFAULT_RETRY, ...(value as RetryOptions) };
  if (!Number.isSafeInteger(retry.attempts) || retry.attempts < 1) throw invalid('`retry.attempts` must be an integer ≥ 1.');
  for (const name of ['baseDelayMs', 'maxDelayMs', 'maxRetryAfterMs'] as const) {
    if (!(Number.isFinite(retry[name]) && retry[name] >= 0)) throw invalid(`\`retry.${name}\` must be a number ≥ 0.`);
  }
  return retry;
}

function headersOf(response: Response): Record<string, string> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  return headers;
}

const utf8 = new TextDecoder();

/**
 * Creates the client that sends the audit-result notification. Options are checked and keys loaded at once
 * (`INVALID_OPTIONS`).
 *
 * Every attempt signs the same bytes with a fresh timestamp and nonce; 5xx, 429 and network failures are
 * retried with exponential backoff and jitter, honouring `Retry-After`; the backup host is tried only when
 * a host cannot be reached, never after an HTTP answer. Every 2xx answer's signature is verified
 * (protocol.md §4).
 *
 * @example
 * ```ts
 * const client = createClient({
 *   mchid: '1900016681',
 *   serialNo: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1',
 *   privateKey: { path: 'apiclient_key.pem' },
 *   wechatpayPublicKeys: [{ id: 'PUB_KEY_ID_0119000166812025091500000000000001', publicKey: { path: 'wxp_pub.pem' } }],
 * });
 * const result = await client.send({ out_request_no: 'htozr8denqegbt6tk6u10iymo7yww5pn', mchid: '1900016681', audit_result: 'PASS' });
 * ```
 */
export function createClient(options: ClientOptions): Client {
  if (typeof options !== 'object' || options === null) throw invalid('options must be an object.');
  const raw = options as unknown as Record<string, unknown>;
  const unknown = Object.keys(raw).filter((key) => !KNOWN_OPTIONS.has(key));
  if (unknown.length > 0) throw invalid(`unknown option(s): ${unknown.join(', ')} (known: ${[...KNOWN_OPTIONS].join(', ')}).`);
  const { mchid, serialNo } = options;
  if (!isWireToken(mchid)) throw invalid('`mchid` must be a non-empty string without spaces, quotes or commas.');
  if (!isWireToken(serialNo)) throw invalid('`serialNo` must be a non-empty string without spaces, quotes or commas.');
  const privateKey = privateKeyOption(options.privateKey, 'createClient: privateKey');
  if (!Array.isArray(options.wechatpayPublicKeys) || options.wechatpayPublicKeys.length === 0) {
    throw invalid('`wechatpayPublicKeys` must list at least one { id, publicKey }: every 2xx answer is verified with them.');
  }
  const publicKeys = new Map<string, PublicKeyHandle>();
  options.wechatpayPublicKeys.forEach((entry, index) => {
    const where = `wechatpayPublicKeys[${index}]`;
    if (typeof entry !== 'object' || entry === null || !isWireToken(entry.id)) throw invalid(`${where}.id must be a key id such as PUB_KEY_ID_….`);
    if (publicKeys.has(entry.id)) throw invalid(`${where}.id ${entry.id} is listed twice.`);
    publicKeys.set(entry.id, publicKeyOption(entry.publicKey, `createClient: ${where}.publicKey`));
  });
  const answerKeyId = options.wechatpayPublicKeys[0]?.id as string;

  const hostList = options.hosts ?? [PRIMARY_HOST, BACKUP_HOST];
  if (!Array.isArray(hostList) || hostList.length === 0) throw invalid('`hosts` must list at least one host URL.');
  const hostTargets = hostList.map((host: unknown, index) => {
    if (typeof host !== 'string') throw invalid(`hosts[${index}] must be a URL string.`);
    return parseTarget(`${host.replace(/\/+$/, '')}${NOTIFY_PATH}`, `hosts[${index}]`);
  });
  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== 'function') throw invalid('`fetch` must be a function (no global fetch here).');
  for (const name of ['clock', 'sleep', 'random'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'function') throw invalid(`\`${name}\` must be a function.`);
  }
  const clock = options.clock ?? systemClock;
  // The limiter and Retry-After dates need milliseconds; an injected clock drives them too, so tests pin time.
  const nowMs = options.clock === undefined ? (): number => Date.now() : (): number => clock() * 1000;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const engine = options.engine ?? defaultEngine();
  const retry = resolveRetry(options.retry);
  const timeoutMs = options.timeoutMs ?? 10_000;
  if (!(Number.isFinite(timeoutMs) && timeoutMs > 0)) throw invalid('`timeoutMs` must be a positive number.');
  const userAgent = options.userAgent ?? 'auditnotify/0.1';
  if (typeof userAgent !== 'string' || !/^[\x20-\x7e]+$/.test(userAgent)) throw invalid('`userAgent` must be printable ASCII on one line.');
  let limiter: ReturnType<typeof createSendLimiter> | undefined;
  if (options.rateLimit !== false) {
    const perMinute = options.rateLimit?.perMinute ?? DEFAULT_REQUESTS_PER_MINUTE;
    if (!(Number.isSafeInteger(perMinute) && perMinute > 0)) throw invalid('`rateLimit.perMinute` must be a positive integer.');
    limiter = createSendLimiter({ perMinute, now: nowMs, sleep });
  }

  /** One signed HTTP request; resolves with the answer, rejects on a network failure or timeout. */
  /**
   * One HTTP request of already signed bytes. Rejects only when the server cannot be reached or does not
   * answer in time: the failures that move on to the next host.
   */
  async function post(url: string, body: Uint8Array, authorization: string, signal: AbortSignal | undefined): Promise<{ response: Response; bytes: Uint8Array }> {
    const timeout = AbortSignal.timeout(timeoutMs);
    const response = await fetchImpl(url, {
      method: 'POST',
      headers: {
        Accept: 'application/json',
        'Content-Type': 'application/json',
        Authorization: authorization,
        'Wechatpay-Serial': answerKeyId,
        'User-Agent': userAgent,
      },
      body,
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      redirect: 'manual',
    });
    return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
  }

  async function accept(
    response: Response,
    bytes: Uint8Array,
    context: { url: string; attempts: number; body: Uint8Array; outRequestNo: string; warnings: LintWarning[] },
  ): Promise<SendResult> {
    const headers = headersOf(response);
    const requestId = headers['request-id'];
    const processed = `The answer was HTTP ${response.status}, so the notification may have been processed: do not resend it with a new out_request_no (a retry with the same out_request_no is safe).`;
    const facts = { status: response.status, url: context.url, out_request_no: context.outRequestNo, may_have_been_processed: true, ...(requestId ? { requestId } : {}) };
    let keyId: string;
    try {
      // Protocol.md §4: a 2xx without a valid signature is treated as forged.
      ({ keyId } = await verifyResponse({ headers: response.headers, body: bytes, publicKeys, clock, engine }));
    } catch (error) {
      if (!isAuditNotifyError(error)) throw error;
      const message = /do not resend/i.test(error.message) ? error.message : `${error.message} ${processed}`;
      throw new AuditNotifyError(error.code, message, { detail: { ...error.detail, ...facts }, cause: error });
    }
    let answer: NotifyAnswer = {};
    if (bytes.byteLength > 0) {
      let value: unknown;
      try {
        value = JSON.parse(utf8.decode(bytes));
      } catch {
        throw new AuditNotifyError('ANSWER_INVALID', `The answer body is not JSON. ${processed}`, { detail: facts });
      }
      const checked = answerSchema.safeParse(value);
      if (!checked.success) {
        throw new AuditNotifyError('ANSWER_INVALID', `The answer body is not { ret_msg?: string }. ${processed}`, { detail: { ...facts, issues: checked.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })) } });
      }
      answer = checked.data as NotifyAnswer;
    }
    return {
      status: response.status,
      answer,
      ...(requestId ? { requestId } : {}),
      attempts: context.attempts,
      url: context.url,
      requestBody: context.body,
      responseBody: bytes,
      headers,
      verified: { keyId },
      warnings: context.warnings,
    };
  }

  function apiError(response: Response, bytes: Uint8Array, url: string, attempts: number): ApiError {
    const headers = headersOf(response);
    const text = utf8.decode(bytes);
    let parsed: { code: string; message: string; detail?: Record<string, unknown> } | undefined;
    try {
      const checked = errorBodySchema.safeParse(JSON.parse(text));
      if (checked.success) parsed = checked.data;
    } catch {
      // Not JSON (a proxy's HTML page…): keep the start of the text as the message.
    }
    return new ApiError({
      status: response.status,
      ...(parsed ? { apiCode: parsed.code, apiMessage: parsed.message } : text ? { apiMessage: text.slice(0, 200) } : {}),
      ...(parsed?.detail ? { detail: parsed.detail } : {}),
      ...(headers['request-id'] ? { requestId: headers['request-id'] } : {}),
      url,
      attempts,
      headers,
      responseBody: bytes,
    });
  }

  async function send(notification: NotificationFields, sendOptions: SendOptions = {}): Promise<SendResult> {
    let parsed: ReturnType<typeof parseNotification>;
    try {
      parsed = parseNotification(notification);
    } catch (error) {
      if (!isAuditNotifyError(error)) throw error;
      throw new AuditNotifyError('VALIDATION_FAILED', `The notification is invalid, nothing was sent: ${error.message}`, { ...(error.code === 'PARAM_ERROR' && error.detail ? { detail: error.detail } : {}), cause: error });
    }
    // Serialised once: every attempt and host gets these exact bytes and this out_request_no.
    // Fields the documentation does not define are sent too, after the documented ones: nothing given is dropped.
    const body = serializeNotification({ ...parsed.notification, ...parsed.unknownFields });
    const targets = sendOptions.url === undefined ? hostTargets : [parseTarget(sendOptions.url, '`url`')];
    const { signal } = sendOptions;
    const context = { body, outRequestNo: parsed.notification.out_request_no, warnings: parsed.warnings };
    let requests = 0;

    for (let attempt = 1; ; attempt++) {
      let failure: unknown;
      let answered: { response: Response; bytes: Uint8Array; url: string } | undefined;
      // The next host only when this one cannot be reached (protocol.md §1); never after an HTTP answer.
      for (const target of targets) {
        await limiter?.acquire(signal);
        requests++;
        // Fresh timestamp and nonce for every request, over the very same bytes (protocol.md §3). Outside the
        // try: a signing fault is not a network failure.
        const { authorization } = await signRequest({ method: 'POST', url: target.canonical, body, mchid, serialNo, privateKey, engine, clock, timestamp: Math.floor(clock()) });
        try {
          answered = { ...(await post(target.url, body, authorization, signal)), url: target.url };
          break;
        } catch (error) {
          if (signal?.aborted) throw signal.reason;
          failure = error;
        }
      }

      let delay: number;
      if (answered === undefined) {
        const timedOut = failure instanceof Error && failure.name === 'TimeoutError';
        // Undici says only "fetch failed"; the system error code (ECONNREFUSED…) is on its cause.
        const systemCode = (failure as { cause?: { code?: unknown } } | undefined)?.cause?.code;
        const why = failure instanceof Error ? `: ${failure.message}${typeof systemCode === 'string' ? ` (${systemCode})` : ''}` : '';
        const error = new AuditNotifyError(
          timedOut ? 'TIMEOUT' : 'NETWORK_ERROR',
          timedOut
            ? `No answer within ${timeoutMs} ms from ${targets.map((t) => t.url).join(' or ')} after ${attempt} attempt(s).`
            : `Could not reach ${targets.map((t) => t.url).join(' or ')} after ${attempt} attempt(s)${why}.`,
          { detail: { urls: targets.map((t) => t.url), attempts: requests, out_request_no: context.outRequestNo }, cause: failure },
        );
        if (attempt >= retry.attempts) throw error;
        delay = backoffDelay(attempt, retry, random);
      } else {
        const { response, bytes, url } = answered;
        if (response.status >= 200 && response.status < 300) return accept(response, bytes, { ...context, url, attempts: requests });
        const error = apiError(response, bytes, url, requests);
        const retryable = response.status === 429 || response.status >= 500;
        if (!retryable || attempt >= retry.attempts) throw error;
        const retryAfter = parseRetryAfter(response.headers.get('retry-after'), nowMs());
        if (retryAfter !== undefined && retryAfter > retry.maxRetryAfterMs) throw error;
        delay = retryAfter ?? backoffDelay(attempt, retry, random);
      }
      await sleep(delay, signal);
    }
  }

  return { send };
}
