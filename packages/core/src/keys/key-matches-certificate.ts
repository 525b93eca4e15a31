// The classic set-up mistake (protocol.md §7.2): apiclient_key.pem from one download, apiclient_cert.pem from
// another. Keys match when their public halves are the same SPKI, which the handles' fingerprints already say.
import { AuditNotifyError } from '../errors.js';
import type { CertificateInfo, KeyInput, PrivateKeyHandle, PublicKeyHandle } from '../types.js';
import { loadPrivateKey } from './load-private-key.js';
import { loadPublicKey } from './load-public-key.js';

/**
 * A certificate, a public key, or material to load as one.
 *
 * @example
 * ```ts
 * const side: PublicSide = { path: 'apiclient_cert.pem' };
 * keyMatchesCertificate(key, side);
 * ```
 */
export type PublicSide = CertificateInfo | PublicKeyHandle | KeyInput;

function fingerprintOf(side: PublicSide): string {
  if (typeof side === 'object' && side !== null && !(side instanceof Uint8Array)) {
    if ('kind' in side && side.kind === 'public') return side.fingerprint;
    if ('publicKey' in side && 'serialNo' in side) return side.publicKey.fingerprint;
  }
  return loadPublicKey(side as KeyInput).fingerprint;
}

function privateFingerprintOf(key: PrivateKeyHandle | KeyInput): string {
  if (typeof key === 'object' && key !== null && 'kind' in key && key.kind === 'private') return key.fingerprint;
  return loadPrivateKey(key as KeyInput).fingerprint;
}

/**
 * True when the private key belongs to the certificate (or public key).
 *
 * @example
 * ```ts
 * keyMatchesCertificate(loadPrivateKey(keyPem), loadCertificate(certPem)); // true
 * ```
 */
export function keyMatchesCertificate(privateKey: PrivateKeyHandle | KeyInput, certificate: PublicSide): boolean {
  return privateFingerprintOf(privateKey) === fingerprintOf(certificate);
}

/**
 * Throws `KEY_CERT_MISMATCH` unless the private key belongs to the certificate (or public key).
 *
 * @example
 * ```ts
 * assertKeyMatchesCertificate(key, cert); // start-up check in a client factory
 * ```
 */
export function assertKeyMatchesCertificate(privateKey: PrivateKeyHandle | KeyInput, certificate: PublicSide): void {
  const keyFingerprint = privateFingerprintOf(privateKey);
  const certFingerprint = fingerprintOf(certificate);
  if (keyFingerprint !== certFingerprint) {
    // Fingerprints are public-key hashes, safe to show, and they tell which files belong together.
    throw new AuditNotifyError('KEY_CERT_MISMATCH', 'The private key does not belong to this certificate: the two files come from different key pairs.', {
      detail: { keyFingerprint, certificateFingerprint: certFingerprint },
    });
  }
}
