import type { webcrypto } from 'node:crypto';
import { AuditNotifyError } from '../errors.js';
import type { PrivateKeyHandle, PublicKeyHandle, SignatureEngine } from '../types.js';
import { decodeBase64Portable, encodeBase64Portable, isSignatureText, signatureByteLength } from '../protocol/signature-text.js';

type SubtleCrypto = webcrypto.SubtleCrypto;
type CryptoKey = webcrypto.CryptoKey;

// RSASSA-PKCS1-v1_5 with SHA-256: the APIv3 signature algorithm (protocol.md §3).
const IMPORT_ALGORITHM = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;
const SIGN_ALGORITHM = { name: 'RSASSA-PKCS1-v1_5' } as const;

/**
 * Creates a WebCrypto engine (browsers, workers, Deno, Node's `crypto.subtle`). Each handle's DER is
 * imported once and the `CryptoKey` cached per handle (importing is the slow part), in a
 * WeakMap so a dropped handle frees its key.
 *
 * @example
 * ```ts
 * const engine = createWebCryptoEngine();
 * const signature = await engine.sign(privateKey, message);
 * const ok = await engine.verify(publicKey, message, signature);
 * ```
 */
export function createWebCryptoEngine(subtle: SubtleCrypto = globalThis.crypto.subtle): SignatureEngine {
  const privateKeys = new WeakMap<PrivateKeyHandle, Promise<CryptoKey>>();
  const publicKeys = new WeakMap<PublicKeyHandle, Promise<CryptoKey>>();

  function cached<H extends object>(cache: WeakMap<H, Promise<CryptoKey>>, handle: H, load: () => Promise<CryptoKey>): Promise<CryptoKey> {
    let key = cache.get(handle);
    if (key === undefined) {
      key = load();
      cache.set(handle, key);
      // A failed import is not cached: the next call tries again instead of failing forever.
      key.catch(() => cache.delete(handle));
    }
    return key;
  }

  return {
    name: 'webcrypto',
    async sign(handle, message) {
      try {
        const key = await cached(privateKeys, handle, () => subtle.importKey('pkcs8', handle.pkcs8Der, IMPORT_ALGORITHM, false, ['sign']));
        return encodeBase64Portable(new Uint8Array(await subtle.sign(SIGN_ALGORITHM, key, message)));
      } catch (error) {
        throw new AuditNotifyError('INTERNAL_ERROR', `Signing failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
    },
    async verify(handle, message, signature) {
      // Malformed and probe signatures are just invalid (protocol.md §4).
      if (!isSignatureText(signature, signatureByteLength(handle.bits))) return false;
      try {
        const key = await cached(publicKeys, handle, () => subtle.importKey('spki', handle.spkiDer, IMPORT_ALGORITHM, false, ['verify']));
        return await subtle.verify(SIGN_ALGORITHM, key, decodeBase64Portable(signature), message);
      } catch {
        return false;
      }
    },
  };
}
