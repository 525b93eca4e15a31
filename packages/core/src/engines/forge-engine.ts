import { AuditNotifyError } from '../errors.js';
import forge, { type ForgeTypes } from '../internal/forge.js';
import type { PrivateKeyHandle, PublicKeyHandle, SignatureEngine } from '../types.js';
import { isSignatureText, signatureByteLength } from '../protocol/signature-text.js';

type ForgePrivateKey = ForgeTypes.pki.rsa.PrivateKey;
type ForgePublicKey = ForgeTypes.pki.rsa.PublicKey;

/** forge works on "binary strings": one char per byte. Chunked so large bodies do not overflow the stack. */
function binaryString(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) out += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return out;
}

function sha256(message: Uint8Array): ForgeTypes.md.MessageDigest {
  const md = forge.md.sha256.create();
  md.update(binaryString(message));
  return md;
}

/**
 * Creates the node-forge engine: pure JavaScript, no native crypto, for platforms without `node:crypto`
 * or WebCrypto (docs/benchmarks-core.md: about 1 % of native signing, so prefer the others where they exist). Parsed keys are
 * cached per handle. Its promises resolve after the work is done on the calling thread.
 *
 * @example
 * ```ts
 * const engine = createForgeEngine();
 * const signature = await engine.sign(privateKey, message);
 * const ok = await engine.verify(publicKey, message, signature);
 * ```
 */
export function createForgeEngine(): SignatureEngine {
  const privateKeys = new WeakMap<PrivateKeyHandle, ForgePrivateKey>();
  const publicKeys = new WeakMap<PublicKeyHandle, ForgePublicKey>();

  function privateKeyOf(handle: PrivateKeyHandle): ForgePrivateKey {
    let key = privateKeys.get(handle);
    if (key === undefined) {
      // PKCS#8 PrivateKeyInfo: forge unwraps it to the RSAPrivateKey itself.
      key = forge.pki.privateKeyFromAsn1(forge.asn1.fromDer(binaryString(handle.pkcs8Der))) as ForgePrivateKey;
      privateKeys.set(handle, key);
    }
    return key;
  }

  function publicKeyOf(handle: PublicKeyHandle): ForgePublicKey {
    let key = publicKeys.get(handle);
    if (key === undefined) {
      key = forge.pki.publicKeyFromAsn1(forge.asn1.fromDer(binaryString(handle.spkiDer))) as ForgePublicKey;
      publicKeys.set(handle, key);
    }
    return key;
  }

  return {
    name: 'forge',
    async sign(handle, message) {
      try {
        return forge.util.encode64(privateKeyOf(handle).sign(sha256(message)));
      } catch (error) {
        throw new AuditNotifyError('INTERNAL_ERROR', `Signing failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
    },
    async verify(handle, message, signature) {
      // Malformed and probe signatures are just invalid (protocol.md §4); forge itself throws on some.
      if (!isSignatureText(signature, signatureByteLength(handle.bits))) return false;
      try {
        return publicKeyOf(handle).verify(sha256(message).digest().getBytes(), forge.util.decode64(signature), 'RSASSA-PKCS1-V1_5');
      } catch {
        return false;
      }
    },
  };
}
