import type { FastifyPluginCallback, FastifyRequest } from 'fastify';
import { AuditNotifyError, NOTIFY_PATH } from '@auditnotify/core';
import { createBridge, readRawBody, type AdapterOptions, type RawBodyResult } from '@auditnotify/core/node';

/**
 * Options of {@link createFastifyPlugin}: every `ReceiverOptions` of `@auditnotify/core` (senders, answer keys,
 * handler, path, window, body limit, nonce store, rate limiter, clock, engine, hooks) plus `proxyPrefix` and
 * `logger`.
 *
 * @example
 * ```ts
 * const options: FastifyPluginOptions = { senders, answerKeys, handler: ({ notification }) => save(notification) };
 * ```
 */
export type FastifyPluginOptions = AdapterOptions;

const FIX_ORDER =
  'auditnotify: a hook or middleware read the notification body before the plugin could read its raw bytes, so ' +
  'its signature cannot be checked (answered 500 RAW_BODY_UNAVAILABLE). Fix: keep that hook or middleware off ' +
  'the notify path (register it in a sibling context), or keep the exact bytes as a Buffer in request.rawBody ' +
  '(fastify-raw-body with encoding: false).';

/**
 * Creates the audit-result notification receiver as a Fastify 5 plugin: `app.register(createFastifyPlugin(options))`
 * adds one route on the receiver's path (by default the endpoint's, `NOTIFY_PATH`): `POST` verified and answered
 * by `@auditnotify/core`, any other method the signed `405`. Bad options throw `INVALID_OPTIONS` here, at start-up. Register it without a `prefix`:
 * the route's path is the signed one (use `path`, and `proxyPrefix` when a proxy rewrites it).
 *
 * The route lives in the plugin's own encapsulated context, whose one content-type parser (for every type) hands the body
 * stream over unread: the receiver reads the raw bytes with its body limit enforced while streaming, and the
 * app's JSON parser keeps serving every other route. A Buffer already kept in `request.rawBody` (fastify-raw-body
 * with `encoding: false`) is used as it is.
 *
 * @example
 * ```ts
 * import Fastify from 'fastify';
 * import { createFastifyPlugin } from '@auditnotify/fastify';
 *
 * const app = Fastify();
 * await app.register(createFastifyPlugin({
 *   senders: [{ serialNo: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1', publicKey: { path: 'apiclient_cert.pem' } }],
 *   answerKeys: [{ id: 'PUB_KEY_ID_0119000166812025091500000000000001', privateKey: { path: 'wxp_key.pem' } }],
 *   handler: async ({ notification }) => {
 *     await markAudited(notification.out_request_no, notification.audit_result);
 *   },
 * }));
 * app.post('/orders', async (request) => request.body); // the app's own JSON parsing is untouched
 * await app.listen({ port: 3000 });
 * ```
 */
export function createFastifyPlugin(options: FastifyPluginOptions): FastifyPluginCallback {
  const bridge = createBridge(options, FIX_ORDER);
  const routePath = receivedPath(options);
  return function auditNotifyFastifyPlugin(fastify, _pluginOptions, done) {
    fastify.removeAllContentTypeParsers();
    // Every content type, unread: the receiver checks the type itself and answers a wrong one, signed.
    const passStreamOn = (_request: FastifyRequest, _payload: unknown, parsed: (error: null, body: undefined) => void): void => parsed(null, undefined);
    // The same parser under the type senders send, too: Fastify caches the parser of a named type, while the
    // catch-all is looked up by parsing the Content-Type header again for every request.
    fastify.addContentTypeParser('application/json', passStreamOn);
    fastify.addContentTypeParser('*', passStreamOn);
    // Every method: the receiver answers anything but POST with the signed 405 (protocol.md §2).
    fastify.all(routePath, async (request, reply) => {
      const url = bridge.match(request.method, request.raw.url ?? '');
      if (url === undefined) return reply.callNotFound();
      const body = await rawBodyOf(request, bridge.bodyLimit);
      const answer = await bridge.answer({ method: request.method, url, headers: request.headers, rawHeaders: request.raw.rawHeaders }, body);
      // undefined: the sender went away mid-body, there is nobody to answer.
      if (answer === undefined) return reply.hijack();
      const bytes = Buffer.from(answer.body.buffer, answer.body.byteOffset, answer.body.byteLength);
      return reply.code(answer.status).headers(answer.headers).send(bytes);
    });
    done();
  };
}

/**
 * The path the app receives for the receiver's (signed) path: the route is registered there. `proxyPrefix`
 * maps received to signed (strip, then add); this is its inverse.
 */
function receivedPath(options: FastifyPluginOptions): string {
  const signed = options.path ?? NOTIFY_PATH;
  const { strip = '', add = '' } = options.proxyPrefix ?? {};
  if (!signed.startsWith(add)) {
    throw new AuditNotifyError('INVALID_OPTIONS', `path ${signed} must start with proxyPrefix.add (${add}): the sender signs the path with the prefix.`, {
      detail: { location: 'options' },
    });
  }
  return strip + signed.slice(add.length);
}

/** Raw bytes in a fixed order: a Buffer kept in `request.rawBody`, then the stream itself. */
function rawBodyOf(request: FastifyRequest, limit: number): Promise<RawBodyResult> {
  const kept = (request as { rawBody?: unknown }).rawBody;
  if (Buffer.isBuffer(kept)) return Promise.resolve({ ok: true, body: kept });
  // A decoded string: if decoding changed the bytes, the signature check fails; it can never pass wrongly.
  if (typeof kept === 'string') return Promise.resolve({ ok: true, body: Buffer.from(kept, 'utf8') });
  return readRawBody(request.raw, limit);
}
