// Opens an RSA signature with a public key (s^e mod n) and reads the PKCS#1 v1.5 DigestInfo inside
// (RFC 8017 §9.2). A verifier only learns "no"; this tells a diagnosis *why*: a well-formed block means
// the key is the signer's and the message differs, a SHA-1 block means the wrong algorithm, random bytes
// mean the wrong key, a damaged signature or another padding (RSA-PSS).
import { constants, createHash, publicDecrypt, verify } from 'node:crypto';
import type { PublicKeyHandle } from '../types.js';

/**
 * What a signature holds once opened with one public key.
 *
 * @example
 * ```ts
 * const opened: OpenedSignature = openSignature(publicKey, signatureBytes);
 * ```
 */
export type OpenedSignature = { kind: 'pkcs1'; algorithm: DigestAlgorithm; digest: Uint8Array } | { kind: 'garbage' };

/**
 * Hashes a PKCS#1 v1.5 block can name.
 *
 * @example
 * ```ts
 * const algorithm: DigestAlgorithm = 'sha256';
 * ```
 */
export type DigestAlgorithm = 'sha256' | 'sha1' | 'sha384' | 'sha512' | 'md5' | 'sha224';

// DER prefixes of DigestInfo for each hash (RFC 8017 §9.2 note 1).
const PREFIXES: readonly [DigestAlgorithm, string][] = [
  ['sha256', '3031300d060960864801650304020105000420'],
  ['sha256', '302f300b06096086480165030402010420'],
  ['sha1', '3021300906052b0e03021a05000414'],
  ['sha1', '301f300706052b0e03021a0414'],
  ['sha384', '3041300d060960864801650304020205000430'],
  ['sha512', '3051300d060960864801650304020305000440'],
  ['sha224', '302d300d06096086480165030402040500041c'],
  ['md5', '3020300c06082a864886f70d020505000410'],
];

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
    block = publicDecrypt({ key: key.keyObject, padding: constants.RSA_NO_PADDING }, signature);
  } catch {
    return { kind: 'garbage' };
  }
  if (block[0] === 0x00 && block[1] === 0x01) {
    let i = 2;
    while (i < block.length && block[i] === 0xff) i++;
    if (i >= 10 && block[i] === 0x00) {
      const info = block.subarray(i + 1).toString('hex');
      for (const [algorithm, prefix] of PREFIXES) {
        if (info.startsWith(prefix) && info.length === prefix.length + 2 * parseInt(prefix.slice(-2), 16)) {
          return { kind: 'pkcs1', algorithm, digest: new Uint8Array(block.subarray(i + 1 + prefix.length / 2)) };
        }
      }
    }
  }
  return { kind: 'garbage' };
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
    return verify('sha256', message, { key: key.keyObject, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO }, signature);
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
