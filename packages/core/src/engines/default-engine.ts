import { createNodeEngine, type NodeEngine } from './node-engine.js';

let shared: NodeEngine | undefined;

/**
 * The engine used when none is passed: one shared `node:crypto` engine (docs/architecture.md, layers of core).
 *
 * @example
 * ```ts
 * const engine = options.engine ?? defaultEngine();
 * ```
 */
export function defaultEngine(): NodeEngine {
  shared ??= createNodeEngine();
  return shared;
}
