/**
 * `@auditnotify/express`: the audit-result notification receiver of `@auditnotify/core` as Express 5
 * middleware.
 *
 * @example
 * ```ts
 * import { createExpressMiddleware } from '@auditnotify/express';
 * app.use(createExpressMiddleware({ senders, answerKeys, handler }));
 * ```
 */
export { createExpressMiddleware } from './create-express-middleware.js';
export type { ExpressMiddlewareOptions } from './create-express-middleware.js';
export type { AbortedEvent, AdapterOptions, ProxyPrefix } from '@auditnotify/core/node';
