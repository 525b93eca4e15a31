// WebCrypto side of recover-digest.ts, for runtimes without node:crypto: the same three questions, answered
// with BigInt arithmetic (opening is s^e mod n) and crypto.subtle. WebCrypto has no MD5 or SHA-224, so a
// block naming those is reported by algorithm without comparing its digest.
import { childrenOf, readTlv } from '../keys/der.js';
import type { PublicKeyHandle } from '../types.js';
import { readDigestInfo, type DigestAlgorithm, type OpenedSignature } from './digest-info.js';

function bigIntOf(bytes: Uint8Array): bigint {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return value;
}

function bytesOf(value: bigint, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = length - 1; i >= 0; i--) {
    out[i] = Number(value & 0xffn);
    value >>= 8n;
  }
  return out;
}

/** n and e of an RSA SPKI: SEQUENCE { AlgorithmIdentifier, BIT STRING { 00, SEQUENCE { n, e } } }. */
function modulusAndExponent(spki: Uint8Array): { n: bigint; e: bigint } | undefined {
  const top = readTlv(spki, 0, spki.length);
  const bitString = top ? childrenOf(spki, top)?.[1] : undefined;
  if (!bitString || bitString.tag !== 0x03 || spki[bitString.start] !== 0) return undefined;
  const rsa = readTlv(spki, bitString.start + 1, bitString.end);
  const [n, e] = rsa ? childrenOf(spki, rsa) ?? [] : [];
  if (!n || !e || n.tag !== 0x02 || e.tag !== 0x02) return undefined;
  return { n: bigIntOf(spki.subarray(n.start, n.end)), e: bigIntOf(spki.subarray(e.start, e.end)) };
}

function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  base %= modulus;
  while (exponent > 0n) {
    if (exponent & 1n) result = (result * base) % modulus;
    base = (base * base) % modulus;
    exponent >>= 1n;
  }
  return result;
}

/**
 * Opens `signature` with `key` (s^e mod n). Never throws: anything unreadable is `garbage`.
 *
 * @example
 * ```ts
 * const opened = openSignature(publicKey, signatureBytes);
 * ```
 */
export function openSignature(key: PublicKeyHandle, signature: Uint8Array): OpenedSignature {
  const rsa = modulusAndExponent(key.spkiDer);
  const length = (key.bits + 7) >>> 3;
  if (rsa === undefined || signature.byteLength !== length) return { kind: 'garbage' };
  const s = bigIntOf(signature);
  if (s >= rsa.n) return { kind: 'garbage' };
  return readDigestInfo(bytesOf(modPow(s, rsa.e, rsa.n), length));
}

/**
 * True when `signature` is an RSASSA-PSS (SHA-256) signature of `message`; WebCrypto needs the salt length,
 * so the usual ones are tried (the digest length, the maximum, none).
 *
 * @example
 * ```ts
 * if (await verifiesAsPss(publicKey, message, signatureBytes)) console.log('signed with RSA-PSS');
 * ```
 */
export async function verifiesAsPss(key: PublicKeyHandle, message: Uint8Array, signature: Uint8Array): Promise<boolean> {
  const subtle = globalThis.crypto.subtle;
  try {
    const cryptoKey = await subtle.importKey('spki', key.spkiDer as Uint8Array<ArrayBuffer>, { name: 'RSA-PSS', hash: 'SHA-256' }, false, ['verify']);
    const maxSalt = ((key.bits + 7) >>> 3) - 32 - 2;
    for (const saltLength of [32, maxSalt, 0, 20, 64]) {
      if (await subtle.verify({ name: 'RSA-PSS', saltLength }, cryptoKey, signature as Uint8Array<ArrayBuffer>, message as Uint8Array<ArrayBuffer>)) return true;
    }
  } catch {
    return false;
  }
  return false;
}

const SUBTLE_NAMES: Partial<Record<DigestAlgorithm, string>> = { sha1: 'SHA-1', sha256: 'SHA-256', sha384: 'SHA-384', sha512: 'SHA-512' };

/**
 * True when `digest` is the `algorithm` hash of `message`; false for MD5 and SHA-224, which WebCrypto lacks.
 *
 * @example
 * ```ts
 * if (await digestMatches('sha1', message, opened.digest)) console.log('same message, other hash');
 * ```
 */
export async function digestMatches(algorithm: DigestAlgorithm, message: Uint8Array, digest: Uint8Array): Promise<boolean> {
  const name = SUBTLE_NAMES[algorithm];
  if (name === undefined) return false;
  const computed = new Uint8Array(await globalThis.crypto.subtle.digest(name, message as Uint8Array<ArrayBuffer>));
  return computed.length === digest.length && computed.every((b, i) => b === digest[i]);
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
  return new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', message as Uint8Array<ArrayBuffer>));
}
