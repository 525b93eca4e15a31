// Reads the algorithms of a PKCS#12 file without its password (RFC 7292): which MAC, which encryptions and
// how many iterations. Two uses: the key doctor tells a legacy file (RC2/3DES, SHA-1 MAC: `openssl pkcs12`
// of OpenSSL 3 needs `-legacy`) from a modern one (PBES2/PBKDF2/AES-256, SHA-256 MAC); and the loader refuses
// absurd iteration counts before node-forge would spin on them for minutes (a hostile or corrupt file).
import { algorithmOidOf, childrenOf, oidOf, readTlv, type Tlv } from './der.js';

/**
 * Algorithms found in a PKCS#12 file (best effort: BER files may yield less).
 *
 * @example
 * ```ts
 * const info: Pkcs12Info = inspectPkcs12(der);
 * if (info.legacy) console.log('openssl pkcs12 needs -legacy for this file');
 * ```
 */
export interface Pkcs12Info {
  /** MAC digest, e.g. `sha1`, `sha256`; `undefined` without MAC or when unreadable. */
  readonly macAlgorithm?: string;
  readonly macIterations?: number;
  /** One entry per encrypted part, e.g. `PBES2/PBKDF2/hmacWithSHA256/aes-256-cbc`, `pbeWithSHA1And40BitRC2-CBC`. */
  readonly encryptions: readonly string[];
  /** Highest iteration count seen (MAC and key derivations). */
  readonly maxIterations: number;
  /** True when any part uses the PKCS#12 PBE ciphers (RC2, RC4, 3DES) that OpenSSL 3 reads only with `-legacy`. */
  readonly legacy: boolean;
}

const OID_NAMES: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
  '1.2.840.113549.2.5': 'md5',
  '1.2.840.113549.1.12.1.1': 'pbeWithSHA1And128BitRC4',
  '1.2.840.113549.1.12.1.2': 'pbeWithSHA1And40BitRC4',
  '1.2.840.113549.1.12.1.3': 'pbeWithSHA1And3-KeyTripleDES-CBC',
  '1.2.840.113549.1.12.1.4': 'pbeWithSHA1And2-KeyTripleDES-CBC',
  '1.2.840.113549.1.12.1.5': 'pbeWithSHA1And128BitRC2-CBC',
  '1.2.840.113549.1.12.1.6': 'pbeWithSHA1And40BitRC2-CBC',
  '1.2.840.113549.2.7': 'hmacWithSHA1',
  '1.2.840.113549.2.9': 'hmacWithSHA256',
  '1.2.840.113549.2.10': 'hmacWithSHA384',
  '1.2.840.113549.2.11': 'hmacWithSHA512',
  '2.16.840.1.101.3.4.1.2': 'aes-128-cbc',
  '2.16.840.1.101.3.4.1.22': 'aes-192-cbc',
  '2.16.840.1.101.3.4.1.42': 'aes-256-cbc',
  '1.2.840.113549.3.7': 'des-ede3-cbc',
};
const OID_DATA = '1.2.840.113549.1.7.1';
const OID_ENCRYPTED_DATA = '1.2.840.113549.1.7.6';
const OID_SHROUDED_KEY_BAG = '1.2.840.113549.1.12.10.1.2';
const OID_PBES2 = '1.2.840.113549.1.5.13';
const OID_PBKDF2 = '1.2.840.113549.1.5.12';

function integerOf(bytes: Uint8Array, tlv: Tlv | undefined): number | undefined {
  if (!tlv || tlv.tag !== 0x02 || tlv.end - tlv.start > 6 || tlv.end <= tlv.start) return undefined;
  let value = 0;
  for (let i = tlv.start; i < tlv.end; i += 1) value = value * 256 + bytes[i]!;
  return value;
}

/** First child of an explicit [0] wrapper, then (if it is a primitive OCTET STRING) that string's content. */
function explicitOctets(bytes: Uint8Array, wrapper: Tlv | undefined): Tlv | undefined {
  if (!wrapper || wrapper.tag !== 0xa0) return undefined;
  const inner = childrenOf(bytes, wrapper)?.[0];
  if (!inner || inner.tag !== 0x04) return undefined;
  return readTlv(bytes, inner.start, inner.end);
}

/**
 * Describes a PKCS#12 file's MAC and encryption algorithms without decrypting it.
 *
 * @example
 * ```ts
 * inspectPkcs12(readFileSync('apiclient_cert.p12')).legacy; // false for an OpenSSL 3 default file
 * ```
 */
export function inspectPkcs12(bytes: Uint8Array): Pkcs12Info {
  const encryptions: string[] = [];
  let maxIterations = 0;
  let legacy = false;
  let macAlgorithm: string | undefined;
  let macIterations: number | undefined;

  const describeAlgorithm = (algorithm: Tlv | undefined): void => {
    if (!algorithm || algorithm.tag !== 0x30) return;
    const [oidTlv, params] = childrenOf(bytes, algorithm) ?? [];
    const oid = oidOf(bytes, oidTlv);
    if (oid === undefined) return;
    if (oid === OID_PBES2 && params) {
      const [kdf, scheme] = childrenOf(bytes, params) ?? [];
      const [kdfOid, kdfParams] = (kdf && childrenOf(bytes, kdf)) ?? [];
      const kdfFields = kdfParams ? (childrenOf(bytes, kdfParams) ?? []) : [];
      const iterations = integerOf(bytes, kdfFields[1]) ?? 0;
      maxIterations = Math.max(maxIterations, iterations);
      const prfTlv = kdfFields.find((field, index) => index >= 2 && field.tag === 0x30);
      const prf = prfTlv ? algorithmOidOf(bytes, prfTlv) : undefined;
      const cipher = algorithmOidOf(bytes, scheme);
      const kdfName = oidOf(bytes, kdfOid) === OID_PBKDF2 ? 'PBKDF2' : 'unknown-kdf';
      encryptions.push(`PBES2/${kdfName}/${prf ? (OID_NAMES[prf] ?? prf) : 'hmacWithSHA1'}/${cipher ? (OID_NAMES[cipher] ?? cipher) : '?'}`);
      return;
    }
    const name = OID_NAMES[oid] ?? oid;
    if (name.startsWith('pbeWithSHA1And')) legacy = true;
    const iterations = params ? integerOf(bytes, childrenOf(bytes, params)?.[1]) : undefined;
    maxIterations = Math.max(maxIterations, iterations ?? 0);
    encryptions.push(name);
  };

  const top = readTlv(bytes, 0, bytes.length);
  const [, authSafe, macData] = (top && childrenOf(bytes, top)) ?? [];
  if (macData) {
    const [digestInfo, , iterTlv] = childrenOf(bytes, macData) ?? [];
    const algorithm = digestInfo ? childrenOf(bytes, digestInfo)?.[0] : undefined;
    const oid = algorithmOidOf(bytes, algorithm);
    macAlgorithm = oid === undefined ? undefined : (OID_NAMES[oid] ?? oid);
    macIterations = iterTlv === undefined ? 1 : integerOf(bytes, iterTlv);
    maxIterations = Math.max(maxIterations, macIterations ?? 0);
  }
  const [, authWrapper] = (authSafe && childrenOf(bytes, authSafe)) ?? [];
  const safes = explicitOctets(bytes, authWrapper);
  for (const contentInfo of (safes && childrenOf(bytes, safes)) ?? []) {
    const [typeTlv, wrapper] = childrenOf(bytes, contentInfo) ?? [];
    const type = oidOf(bytes, typeTlv);
    if (type === OID_ENCRYPTED_DATA && wrapper?.tag === 0xa0) {
      const encryptedData = childrenOf(bytes, wrapper)?.[0];
      const [, encryptedContentInfo] = (encryptedData && childrenOf(bytes, encryptedData)) ?? [];
      describeAlgorithm(encryptedContentInfo ? childrenOf(bytes, encryptedContentInfo)?.[1] : undefined);
    } else if (type === OID_DATA) {
      const safeContents = explicitOctets(bytes, wrapper);
      for (const bag of (safeContents && childrenOf(bytes, safeContents)) ?? []) {
        const [bagId, bagValue] = childrenOf(bytes, bag) ?? [];
        if (oidOf(bytes, bagId) !== OID_SHROUDED_KEY_BAG || bagValue?.tag !== 0xa0) continue;
        const encryptedKeyInfo = childrenOf(bytes, bagValue)?.[0];
        describeAlgorithm(encryptedKeyInfo ? childrenOf(bytes, encryptedKeyInfo)?.[0] : undefined);
      }
    }
  }
  return {
    ...(macAlgorithm === undefined ? {} : { macAlgorithm }),
    ...(macIterations === undefined ? {} : { macIterations }),
    encryptions,
    maxIterations,
    legacy,
  };
}
