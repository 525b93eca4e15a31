import { sign as cryptoSign, verify as cryptoVerify } from 'node:crypto';
import { AuditNotifyError } from '../errors.js';
import { keyObjectOf } from '../keys/key-objects.js';
import type { PrivateKeyHandle, PublicKeyHandle, SignatureEngine } from '../types.js';
import { isSignatureText, signatureByteLength } from '../protocol/signature-text.js';

/**
 * The `node:crypto` engine: the default in Node and Electron main (docs/architecture.md, layers of core). Besides the
 * async {@link SignatureEngine} methods it offers synchronous ones for callers that sign inline.
 *
 * @example
 * ```ts
 * const engine: NodeEngine = createNodeEngine();
 * const signature = engine.signSync(privateKey, message);
 * ```
 */
export interface NodeEngine extends SignatureEngine {
  readonly name: 'node';
  /** Signs on the calling thread: the fastest path for one signature at a time. */
  signSync(key: PrivateKeyHandle, message: Uint8Array): string;
  /** Verifies on the calling thread; `false` (never a throw) for any malformed signature. */
  verifySync(key: PublicKeyHandle, message: Uint8Array, signature: string): boolean;
}

// RSASSA-PKCS1-v1_5 is Node's default padding for RSA keys, so the digest name is all the call needs.
const DIGEST = 'sha256';

function signingFailed(cause: unknown): AuditNotifyError {
  // Node's message names the failing operation only, never key material.
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new AuditNotifyError('INTERNAL_ERROR', `Signing failed: ${reason}`, { cause });
}

function verifyOnThisThread(key: PublicKeyHandle, message: Uint8Array, signature: string): boolean {
  // The shape check rejects bad Base64, wrong lengths and probe signatures before any decoding
  // (protocol.md §4); the decode then reads a string already known to be canonical Base64.
  if (!isSignatureText(signature, signatureByteLength(key.bits))) return false;
  try {
    return cryptoVerify(DIGEST, message, keyObjectOf(key), Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/**
 * Creates the `node:crypto` engine over the handles' pre-loaded `KeyObject`s: no PEM parsing and no copies
 * on the hot path (docs/benchmarks-core.md: a pre-loaded key signs ~3× faster than parsing each time). Async `sign` runs
 * on the libuv thread pool (`crypto.sign` with a callback) so several signatures use several cores;
 * `verify` stays on the calling thread because an RSA verify is shorter than a thread-pool round trip.
 *
 * @example
 * ```ts
 * const engine = createNodeEngine();
 * const signature = await engine.sign(privateKey, buildResponseMessage({ timestamp, nonce, body }));
 * const ok = engine.verifySync(publicKey, message, signature);
 * ```
 */
export function createNodeEngine(): NodeEngine {
  return {
    name: 'node',
    signSync(key, message) {
      try {
        return cryptoSign(DIGEST, message, keyObjectOf(key)).toString('base64');
      } catch (error) {
        throw signingFailed(error);
      }
    },
    verifySync: verifyOnThisThread,
    sign(key, message) {
      return new Promise<string>((resolve, reject) => {
        try {
          cryptoSign(DIGEST, message, keyObjectOf(key), (error, signature) => {
            if (error) reject(signingFailed(error));
            else resolve(signature.toString('base64'));
          });
        } catch (error) {
          reject(signingFailed(error));
        }
      });
    },
    verify(key, message, signature) {
      return Promise.resolve(verifyOnThisThread(key, message, signature));
    },
  };
}
