// The WebCrypto runtime (browsers, web workers, Cloudflare workerd, Deno, Bun): what the runtime-neutral
// modules take from `#runtime` under those package.json conditions. No `node:` module is reachable from here.
import { AuditNotifyError } from '../errors.js';
import { createWebCryptoEngine } from '../engines/webcrypto-engine.js';
import type { LoadPrivateKeyOptions } from '../keys/load-private-key.js';
import type { KeyInput, PrivateKeyHandle, PublicKeyHandle, SignatureEngine } from '../types.js';

export { digestMatches, openSignature, sha256, verifiesAsPss } from '../diagnose/recover-digest-web.js';

let shared: SignatureEngine | undefined;

/**
 * The engine used when none is passed: one shared WebCrypto engine.
 *
 * @example
 * ```ts
 * const engine = options.engine ?? defaultEngine();
 * ```
 */
export function defaultEngine(): SignatureEngine {
  shared ??= createWebCryptoEngine();
  return shared;
}

function synchronousLoadUnsupported(what: string): never {
  throw new AuditNotifyError(
    'KEY_RUNTIME_UNSUPPORTED',
    `Keys given as text, bytes or a file path are loaded synchronously, which needs Node. Here, import the ${what} first with \`await import${what === 'private key' ? 'Private' : 'Public'}Key(pem)\` and pass the handle.`,
    { detail: { runtime: 'web' } },
  );
}

/**
 * Synchronous loading is Node's: here it throws `KEY_RUNTIME_UNSUPPORTED` naming the asynchronous importer.
 *
 * @example
 * ```ts
 * const handle = await importPrivateKey(pem); // instead of loadPrivateKeySync(pem)
 * ```
 */
export function loadPrivateKeySync(_input: KeyInput, _options?: LoadPrivateKeyOptions): PrivateKeyHandle {
  return synchronousLoadUnsupported('private key');
}

/**
 * Synchronous loading is Node's: here it throws `KEY_RUNTIME_UNSUPPORTED` naming the asynchronous importer.
 *
 * @example
 * ```ts
 * const handle = await importPublicKey(pem); // instead of loadPublicKeySync(pem)
 * ```
 */
export function loadPublicKeySync(_input: KeyInput): PublicKeyHandle {
  return synchronousLoadUnsupported('public key');
}

/**
 * Which runtime `#runtime` resolved to.
 *
 * @example
 * ```ts
 * if (RUNTIME === 'web') console.log('WebCrypto engine; import keys with importPrivateKey()');
 * ```
 */
export const RUNTIME: 'node' | 'web' = 'web';
