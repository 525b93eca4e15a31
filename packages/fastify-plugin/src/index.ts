/**
 * `@auditnotify/fastify`: the audit-result notification receiver of `@auditnotify/core` as a Fastify 5 plugin.
 *
 * @example
 * ```ts
 * import { createFastifyPlugin } from '@auditnotify/fastify';
 * await app.register(createFastifyPlugin({ senders, answerKeys, handler }));
 * ```
 */
export { createFastifyPlugin } from './create-fastify-plugin.js';
export type { FastifyPluginOptions } from './create-fastify-plugin.js';
export type { AdapterOptions, ProxyPrefix } from '@auditnotify/core/node';
