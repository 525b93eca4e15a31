/**
 * `@auditnotify/fetch`: the audit-result notification receiver of `@auditnotify/core` as a Fetch-API handler,
 * `(request: Request) => Promise<Response>`, for Node, Bun, Deno, Cloudflare Workers and Hono.
 *
 * @example
 * ```ts
 * import { createFetchHandler } from '@auditnotify/fetch';
 * Deno.serve(createFetchHandler({ senders, answerKeys, handler }));
 * ```
 */
export { createFetchHandler } from './create-fetch-handler.js';
export type { FetchHandler, FetchHandlerOptions } from './create-fetch-handler.js';
export { readRequestBody } from './read-request-body.js';
export type { AdapterOptions, ProxyPrefix, RawBodyResult } from '@auditnotify/core/node';
