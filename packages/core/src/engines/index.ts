/**
 * Signature engines: RSASSA-PKCS1-v1_5 with SHA-256 behind one {@link SignatureEngine} interface, over
 * `node:crypto` (default), WebCrypto and node-forge (docs/architecture.md, layers of core).
 *
 * @example
 * ```ts
 * import { createNodeEngine, defaultEngine } from './engines/index.js';
 * ```
 */
export { createNodeEngine, type NodeEngine } from './node-engine.js';
export { defaultEngine } from './default-engine.js';
export { createWebCryptoEngine } from './webcrypto-engine.js';
export { createForgeEngine } from './forge-engine.js';
