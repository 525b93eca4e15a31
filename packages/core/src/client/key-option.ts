/**
 * Key options of `createClient` and `createReceiver`: a loaded handle is used as is, anything else is loaded
 * once at start-up, and a problem throws `INVALID_OPTIONS` naming the option (never the key itself).
 */
import type { KeyInput, PrivateKeyHandle, PublicKeyHandle } from '../types.js';
import { AuditNotifyError, isAuditNotifyError } from '../errors.js';
import { loadPrivateKeySync, loadPublicKeySync } from '#runtime';

function isHandle(value: unknown, kind: 'public' | 'private'): boolean {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === kind && (value as { fingerprint?: unknown }).fingerprint !== undefined;
}

function isKeyInput(value: unknown): value is KeyInput {
  return (
    typeof value === 'string' ||
    value instanceof Uint8Array ||
    (typeof value === 'object' && value !== null && typeof (value as { path?: unknown }).path === 'string')
  );
}

function load<T>(option: string, value: KeyInput, loader: (input: KeyInput) => T): T {
  try {
    return loader(value);
  } catch (error) {
    // The loaders' messages name the problem (encrypted, not RSA…), never the key material.
    const reason = isAuditNotifyError(error) ? `${error.code}: ${error.message}` : 'the key could not be read';
    throw new AuditNotifyError('INVALID_OPTIONS', `${option} could not be loaded (${reason}).`, { cause: error });
  }
}

/**
 * Resolves a private-key option (`PrivateKeyHandle | KeyInput`) to a handle, or throws `INVALID_OPTIONS`.
 *
 * @example
 * ```ts
 * const key = privateKeyOption({ path: 'apiclient_key.pem' }, 'createClient: privateKey');
 * ```
 */
export function privateKeyOption(value: unknown, option: string): PrivateKeyHandle {
  if (isHandle(value, 'private')) return value as PrivateKeyHandle;
  if (isHandle(value, 'public')) {
    throw new AuditNotifyError('INVALID_OPTIONS', `${option} is a public key: signatures are made with a private key.`);
  }
  if (!isKeyInput(value)) {
    throw new AuditNotifyError('INVALID_OPTIONS', `${option} must be a PrivateKeyHandle, PEM/DER text or bytes, or { path }.`);
  }
  return load(option, value, (input) => loadPrivateKeySync(input));
}

/**
 * Resolves a public-key option (`PublicKeyHandle | KeyInput`, a certificate too) to a handle, or throws
 * `INVALID_OPTIONS`.
 *
 * @example
 * ```ts
 * const key = publicKeyOption({ path: 'wxp_pub.pem' }, 'createClient: wechatpayPublicKeys[0].publicKey');
 * ```
 */
export function publicKeyOption(value: unknown, option: string): PublicKeyHandle {
  if (isHandle(value, 'public')) return value as PublicKeyHandle;
  if (isHandle(value, 'private')) {
    throw new AuditNotifyError('INVALID_OPTIONS', `${option} is a private key: give the public key or certificate.`);
  }
  if (!isKeyInput(value)) {
    throw new AuditNotifyError('INVALID_OPTIONS', `${option} must be a PublicKeyHandle, PEM/DER text or bytes, or { path }.`);
  }
  return load(option, value, loadPublicKeySync);
}

/**
 * True for a value that can travel inside a `key="value"` pair or a header: no quotes, commas or whitespace
 * (protocol.md §3).
 *
 * @example
 * ```ts
 * isWireToken('1900016681'); // true
 * isWireToken('19000 16681'); // false
 * ```
 */
export function isWireToken(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && /^[^\s",]+$/.test(value);
}
