/**
 * `@auditnotify/koa`: the audit-result notification receiver of `@auditnotify/core` as Koa 3 middleware.
 *
 * @example
 * ```ts
 * import { createKoaMiddleware } from '@auditnotify/koa';
 * app.use(createKoaMiddleware({ senders, answerKeys, handler }));
 * ```
 */
export { createKoaMiddleware } from './create-koa-middleware.js';
export type { KoaMiddlewareOptions } from './create-koa-middleware.js';
export type { AbortedEvent, AdapterOptions, ProxyPrefix } from '@auditnotify/core/node';
