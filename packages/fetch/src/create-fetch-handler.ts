import { AuditNotifyError } from '@auditnotify/core';
import { createBridge, type AdapterOptions } from '@auditnotify/core/node';
import { readRequestBody } from './read-request-body.js';

/**
 * Options of {@link createFetchHandler}: every `ReceiverOptions` of `@auditnotify/core` (senders, answer keys,
 * handler, path, window, body limit, nonce store, rate limiter, clock, engine, hooks), the adapters'
 * `proxyPrefix` and `logger`, and `fallback` for the requests that are not the notification.
 *
 * @example
 * ```ts
 * const options: FetchHandlerOptions = { senders, answerKeys, handler, fallback: (request) => app.fetch(request) };
 * ```
 */
export interface FetchHandlerOptions extends AdapterOptions {
  /**
   * Answers every request that is not a `POST` to the receiver's path. Default: `404 Not Found` (plain text).
   */
  fallback?: (request: Request) => Response | Promise<Response>;
}

/**
 * The Fetch-API handler: `(request) => Promise<Response>`, as `Bun.serve`, `Deno.serve`, a Cloudflare Worker's
 * `fetch` and Hono expect.
 *
 * @example
 * ```ts
 * const handle: FetchHandler = createFetchHandler(options);
 * const response = await handle(new Request('http://127.0.0.1/health'));
 * ```
 */
export type FetchHandler = (request: Request) => Promise<Response>;

const FIX_ORDER =
  'auditnotify: the request body was read before the receiver could see its raw bytes, so its signature ' +
  'cannot be checked (answered 500 RAW_BODY_UNAVAILABLE). Fix: hand the Request to the fetch handler before ' +
  'anything reads its body (request.json(), request.text(), a body-parsing middleware), or read a clone: ' +
  'await request.clone().json().';

const notFound = (): Response => new Response('Not Found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });

/**
 * Creates the audit-result notification receiver as a Fetch-API handler. A `POST` to the receiver's path (by
 * default the endpoint's, `NOTIFY_PATH`) is verified and answered, signed, by `@auditnotify/core`, with the same
 * checks and answers as the Express and Koa adapters; every other request goes to `fallback`. Bad options throw
 * `INVALID_OPTIONS` here, at start-up.
 *
 * The signature covers the raw bytes, so the body is read from `request.body` with the body limit enforced while
 * streaming (`413` past it). A body already read by somebody else is answered `500 RAW_BODY_UNAVAILABLE`.
 *
 * @example
 * ```ts
 * import { createFetchHandler } from '@auditnotify/fetch';
 *
 * const handle = createFetchHandler({
 *   senders: [{ serialNo: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1', publicKey: certificatePem }],
 *   answerKeys: [{ id: 'PUB_KEY_ID_0119000166812025091500000000000001', privateKey: answerKeyPem }],
 *   handler: async ({ notification }) => {
 *     await markAudited(notification.out_request_no, notification.audit_result);
 *   },
 * });
 * Deno.serve(handle); // or Bun.serve({ fetch: handle }), or export default { fetch: handle } in a Worker
 * ```
 */
export function createFetchHandler(options: FetchHandlerOptions): FetchHandler {
  const isObject = typeof options === 'object' && options !== null;
  const { fallback = notFound, ...adapterOptions } = isObject ? options : ({} as FetchHandlerOptions);
  if (typeof fallback !== 'function') {
    throw new AuditNotifyError('INVALID_OPTIONS', 'fallback must be a function (request) => Response | Promise<Response>.', { detail: { location: 'options' } });
  }
  // A non-object is passed on as it is, so that the shared check explains it.
  const bridge = createBridge(isObject ? adapterOptions : options, FIX_ORDER);
  return async function auditNotifyFetchHandler(request: Request): Promise<Response> {
    const received = new URL(request.url);
    // Path and query as the runtime received them (protocol.md §3: signed as sent; host excluded).
    const url = bridge.match(request.method, received.pathname + received.search);
    if (url === undefined) return fallback(request);
    const body = await readRequestBody(request, bridge.bodyLimit);
    const answer = await bridge.answer({ method: request.method, url, headers: request.headers }, body);
    // undefined: the sender went away mid-body. Nobody reads this answer; the runtime still wants one.
    if (answer === undefined) return new Response(null, { status: 400 });
    return new Response(answer.body, { status: answer.status, headers: answer.headers });
  };
}
