// Node side. Opens an RSA signature with a public key (s^e mod n) and reads the PKCS#1 v1.5 DigestInfo inside
// (RFC 8017 §9.2). A verifier only learns "no"; this tells a diagnosis *why*: a well-formed block means
// the key is the signer's and the message differs, a SHA-1 block means the wrong algorithm, random bytes
// mean the wrong key, a damaged signature or another padding (RSA-PSS).
import { constants, createHash, publicDecrypt, verify } from 'node:crypto';
import type { PublicKeyHandle } from '../types.js';
import { readDigestInfo, type DigestAlgorithm, type OpenedSignature } from './digest-info.js';

export type { DigestAlgorithm, OpenedSignature } from './digest-info.js';
import { keyObjectOf } from '../keys/key-objects.js';

/**
 * Opens `signature` (raw bytes) with `key`. Never throws: anything unreadable is `garbage`.
 *
 * @example
 * ```ts
 * const opened = openSignature(publicKey, signatureBytes);
 * if (opened.kind === 'pkcs1' && opened.algorithm === 'sha1') console.log('signed with SHA1withRSA');
 * ```
 */
export function openSignature(key: PublicKeyHandle, signature: Uint8Array): OpenedSignature {
  let block: Buffer;
  try {
    block = publicDecrypt({ key: keyObjectOf(key), padding: constants.RSA_NO_PADDING }, signature);
  } catch {
    return { kind: 'garbage' };
  }
  return readDigestInfo(new Uint8Array(block));
}

/**
 * True when `signature` is a valid RSASSA-PSS (SHA-256, any salt length) signature of `message`: the
 * mistake of signing with PSS where APIv3 wants PKCS#1 v1.5 (protocol.md §3).
 *
 * @example
 * ```ts
 * if (verifiesAsPss(publicKey, message, signatureBytes)) console.log('signed with RSA-PSS');
 * ```
 */
export function verifiesAsPss(key: PublicKeyHandle, message: Uint8Array, signature: Uint8Array): boolean {
  try {
    return verify('sha256', message, { key: keyObjectOf(key), padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO }, signature);
  } catch {
    return false;
  }
}

/**
 * True when `digest` is the `algorithm` hash of `message`.
 *
 * @example
 * ```ts
 * if (opened.kind === 'pkcs1' && digestMatches(opened.algorithm, message, opened.digest)) console.log('same message, other hash');
 * ```
 */
export function digestMatches(algorithm: DigestAlgorithm, message: Uint8Array, digest: Uint8Array): boolean {
  try {
    return createHash(algorithm).update(message).digest().equals(digest);
  } catch {
    return false;
  }
}

/**
 * SHA-256 of `message`: how the diagnosis compares a guess with the digest a signature opens to.
 *
 * @example
 * ```ts
 * const digest = await sha256(message);
 * ```
 */
export async function sha256(message: Uint8Array): Promise<Uint8Array> {
  return createHash('sha256').update(message).digest();
}
