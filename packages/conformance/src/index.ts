/**
 * `@auditnotify/conformance` (private): the one conformance suite that every HTTP adapter of the core
 * receiver runs against a real app, the interop suite against an independent WeChat Pay SDK, and the HTTP and
 * `openssl` helpers they are built from; the store suite every backend of the receiver's state passes, and a real
 * `redis-server` for tests.
 *
 * @example
 * ```ts
 * import { defineConformanceSuite } from '@auditnotify/conformance';
 * defineConformanceSuite({ name: 'koa', createMiddleware: createKoaMiddleware, createApp: startKoaApp });
 * ```
 */
export { defineConformanceSuite } from './define-conformance-suite.js';
export type { AppSetup, ConformanceApp, ConformanceTarget, PluginOptions } from './define-conformance-suite.js';
export { defineInteropSuite } from './define-interop-suite.js';
export type { InteropTarget } from './define-interop-suite.js';
export { createCountingRelay } from './counting-relay.js';
export type { CountingRelay } from './counting-relay.js';
export { abandonBody, send, sendEndlessBody, sendRepeatingHeaders } from './http-client.js';
export type { ClientAnswer, ClientRequest, EndlessBodyResult } from './http-client.js';
export { opensslVerify } from './openssl-verify.js';
export { serveOnLoopback } from './serve-on-loopback.js';
export { defineStoreSuite } from './define-store-suite.js';
export type { StoreTarget } from './define-store-suite.js';
export { startRedisServer } from './start-redis-server.js';
export type { RedisServer } from './start-redis-server.js';
export { createRemoteTarget, spawnRuntimeServer } from './remote-runtime.js';
export type { RemoteRuntime, RemoteTarget } from './remote-runtime.js';
