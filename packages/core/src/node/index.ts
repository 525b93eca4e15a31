/**
 * `@auditnotify/core/node`: the glue every Node HTTP framework adapter shares (docs/architecture.md: an adapter is a
 * few dozen lines over one core function). It reads the raw body from an `IncomingMessage` with the limit
 * enforced while streaming, checks the adapter's own options, and maps a request to the receiver's signed
 * answer. It imports `node:*` only, never a framework.
 *
 * @example
 * ```ts
 * import { createBridge, readRawBody } from '@auditnotify/core/node';
 * const bridge = createBridge(options, 'Mount the receiver before the body parser.');
 * ```
 */
export { createBridge } from './bridge.js';
export type { Bridge } from './bridge.js';
export { readRawBody } from './read-raw-body.js';
export type { RawBodyResult } from './read-raw-body.js';
export { splitAdapterOptions } from './adapter-options.js';
export type { AbortedEvent, AdapterOptions, ProxyPrefix } from './adapter-options.js';
