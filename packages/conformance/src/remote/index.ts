/**
 * `@auditnotify/conformance/remote`: the runtime-neutral half of a remote conformance run, loaded by the server
 * entry a runtime (Bun, Deno, workerd) runs. It imports no `node:` module and no test framework.
 *
 * @example
 * ```ts
 * import { createScenarioServer } from '@auditnotify/conformance/remote';
 * Deno.serve({ hostname: '127.0.0.1', port: 0 }, createScenarioServer(buildApp));
 * ```
 */
export { createScenarioServer, SCENARIO_PATH } from './scenario-server.js';
export type { BuildApp, Scenario } from './scenario-server.js';
export { fromWire, toWire } from './wire-value.js';
export type { WireValue } from './wire-value.js';
