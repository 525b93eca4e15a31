/**
 * `@auditnotify/conformance/bench` (private): the HTTP benchmark harness every adapter runs; the adapter only
 * declares its servers in `bench/servers.ts`.
 *
 * @example
 * ```ts
 * import { runHttpBench } from '@auditnotify/conformance/bench';
 * await runHttpBench({
 *   framework: 'Koa 3', pluginName: '@auditnotify/koa', section: 'koa', packageDir: 'koa-plugin',
 *   benchDir: dirname(fileURLToPath(import.meta.url)),
 * });
 * ```
 */
export { runHttpBench } from './run-http-bench.js';
export type { HttpBenchOptions } from './run-http-bench.js';
export { runStoreBench, storeAddress } from './run-store-bench.js';
export type { StoreBenchOptions } from './run-store-bench.js';
export type { BenchKeys, BenchServerFactory, ServerKind, StoreKind, StoreServerFactory } from './types.js';
export { median } from './median.js';
export { runJunkFloodBench } from './run-junk-flood-bench.js';
export type { JunkFloodBenchOptions } from './run-junk-flood-bench.js';
