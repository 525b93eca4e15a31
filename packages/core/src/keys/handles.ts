// Node side: builds the PrivateKeyHandle / PublicKeyHandle of src/types.ts from node:crypto key objects, enforcing what
// WECHATPAY2-SHA256-RSA2048 needs: an RSA key (not RSA-PSS, EC or Ed25519) of at least 2048 bits.
import { createPublicKey, type KeyObject } from 'node:crypto';
import { AuditNotifyError } from '../errors.js';
import { MIN_RSA_BITS } from '../protocol/constants.js';
import type { PrivateKeyHandle, PublicKeyHandle } from '../types.js';
import { sha256Fingerprint, toUint8Array } from './encoding.js';
import { rememberKeyObject } from './key-objects.js';


/**
 * Throws `KEY_NOT_RSA` or `KEY_TOO_SMALL` unless the key object is an RSA key of at least 2048 bits.
 *
 * @example
 * ```ts
 * const bits = assertUsableRsa(createPublicKey(pem), 'public key');
 * ```
 */
export function assertUsableRsa(keyObject: KeyObject, what: string): number {
  const type = keyObject.asymmetricKeyType;
  if (type !== 'rsa') {
    const hint = type === 'rsa-pss' ? ' (an RSASSA-PSS-only key cannot make PKCS#1 v1.5 signatures)' : '';
    throw new AuditNotifyError('KEY_NOT_RSA', `The ${what} is ${type ?? 'not an asymmetric key'}, not RSA${hint}: WECHATPAY2-SHA256-RSA2048 needs an RSA key.`, {
      detail: { keyType: type ?? null },
    });
  }
  const bits = keyObject.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < MIN_RSA_BITS) {
    throw new AuditNotifyError('KEY_TOO_SMALL', `The ${what} is RSA-${bits}: WECHATPAY2-SHA256-RSA2048 needs at least ${MIN_RSA_BITS} bits.`, {
      detail: { bits },
    });
  }
  return bits;
}

/**
 * Wraps an RSA private key object as a frozen {@link PrivateKeyHandle}.
 *
 * @example
 * ```ts
 * const handle = privateHandleOf(createPrivateKey(pem), 'pkcs8');
 * ```
 */
export function privateHandleOf(keyObject: KeyObject, source: PrivateKeyHandle['source']): PrivateKeyHandle {
  const bits = assertUsableRsa(keyObject, 'private key');
  const spkiDer = createPublicKey(keyObject).export({ format: 'der', type: 'spki' });
  const handle: PrivateKeyHandle = Object.freeze({
    kind: 'private',
    pkcs8Der: toUint8Array(keyObject.export({ format: 'der', type: 'pkcs8' })),
    bits,
    source,
    fingerprint: sha256Fingerprint(spkiDer),
  });
  rememberKeyObject(handle, keyObject);
  return handle;
}

/**
 * Wraps an RSA public key object as a frozen {@link PublicKeyHandle}.
 *
 * @example
 * ```ts
 * const handle = publicHandleOf(createPublicKey(pem));
 * ```
 */
export function publicHandleOf(keyObject: KeyObject, what = 'public key'): PublicKeyHandle {
  const bits = assertUsableRsa(keyObject, what);
  const spkiDer = toUint8Array(keyObject.export({ format: 'der', type: 'spki' }));
  const handle: PublicKeyHandle = Object.freeze({ kind: 'public', spkiDer, bits, fingerprint: sha256Fingerprint(spkiDer) });
  rememberKeyObject(handle, keyObject);
  return handle;
}
