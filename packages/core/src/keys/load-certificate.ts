// Reads the merchant's X.509 certificate: the sender's `serial_no` comes from it (protocol.md §3, §5).
// node:crypto's X509Certificate parses it, so the serial is exactly what `openssl x509 -serial -noout` prints:
// upper-case hex of the INTEGER's magnitude bytes, a zero high nibble kept ("0A12…"), the DER sign byte not.
import { X509Certificate, type KeyObject } from 'node:crypto';
import { AuditNotifyError } from '../errors.js';
import type { CertificateInfo, KeyInput } from '../types.js';
import { publicHandleOf } from './handles.js';
import { readMaterial } from './material.js';

/**
 * Loads an X.509 certificate (PEM or DER; string, bytes or `{ path }`) and its RSA public key.
 * Loading does not judge validity dates (the key doctor does): an expired certificate still has a serial.
 *
 * Throws `KEY_UNREADABLE` (path), `CERT_INVALID` (not a certificate, or damaged), `KEY_NOT_RSA`,
 * `KEY_TOO_SMALL`.
 *
 * @example
 * ```ts
 * const cert = loadCertificate({ path: 'apiclient_cert.pem' });
 * cert.serialNo; // '5157F09EFDC096DE15EBE81A47057A7232F1B8E1'
 * ```
 */
export function loadCertificate(input: KeyInput): CertificateInfo {
  const material = readMaterial(input, 'certificate', 'CERT_INVALID');
  const item = material.items.find((candidate) => candidate.kind === 'certificate');
  if (!item) {
    const kinds = material.items.map((candidate) => candidate.kind);
    const what = kinds.includes('pkcs12')
      ? 'a PKCS#12 file: use loadPkcs12(input, password)'
      : kinds.some((kind) => kind.includes('pkcs8') || kind.includes('pkcs1') || kind === 'ec')
        ? 'a key'
        : 'not a certificate';
    throw new AuditNotifyError('CERT_INVALID', `Expected an X.509 certificate ("BEGIN CERTIFICATE"), got ${what}.`, {
      detail: { found: kinds },
    });
  }
  return certificateInfoOf(parseCertificate(item.der));
}

/**
 * Parses certificate DER with node:crypto, mapping failures to `CERT_INVALID`.
 *
 * @example
 * ```ts
 * const x509 = parseCertificate(der);
 * ```
 */
export function parseCertificate(der: Uint8Array): X509Certificate {
  try {
    return new X509Certificate(Buffer.from(der));
  } catch (error) {
    throw new AuditNotifyError('CERT_INVALID', 'The certificate cannot be parsed (damaged or not X.509).', {
      detail: { reason: (error as Error).message },
    });
  }
}

/**
 * Upper-case hex serial of a parsed certificate, as `openssl x509 -serial` prints it.
 *
 * @example
 * ```ts
 * serialOf(new X509Certificate(pem)); // '0A12…'
 * ```
 */
export function serialOf(x509: X509Certificate): string {
  return x509.serialNumber.toUpperCase();
}

/**
 * Builds a frozen {@link CertificateInfo}; throws `KEY_NOT_RSA` / `KEY_TOO_SMALL` for an unusable key.
 *
 * @example
 * ```ts
 * const info = certificateInfoOf(parseCertificate(der));
 * ```
 */
export function certificateInfoOf(x509: X509Certificate): CertificateInfo {
  const publicKey = publicHandleOf(certificatePublicKey(x509), "certificate's public key");
  const { notBefore, notAfter } = validityOf(x509);
  try {
    return Object.freeze({
      serialNo: serialOf(x509),
      subject: oneLineName(x509.subject),
      issuer: oneLineName(x509.issuer),
      notBefore,
      notAfter,
      publicKey,
      pem: x509.toString(),
    });
  } catch (error) {
    throw new AuditNotifyError('CERT_INVALID', 'The certificate cannot be read (damaged?).', { detail: { reason: (error as Error).message } });
  }
}

/**
 * The validity period as dates; `CERT_INVALID` when a date cannot be read (a damaged time field).
 *
 * @example
 * ```ts
 * const { notAfter } = validityOf(parseCertificate(der));
 * ```
 */
export function validityOf(x509: X509Certificate): { notBefore: Date; notAfter: Date } {
  const notBefore = new Date(x509.validFrom);
  const notAfter = new Date(x509.validTo);
  if (Number.isNaN(notBefore.getTime()) || Number.isNaN(notAfter.getTime())) {
    throw new AuditNotifyError('CERT_INVALID', 'The certificate validity dates cannot be read (damaged?).', {
      detail: { reason: 'INVALID_DATE' },
    });
  }
  return { notBefore, notAfter };
}

/**
 * The certificate's public key. node:crypto parses the SubjectPublicKeyInfo only when asked, so a damaged key
 * inside an otherwise well-formed certificate surfaces here; it becomes `CERT_INVALID`.
 *
 * @example
 * ```ts
 * const key = certificatePublicKey(parseCertificate(der)); // KeyObject of type 'public'
 * ```
 */
export function certificatePublicKey(x509: X509Certificate): KeyObject {
  try {
    return x509.publicKey;
  } catch (error) {
    throw new AuditNotifyError('CERT_INVALID', "The certificate's public key cannot be parsed (damaged?).", {
      detail: { reason: (error as Error).message },
    });
  }
}

/**
 * Node prints distinguished names one attribute per line; one line reads better in logs and the inspector.
 *
 * @example
 * ```ts
 * oneLineName('CN=1900016681\nO=Tenpay'); // 'CN=1900016681, O=Tenpay'
 * ```
 */
export function oneLineName(name: string): string {
  return name.split('\n').filter(Boolean).join(', ');
}

/**
 * The `CN` of a one-line or multi-line distinguished name (a WeChat Pay merchant certificate's CN is the mchid).
 *
 * @example
 * ```ts
 * commonNameOf(cert.subject); // '1900016681'
 * ```
 */
export function commonNameOf(name: string): string | undefined {
  const match = /(?:^|[\n,]\s*)CN=([^\n,]*)/.exec(name);
  return match?.[1]?.trim();
}
