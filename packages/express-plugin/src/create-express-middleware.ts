import type { Request, RequestHandler } from 'express';
import { createBridge, readRawBody, type AdapterOptions, type RawBodyResult } from '@auditnotify/core/node';

/**
 * Options of {@link createExpressMiddleware}: every `ReceiverOptions` of `@auditnotify/core` (senders, answer
 * keys, handler, path, window, body limit, nonce store, rate limiter, clock, engine, hooks) plus `proxyPrefix`
 * , `logger` and `onAborted`.
 *
 * @example
 * ```ts
 * const options: ExpressMiddlewareOptions = { senders, answerKeys, handler: ({ notification }) => save(notification) };
 * ```
 */
export type ExpressMiddlewareOptions = AdapterOptions;

const FIX_ORDER =
  'auditnotify: a body parser consumed the notification body before the receiver could read its raw bytes, so ' +
  'its signature cannot be checked (answered 500 RAW_BODY_UNAVAILABLE). Fix: app.use() the auditnotify ' +
  'middleware before express.json()/express.urlencoded()/express.text(), or put express.raw({ type: ' +
  '"application/json" }) in front of it on the notify path.';

/**
 * Mounts the audit-result notification receiver in an Express 5 app: `POST` to the receiver's path (by
 * default the endpoint's, `NOTIFY_PATH`) is verified and answered by `@auditnotify/core`, any other method on
 * that path gets the signed `405`; every other route goes to `next()` untouched. Bad options throw `INVALID_OPTIONS` here, at start-up.
 *
 * The signature covers the raw bytes, so the body is taken, in this order, from the `Buffer` that
 * `express.raw()` leaves in `req.body`, from `req.rawBody`, or from the stream, read with the body limit
 * enforced while streaming. A stream another parser already consumed is answered `500 RAW_BODY_UNAVAILABLE`.
 *
 * @example
 * ```ts
 * import express from 'express';
 * import { createExpressMiddleware } from '@auditnotify/express';
 *
 * const app = express();
 * app.use(createExpressMiddleware({
 *   senders: [{ serialNo: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1', publicKey: { path: 'apiclient_cert.pem' } }],
 *   answerKeys: [{ id: 'PUB_KEY_ID_0119000166812025091500000000000001', privateKey: { path: 'wxp_key.pem' } }],
 *   handler: async ({ notification }) => {
 *     await markAudited(notification.out_request_no, notification.audit_result);
 *   },
 * }));
 * app.use(express.json()); // body parsers after the receiver
 * app.listen(3000);
 * ```
 */
export function createExpressMiddleware(options: ExpressMiddlewareOptions): RequestHandler {
  const bridge = createBridge(options, FIX_ORDER);
  return function auditNotifyMiddleware(req, res, next) {
    // originalUrl is the URL as received, even under a mounted router (protocol.md §3: signed as sent).
    const url = bridge.match(req.method, req.originalUrl);
    if (url === undefined) return next();
    rawBodyOf(req, bridge.bodyLimit)
      .then((body) => bridge.answer({ method: req.method, url, headers: req.headers, rawHeaders: req.rawHeaders }, body))
      .then((answer) => {
        // undefined: the client went away mid-body, there is nobody to answer.
        if (answer !== undefined) res.writeHead(answer.status, answer.headers).end(answer.body);
      })
      .catch(next);
  };
}

/** Raw bytes in a fixed order: `express.raw()`'s Buffer, then `req.rawBody`, then the stream itself. */
function rawBodyOf(req: Request, limit: number): Promise<RawBodyResult> {
  if (Buffer.isBuffer(req.body)) return Promise.resolve({ ok: true, body: req.body });
  const kept = (req as { rawBody?: unknown }).rawBody;
  if (Buffer.isBuffer(kept)) return Promise.resolve({ ok: true, body: kept });
  // A decoded string: if decoding changed the bytes, the signature check fails; it can never pass wrongly.
  if (typeof kept === 'string') return Promise.resolve({ ok: true, body: Buffer.from(kept, 'utf8') });
  return readRawBody(req, limit);
}
