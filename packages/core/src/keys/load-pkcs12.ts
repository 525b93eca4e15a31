// PKCS#12 (apiclient_cert.p12, password = the mchid; protocol.md §5). node:crypto cannot read PKCS#12, so
// node-forge does: it reads both the legacy files (RC2-40 certificates, 3DES key, SHA-1 MAC) and the OpenSSL 3
// default (PBES2 with PBKDF2-HMAC-SHA256 and AES-256-CBC, SHA-256 MAC), which the tests check with files made
// by the real `openssl pkcs12` both with and without `-legacy`. The key and certificate found are then loaded
// into node:crypto like any other key.
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { AuditNotifyError } from '../errors.js';
import forge, { type ForgeTypes } from '../internal/forge.js';
import type { CertificateInfo, KeyInput, PrivateKeyHandle } from '../types.js';
import { privateHandleOf } from './handles.js';
import { certificateInfoOf, certificatePublicKey, parseCertificate } from './load-certificate.js';
import { readMaterial } from './material.js';
import { inspectPkcs12 } from './pkcs12-info.js';

/**
 * What a merchant's PKCS#12 file holds.
 *
 * @example
 * ```ts
 * const { privateKey, certificate }: Pkcs12Contents = loadPkcs12({ path: 'apiclient_cert.p12' }, '1900016681');
 * ```
 */
export interface Pkcs12Contents {
  readonly privateKey: PrivateKeyHandle;
  /** The certificate whose public key matches the private key (any CA certificates are skipped). */
  readonly certificate: CertificateInfo;
}

/**
 * Raw DER of the bags, before any RSA/size checks (for the key doctor).
 *
 * @example
 * ```ts
 * const { keys, certificates }: Pkcs12Bags = openPkcs12(der, '1900016681');
 * ```
 */
export interface Pkcs12Bags {
  readonly keys: Uint8Array[];
  readonly certificates: Uint8Array[];
}

/**
 * Highest key-derivation iteration count a PKCS#12 file may ask for. Real exporters write 2,048 (OpenSSL,
 * which WeChat Pay's certificate tool uses, and both files in test-vectors/), 2,000 (Windows) or 10,000
 * (Java's keytool); the cap leaves ten times the highest of these. Above it a damaged or hostile file would
 * keep node-forge's PKCS#12 KDF busy for many seconds (1,000,000 iterations: about 20 s), so it is refused
 * before any derivation starts.
 *
 * @example
 * ```ts
 * inspectPkcs12(der).maxIterations <= PKCS12_MAX_ITERATIONS; // else loadPkcs12 throws PKCS12_INVALID
 * ```
 */
export const PKCS12_MAX_ITERATIONS = 100_000;

/**
 * Loads the private key and its certificate from a PKCS#12 file (string, bytes or `{ path }`).
 * `password` is the mchid for WeChat Pay merchant files. Non-ASCII passwords are not supported
 * (node-forge passes PBES2 passwords as Latin-1 where OpenSSL uses UTF-8); merchant ids are digits.
 *
 * Throws `KEY_UNREADABLE`, `PKCS12_INVALID`, `KEY_PASSWORD_WRONG`, `KEY_NOT_RSA`, `KEY_TOO_SMALL`,
 * `CERT_INVALID`, `KEY_CERT_MISMATCH` (no certificate in the file matches its key).
 *
 * @example
 * ```ts
 * const { privateKey, certificate } = loadPkcs12({ path: 'apiclient_cert.p12' }, '1900016681');
 * certificate.serialNo; // '5157F09EFDC096DE15EBE81A47057A7232F1B8E1'
 * ```
 */
export function loadPkcs12(input: KeyInput, password: string): Pkcs12Contents {
  const material = readMaterial(input, 'PKCS#12 file', 'PKCS12_INVALID');
  const item = material.items.find((candidate) => candidate.kind === 'pkcs12');
  if (!item) {
    throw new AuditNotifyError('PKCS12_INVALID', 'This is not a PKCS#12 file (.p12/.pfx).', {
      detail: { found: material.items.map((candidate) => candidate.kind) },
    });
  }
  return readPkcs12(item.der, password);
}

/**
 * Loads key and matching certificate from PKCS#12 DER (shared by {@link loadPkcs12} and `loadPrivateKey`).
 *
 * @example
 * ```ts
 * const { privateKey } = readPkcs12(der, '1900016681');
 * ```
 */
export function readPkcs12(der: Uint8Array, password: string): Pkcs12Contents {
  const bags = openPkcs12(der, password);
  const keyDer = bags.keys[0];
  if (!keyDer) throw new AuditNotifyError('PKCS12_INVALID', 'The PKCS#12 file holds no private key.');
  let keyObject;
  try {
    keyObject = createPrivateKey({ key: Buffer.from(keyDer), format: 'der', type: 'pkcs8' });
  } catch (error) {
    throw new AuditNotifyError('PKCS12_INVALID', 'The private key inside the PKCS#12 file cannot be parsed.', {
      detail: { reason: (error as Error).message },
    });
  }
  const privateKey = privateHandleOf(keyObject, 'pkcs12');
  const spki = createPublicKey(keyObject).export({ format: 'der', type: 'spki' });
  if (bags.certificates.length === 0) {
    throw new AuditNotifyError('PKCS12_INVALID', 'The PKCS#12 file holds no certificate.');
  }
  for (const certDer of bags.certificates) {
    const x509 = parseCertificate(certDer);
    if (certificatePublicKey(x509).export({ format: 'der', type: 'spki' }).equals(spki)) {
      return Object.freeze({ privateKey, certificate: certificateInfoOf(x509) });
    }
  }
  throw new AuditNotifyError('KEY_CERT_MISMATCH', 'No certificate in the PKCS#12 file matches its private key.', {
    detail: { certificates: bags.certificates.length },
  });
}

/**
 * Verifies the MAC, decrypts, and returns the PKCS#8 DER of every key bag and the DER of every certificate bag.
 *
 * @example
 * ```ts
 * const { keys, certificates } = openPkcs12(der, '1900016681');
 * ```
 */
export function openPkcs12(der: Uint8Array, password: string): Pkcs12Bags {
  const info = inspectPkcs12(der);
  if (info.maxIterations > PKCS12_MAX_ITERATIONS) {
    throw new AuditNotifyError(
      'PKCS12_INVALID',
      `The PKCS#12 file asks for ${info.maxIterations} iterations; real files use 2,000-10,000 and at most ${PKCS12_MAX_ITERATIONS} are accepted: re-export it with openssl pkcs12 -export (default 2048).`,
      { detail: { iterations: info.maxIterations } },
    );
  }
  let asn1: ForgeTypes.asn1.Asn1;
  try {
    // Non-strict: PKCS#12 from Java or Windows is BER (indefinite lengths), which strict DER rejects.
    asn1 = forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(der).toString('binary')), false);
  } catch (error) {
    throw new AuditNotifyError('PKCS12_INVALID', 'The PKCS#12 file is not valid ASN.1 (damaged?).', {
      detail: { reason: (error as Error).message },
    });
  }
  let p12: ForgeTypes.pkcs12.Pkcs12Pfx;
  try {
    p12 = forge.pkcs12.pkcs12FromAsn1(asn1, false, password);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    // forge signals a wrong password through the MAC check or a failed decryption (padding); anything else is
    // a structure it cannot read.
    const wrongPassword = /MAC could not be verified|wrong password|Failed to decrypt|Invalid password/i.test(reason);
    throw wrongPassword
      ? new AuditNotifyError('KEY_PASSWORD_WRONG', 'The password does not open the PKCS#12 file (WeChat Pay uses the merchant id).', {
          detail: { reason: 'MAC_OR_DECRYPTION_FAILED' },
        })
      : new AuditNotifyError('PKCS12_INVALID', 'The PKCS#12 file cannot be read.', { detail: { reason } });
  }
  const keys: Uint8Array[] = [];
  const certificates: Uint8Array[] = [];
  const toBytes = (binary: string): Uint8Array => new Uint8Array(Buffer.from(binary, 'binary'));
  const keyBagTypes = [forge.pki.oids.pkcs8ShroudedKeyBag, forge.pki.oids.keyBag] as string[];
  for (const bagType of keyBagTypes) {
    for (const bag of p12.getBags({ bagType })[bagType] ?? []) {
      // forge decodes RSA keys itself and leaves other key types (EC, Ed25519) as raw ASN.1.
      const asn = bag.key ? forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(bag.key)) : bag.asn1;
      if (asn) keys.push(toBytes(forge.asn1.toDer(asn).getBytes()));
    }
  }
  const certBag = forge.pki.oids.certBag as string;
  for (const bag of p12.getBags({ bagType: certBag })[certBag] ?? []) {
    const asn = bag.cert ? forge.pki.certificateToAsn1(bag.cert) : bag.asn1;
    if (asn) certificates.push(toBytes(forge.asn1.toDer(asn).getBytes()));
  }
  return { keys, certificates };
}
