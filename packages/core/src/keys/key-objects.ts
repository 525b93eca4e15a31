// Node side only: the `node:crypto` KeyObject behind each key handle, kept out of the handle itself so handles
// stay runtime-neutral. Loaders register the object they parsed (no second parse); a handle made elsewhere
// (WebCrypto import, a copy) gets one built from its DER on first use.
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import type { PrivateKeyHandle, PublicKeyHandle } from '../types.js';

const objects = new WeakMap<PrivateKeyHandle | PublicKeyHandle, KeyObject>();

/**
 * Remembers the KeyObject a loader parsed for `handle`.
 *
 * @example
 * ```ts
 * rememberKeyObject(handle, keyObject);
 * ```
 */
export function rememberKeyObject(handle: PrivateKeyHandle | PublicKeyHandle, keyObject: KeyObject): void {
  objects.set(handle, keyObject);
}

/**
 * The `node:crypto` KeyObject of a handle, parsed once from its DER when no loader registered one.
 *
 * @example
 * ```ts
 * crypto.sign('sha256', message, keyObjectOf(privateKey));
 * ```
 */
export function keyObjectOf(handle: PrivateKeyHandle | PublicKeyHandle): KeyObject {
  let keyObject = objects.get(handle);
  if (keyObject === undefined) {
    keyObject =
      handle.kind === 'private'
        ? createPrivateKey({ key: Buffer.from(handle.pkcs8Der), format: 'der', type: 'pkcs8' })
        : createPublicKey({ key: Buffer.from(handle.spkiDer), format: 'der', type: 'spki' });
    objects.set(handle, keyObject);
  }
  return keyObject;
}
