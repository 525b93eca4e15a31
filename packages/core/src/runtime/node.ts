// The Node runtime (also Electron's main process): what the runtime-neutral modules take from `#runtime`
// when package.json's `imports` resolve it under the `node` condition. runtime/web.ts has the same names.
export { defaultEngine } from '../engines/default-engine.js';
export { loadPrivateKey as loadPrivateKeySync } from '../keys/load-private-key.js';
export { loadPublicKey as loadPublicKeySync } from '../keys/load-public-key.js';
export { digestMatches, openSignature, sha256, verifiesAsPss } from '../diagnose/recover-digest.js';

/**
 * Which runtime `#runtime` resolved to.
 *
 * @example
 * ```ts
 * if (RUNTIME === 'node') console.log('node:crypto engine and synchronous key loaders');
 * ```
 */
export const RUNTIME: 'node' | 'web' = 'node';
