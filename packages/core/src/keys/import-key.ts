// Runtime-neutral key import through WebCrypto (browsers, workers, Deno, Bun, Node's crypto.subtle): PEM,
// DER (PKCS#8, PKCS#1, SPKI) and JWK in, the same frozen handles as the Node loaders out. Asynchronous
// because WebCrypto is; the synchronous loaders (`loadPrivateKey`, …) and PKCS#12 stay on the Node side.
import type { webcrypto } from 'node:crypto';
import { AuditNotifyError } from '../errors.js';
import { decodeBase64Portable, encodeBase64Portable } from '../protocol/signature-text.js';
import type { PrivateKeyHandle, PublicKeyHandle } from '../types.js';
import { classifyDer } from './der.js';
import { MIN_RSA_BITS } from '../protocol/constants.js';

/**
 * What {@link importPrivateKey} and {@link importPublicKey} take: PEM text, DER bytes, or a JWK.
 *
 * @example
 * ```ts
 * const input: KeyImportInput = { kty: 'RSA', n, e };
 * ```
 */
export type KeyImportInput = string | Uint8Array | RsaJsonWebKey;

/**
 * The members of an RSA JSON Web Key (RFC 7518 §6.3) that the importers read; others are ignored.
 *
 * @example
 * ```ts
 * const jwk: RsaJsonWebKey = { kty: 'RSA', n: 'sXch…', e: 'AQAB' };
 * ```
 */
export interface RsaJsonWebKey {
  kty?: string;
  n?: string;
  e?: string;
  d?: string;
  p?: string;
  q?: string;
  dp?: string;
  dq?: string;
  qi?: string;
  [member: string]: unknown;
}

// Type-only: the WebCrypto types as Node declares them (the global DOM types are not in this build's lib).
type CryptoKey = webcrypto.CryptoKey;
type JsonWebKey = webcrypto.JsonWebKey;
type KeyUsage = webcrypto.KeyUsage;
type RsaHashedKeyAlgorithm = webcrypto.RsaHashedKeyAlgorithm;
type SubtleCrypto = webcrypto.SubtleCrypto;

const ALGORITHM = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;
// rsaEncryption (1.2.840.113549.1.1.1) with NULL parameters: the AlgorithmIdentifier PKCS#8 and SPKI wrap PKCS#1 in.
const RSA_ALGORITHM_ID = Uint8Array.of(0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00);

function subtle(): SubtleCrypto {
  const found = (globalThis.crypto as { subtle?: SubtleCrypto } | undefined)?.subtle;
  if (found === undefined) {
    throw new AuditNotifyError('KEY_RUNTIME_UNSUPPORTED', 'WebCrypto (crypto.subtle) is not available here: keys can be imported only where it is (a secure context in browsers).');
  }
  return found;
}

function derElement(tag: number, content: Uint8Array): Uint8Array {
  const n = content.byteLength;
  const length = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : n < 0x10000 ? [0x82, n >> 8, n & 0xff] : [0x83, n >> 16, (n >> 8) & 0xff, n & 0xff];
  const out = new Uint8Array(1 + length.length + n);
  out[0] = tag;
  out.set(length, 1);
  out.set(content, 1 + length.length);
  return out;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}

/** PKCS#1 RSAPrivateKey → PKCS#8 PrivateKeyInfo (WebCrypto imports only the latter). */
function pkcs8OfPkcs1(der: Uint8Array): Uint8Array {
  return derElement(0x30, concat(Uint8Array.of(0x02, 0x01, 0x00), RSA_ALGORITHM_ID, derElement(0x04, der)));
}

/** PKCS#1 RSAPublicKey → SPKI SubjectPublicKeyInfo. */
function spkiOfPkcs1(der: Uint8Array): Uint8Array {
  return derElement(0x30, concat(RSA_ALGORITHM_ID, derElement(0x03, concat(Uint8Array.of(0), der))));
}

/** The DER inside the first PEM block, or the bytes themselves when they are DER already. */
function derOf(input: string | Uint8Array, what: string): Uint8Array {
  if (input instanceof Uint8Array) return input;
  const block = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/.exec(input);
  const bytes = block ? decodeBase64Portable(block[2]!.replace(/\s+/g, '')) : undefined;
  if (bytes === undefined || bytes.byteLength === 0) {
    throw new AuditNotifyError('KEY_UNREADABLE', `The ${what} is not PEM (-----BEGIN …-----), DER bytes or a JWK.`);
  }
  return bytes;
}

async function fingerprintOf(spkiDer: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await subtle().digest('SHA-256', spkiDer));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join(':');
}

function checkBits(key: CryptoKey, what: string): number {
  const bits = (key.algorithm as RsaHashedKeyAlgorithm).modulusLength;
  if (bits < MIN_RSA_BITS) {
    throw new AuditNotifyError('KEY_TOO_SMALL', `The ${what} is RSA-${bits}: WECHATPAY2-SHA256-RSA2048 needs at least ${MIN_RSA_BITS} bits.`, { detail: { bits } });
  }
  return bits;
}

async function importOrExplain(format: 'pkcs8' | 'spki' | 'jwk', data: Uint8Array | JsonWebKey, usage: KeyUsage, what: string): Promise<CryptoKey> {
  try {
    return format === 'jwk'
      ? await subtle().importKey('jwk', data as JsonWebKey, ALGORITHM, true, [usage])
      : await subtle().importKey(format, data as Uint8Array<ArrayBuffer>, ALGORITHM, true, [usage]);
  } catch (error) {
    throw new AuditNotifyError('KEY_NOT_RSA', `The ${what} could not be imported as an RSA key for RSASSA-PKCS1-v1_5 (${error instanceof Error ? error.message : String(error)}).`, { cause: error });
  }
}

function asJwk(input: KeyImportInput): RsaJsonWebKey | undefined {
  return typeof input === 'object' && !(input instanceof Uint8Array) ? input : undefined;
}

/**
 * Imports an RSA private key (≥ 2048 bits) from PKCS#8 or PKCS#1 PEM/DER, or a private JWK, through
 * WebCrypto: works in browsers, workers, Deno, Bun and Node. Throws `KEY_UNREADABLE`, `KEY_FORMAT_UNKNOWN`,
 * `KEY_ENCRYPTED`, `KEY_NOT_RSA` or `KEY_TOO_SMALL`.
 *
 * @example
 * ```ts
 * const privateKey = await importPrivateKey(pemText);
 * const signature = await createWebCryptoEngine().sign(privateKey, message);
 * ```
 */
export async function importPrivateKey(input: KeyImportInput): Promise<PrivateKeyHandle> {
  const jwk = asJwk(input);
  let key: CryptoKey;
  let source: PrivateKeyHandle['source'];
  if (jwk) {
    if (jwk.kty !== 'RSA' || jwk.d === undefined) throw new AuditNotifyError('KEY_NOT_RSA', 'The JWK is not an RSA private key (kty "RSA" with "d").');
    key = await importOrExplain('jwk', { kty: 'RSA', n: jwk.n, e: jwk.e, d: jwk.d, p: jwk.p, q: jwk.q, dp: jwk.dp, dq: jwk.dq, qi: jwk.qi }, 'sign', 'private key');
    source = 'jwk';
  } else {
    const der = derOf(input as string | Uint8Array, 'private key');
    const kind = classifyDer(der);
    if (kind === 'encrypted-pkcs8') throw new AuditNotifyError('KEY_ENCRYPTED', 'The private key is encrypted: decrypt it first (openssl pkey -in k.pem -out k-plain.pem).');
    if (kind !== 'pkcs8' && kind !== 'pkcs1') {
      throw new AuditNotifyError('KEY_FORMAT_UNKNOWN', `Expected a PKCS#8 or PKCS#1 private key, found ${kind === 'unknown' ? 'something else' : kind}.`, { detail: { found: kind } });
    }
    key = await importOrExplain('pkcs8', kind === 'pkcs1' ? pkcs8OfPkcs1(der) : der, 'sign', 'private key');
    source = kind;
  }
  const bits = checkBits(key, 'private key');
  const pkcs8Der = new Uint8Array(await subtle().exportKey('pkcs8', key));
  // The public half, for the fingerprint: the JWK without its private members.
  const { kty, n, e } = await subtle().exportKey('jwk', key);
  const publicKey = await subtle().importKey('jwk', { kty, n, e }, ALGORITHM, true, ['verify']);
  const spkiDer = new Uint8Array(await subtle().exportKey('spki', publicKey));
  return Object.freeze({ kind: 'private', pkcs8Der, bits, source, fingerprint: await fingerprintOf(spkiDer) });
}

/**
 * Imports an RSA public key (≥ 2048 bits) from SPKI or PKCS#1 PEM/DER, or a public JWK, through WebCrypto.
 * Throws `KEY_UNREADABLE`, `KEY_FORMAT_UNKNOWN`, `KEY_NOT_RSA` or `KEY_TOO_SMALL`.
 *
 * @example
 * ```ts
 * const wechatpayPublicKey = await importPublicKey(pemText);
 * ```
 */
export async function importPublicKey(input: KeyImportInput): Promise<PublicKeyHandle> {
  const jwk = asJwk(input);
  let key: CryptoKey;
  if (jwk) {
    if (jwk.kty !== 'RSA') throw new AuditNotifyError('KEY_NOT_RSA', 'The JWK is not an RSA key (kty "RSA").');
    key = await importOrExplain('jwk', { kty: 'RSA', n: jwk.n, e: jwk.e }, 'verify', 'public key');
  } else {
    const der = derOf(input as string | Uint8Array, 'public key');
    const kind = classifyDer(der);
    if (kind !== 'spki' && kind !== 'pkcs1-public') {
      const hint = kind === 'certificate' ? ': a certificate, whose public key the Node loader loadCertificate() reads' : '';
      throw new AuditNotifyError('KEY_FORMAT_UNKNOWN', `Expected an SPKI or PKCS#1 public key, found ${kind === 'unknown' ? 'something else' : kind}${hint}.`, { detail: { found: kind } });
    }
    key = await importOrExplain('spki', kind === 'pkcs1-public' ? spkiOfPkcs1(der) : der, 'verify', 'public key');
  }
  const bits = checkBits(key, 'public key');
  const spkiDer = new Uint8Array(await subtle().exportKey('spki', key));
  return Object.freeze({ kind: 'public', spkiDer, bits, fingerprint: await fingerprintOf(spkiDer) });
}

/**
 * A key handle as PEM: `PRIVATE KEY` (PKCS#8) or `PUBLIC KEY` (SPKI), 64 characters a line, as OpenSSL writes it.
 *
 * @example
 * ```ts
 * writeFileSync('apiclient_pub.pem', keyToPem(publicKey));
 * ```
 */
export function keyToPem(handle: PrivateKeyHandle | PublicKeyHandle): string {
  const [label, der] = handle.kind === 'private' ? ['PRIVATE KEY', handle.pkcs8Der] : ['PUBLIC KEY', handle.spkiDer];
  const lines = encodeBase64Portable(der).match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
