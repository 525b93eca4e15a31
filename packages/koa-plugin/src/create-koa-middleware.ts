import type { Context, Middleware } from 'koa';
import { createBridge, readRawBody, type AdapterOptions, type RawBodyResult } from '@auditnotify/core/node';

/**
 * Options of {@link createKoaMiddleware}: every `ReceiverOptions` of `@auditnotify/core` (senders, answer
 * keys, handler, path, window, body limit, nonce store, rate limiter, clock, engine, hooks) plus `proxyPrefix`
 * , `logger` and `onAborted`.
 *
 * @example
 * ```ts
 * const options: KoaMiddlewareOptions = { senders, answerKeys, handler: ({ notification }) => save(notification) };
 * ```
 */
export type KoaMiddlewareOptions = AdapterOptions;

const FIX_ORDER =
  'auditnotify: a body parser consumed the notification body before the receiver could read its raw bytes, so ' +
  'its signature cannot be checked (answered 500 RAW_BODY_UNAVAILABLE). Fix: app.use() the auditnotify ' +
  'middleware before the body parser (koa-bodyparser, @koa/bodyparser, koa-body), or keep the raw body in ' +
  'ctx.request.rawBody.';

/**
 * Mounts the audit-result notification receiver in a Koa 3 app: `POST` to the receiver's path (by default the
 * endpoint's, `NOTIFY_PATH`) is verified and answered by `@auditnotify/core`, any other method on that path
 * gets the signed `405`; every other route goes to `next()` untouched. Bad options throw `INVALID_OPTIONS` here, at start-up.
 *
 * The signature covers the raw bytes, so the body is taken from `ctx.request.rawBody` when a body parser kept
 * it, else read from the stream with the body limit enforced while streaming. A stream another parser already
 * consumed is answered `500 RAW_BODY_UNAVAILABLE`.
 *
 * @example
 * ```ts
 * import Koa from 'koa';
 * import { createKoaMiddleware } from '@auditnotify/koa';
 *
 * const app = new Koa();
 * app.use(createKoaMiddleware({
 *   senders: [{ serialNo: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1', publicKey: { path: 'apiclient_cert.pem' } }],
 *   answerKeys: [{ id: 'PUB_KEY_ID_0119000166812025091500000000000001', privateKey: { path: 'wxp_key.pem' } }],
 *   handler: async ({ notification }) => {
 *     await markAudited(notification.out_request_no, notification.audit_result);
 *   },
 * }));
 * app.listen(3000);
 * ```
 */
export function createKoaMiddleware(options: KoaMiddlewareOptions): Middleware {
  const bridge = createBridge(options, FIX_ORDER);
  return async function auditNotifyMiddleware(ctx, next) {
    // ctx.originalUrl is the URL as received, even under koa-mount (protocol.md §3: signed as sent).
    const url = bridge.match(ctx.method, ctx.originalUrl);
    if (url === undefined) return next();
    const body = await whileReading(ctx, rawBodyOf(ctx, bridge.bodyLimit));
    const answer = await bridge.answer({ method: ctx.method, url, headers: ctx.req.headers, rawHeaders: ctx.req.rawHeaders }, body);
    if (answer === undefined) return; // the client went away mid-body: reported to onAborted by the bridge
    ctx.status = answer.status;
    ctx.set(answer.headers);
    ctx.body = Buffer.from(answer.body.buffer, answer.body.byteOffset, answer.body.byteLength);
  };
}

/**
 * Koa hands a socket error to `ctx.onerror` (its default handler prints a stack trace). While the body is read,
 * the only such error is the client going away mid-body (`Parse Error` at the socket's end), which the bridge
 * reports to `onAborted` as every adapter does: keep it from Koa's handler until reading ends.
 */
async function whileReading(ctx: Context, reading: Promise<RawBodyResult>): Promise<RawBodyResult> {
  const own = Object.prototype.hasOwnProperty.call(ctx, 'onerror');
  const frameworkOnError = ctx.onerror;
  let result: RawBodyResult | undefined;
  ctx.onerror = (error) => {
    // Swallowed while reading and after an aborted read; anything else is Koa's to report.
    if (result === undefined || (!result.ok && result.code === 'ABORTED')) return;
    frameworkOnError.call(ctx, error);
  };
  try {
    result = await reading;
    return result;
  } finally {
    if (result === undefined || result.ok || result.code !== 'ABORTED') {
      if (own) ctx.onerror = frameworkOnError;
      else delete (ctx as Partial<Context>).onerror;
    }
  }
}

/** Raw bytes in a fixed order: `ctx.request.rawBody` kept by a body parser, then the stream itself. */
function rawBodyOf(ctx: Context, limit: number): Promise<RawBodyResult> {
  const kept = (ctx.request as { rawBody?: unknown }).rawBody;
  if (Buffer.isBuffer(kept)) return Promise.resolve({ ok: true, body: kept });
  // koa-bodyparser keeps a decoded string: if decoding changed the bytes, the signature check fails, never passes.
  if (typeof kept === 'string') return Promise.resolve({ ok: true, body: Buffer.from(kept, 'utf8') });
  return readRawBody(ctx.req, limit);
}
