import type { ReceiverRequest, ReceiverResponse } from '../types.js';
import { AuditNotifyError, isAuditNotifyError } from '../errors.js';
import { createReceiver, type Receiver, type ReceiverOptions } from '../receiver/index.js';
import { splitAdapterOptions, type AbortedEvent, type AdapterOptions } from './adapter-options.js';
import { readHeader } from '../protocol/header-value.js';
import type { RawBodyResult } from './read-raw-body.js';

/**
 * What a Node framework adapter needs from the core receiver: which requests are its own, and the answer to
 * one. No protocol logic lives in the adapter: every answer, the 413 and the 500 for a missing raw body
 * included, is built and signed by the receiver (`handle()`, or `refuse()` when there is no body to hand over).
 *
 * @example
 * ```ts
 * const bridge: Bridge = createBridge(options, 'Mount the receiver before the body parser.');
 * bridge.match('POST', '/v3/aggracct-bc/wb-channel/control-orders/info/update/result/notify'); // the URL to verify
 * bridge.match('GET', '/health'); // undefined: pass it on
 * ```
 */
export interface Bridge {
  /**
   * The URL as the sender signed it (after `proxyPrefix`), or `undefined` for a request to pass on. Every
   * method on the receiver's path is the receiver's: all but POST get its signed 405 (protocol.md §2).
   */
  match(method: string, receivedUrl: string): string | undefined;
  /** The receiver's body limit, for reading the stream. */
  readonly bodyLimit: number;
  /**
   * The signed answer; `undefined` when the client went away mid-body: there is nobody to answer. Pass the
   * request's `rawHeaders`: Node keeps only the first of repeated `Authorization` headers in `headers`, and a
   * request that repeats it must be refused, not checked against one of them.
   */
  answer(request: Omit<ReceiverRequest, 'body'> & { rawHeaders?: readonly string[] }, body: RawBodyResult): Promise<ReceiverResponse | undefined>;
}

/**
 * Validates the adapter's options and creates the core receiver at start-up (bad options throw
 * `INVALID_OPTIONS` now, never while serving); `fixOrderHint` is logged when a body parser ran first.
 *
 * @example
 * ```ts
 * const bridge = createBridge(options, 'Mount the receiver before the body parser.');
 * http.createServer(async (req, res) => {
 *   const url = bridge.match(req.method ?? '', req.url ?? '');
 *   if (url === undefined) return void res.writeHead(404).end();
 *   const body = await readRawBody(req, bridge.bodyLimit);
 *   const answer = await bridge.answer({ method: req.method ?? 'GET', url, headers: req.headers, rawHeaders: req.rawHeaders }, body);
 *   if (answer !== undefined) res.writeHead(answer.status, answer.headers).end(answer.body);
 * });
 * ```
 */
export function createBridge(options: AdapterOptions, fixOrderHint: string): Bridge {
  const { receiverOptions, rewriteUrl, logger, onAborted } = splitAdapterOptions(options);
  const receiver = createReceiverForAdapter(receiverOptions);
  const { path } = receiver;

  return {
    bodyLimit: receiver.bodyLimit,
    match(_method, receivedUrl) {
      const url = rewriteUrl(receivedUrl);
      const query = url.indexOf('?');
      return (query === -1 ? url : url.slice(0, query)) === path ? url : undefined;
    },
    async answer(received, body) {
      const request = { method: received.method, url: received.url, headers: withRepeatedAuthorization(received.headers, received.rawHeaders) };
      if (body.ok) return receiver.handle({ ...request, body: body.body });
      if (body.code === 'ABORTED') {
        reportAborted(onAborted, request, body.receivedBytes ?? 0);
        return undefined;
      }
      if (body.code === 'RAW_BODY_UNAVAILABLE') {
        logger.warn(fixOrderHint);
        return receiver.refuse(request, 'RAW_BODY_UNAVAILABLE', { reason: `${body.message}. ${fixOrderHint}` });
      }
      // The unread rest of the body is discarded as it arrives (never buffered). The connection is not
      // closed on the sender: closing with unread bytes makes the kernel reset it, and the 413 can be lost.
      return receiver.refuse(request, 'BODY_TOO_LARGE', body.receivedBytes ? { receivedBytes: body.receivedBytes } : {});
    },
  };
}

/** `headers` with every `Authorization` line of `rawHeaders` when there was more than one. */
function withRepeatedAuthorization(headers: ReceiverRequest['headers'], rawHeaders: readonly string[] | undefined): ReceiverRequest['headers'] {
  if (rawHeaders === undefined || typeof (headers as Headers).get === 'function') return headers;
  const lines: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    if (rawHeaders[i]?.toLowerCase() === 'authorization') lines.push(rawHeaders[i + 1] ?? '');
  }
  if (lines.length < 2) return headers;
  const copy: Record<string, string | string[] | undefined> = {};
  for (const [name, value] of Object.entries(headers as Record<string, string | string[] | undefined>)) {
    if (name.toLowerCase() !== 'authorization') copy[name] = value;
  }
  copy.authorization = lines;
  return copy;
}

/** The one report of a client gone mid-body, for every adapter; a failing hook changes nothing. */
function reportAborted(hook: ((event: AbortedEvent) => void) | undefined, request: Omit<ReceiverRequest, 'body'>, receivedBytes: number): void {
  if (hook === undefined) return;
  const declared = Number(readHeader(request.headers ?? {}, 'content-length') ?? Number.NaN);
  try {
    const result: unknown = hook({ url: request.url, receivedBytes, ...(Number.isSafeInteger(declared) ? { declaredBytes: declared } : {}) });
    if (typeof (result as PromiseLike<unknown> | undefined)?.then === 'function') Promise.resolve(result).catch(() => undefined);
  } catch {
    // Like every hook: for logging, never a change to the outcome.
  }
}

/** Core's option errors list core's options; say that the adapter takes two more, so a misspelt one is clear. */
function createReceiverForAdapter(options: ReceiverOptions): Receiver {
  try {
    return createReceiver(options);
  } catch (error) {
    if (!isAuditNotifyError(error) || error.code !== 'INVALID_OPTIONS') throw error;
    throw new AuditNotifyError('INVALID_OPTIONS', `${error.message} The adapter itself also takes proxyPrefix, logger and onAborted.`, {
      cause: error,
      ...(error.detail ? { detail: error.detail } : {}),
    });
  }
}
