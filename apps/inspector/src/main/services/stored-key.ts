/**
 * A key as `keys.json` keeps it (PEM text) and as the services use it (loaded core handles). Loading happens
 * once, when the store opens or a key is added: the fast path of the crypto engine (docs/architecture.md, layers of core).
 */
import { randomBytes } from 'node:crypto';
import { keyToPem, loadCertificate, loadPrivateKey, loadPublicKey, type CertificateInfo, type PrivateKeyHandle, type PublicKeyHandle } from '@auditnotify/core';
import type { CertificateSummary, KeyRole, KeySummary } from '../../shared/api.js';

/**
 * A stored key with its loaded handles (main process only).
 *
 * @example
 * ```ts
 * const key: LoadedKey = store.get('k_1');
 * key.publicKey.fingerprint;
 * ```
 */
export interface LoadedKey {
  summary: KeySummary;
  privateKey?: PrivateKeyHandle;
  publicKey: PublicKeyHandle;
  certificate?: CertificateInfo;
}

/**
 * One entry of `keys.json`.
 *
 * @example
 * ```ts
 * const stored: StoredKey = { id: newKeyId(), role: 'platform', keyId: 'PUB_KEY_ID_…', label: 'wxp_pub.pem', source: 'public-key', createdAt, publicKeyPem };
 * ```
 */
export interface StoredKey {
  id: string;
  role: KeyRole;
  keyId: string;
  mchid?: string;
  label: string;
  source: KeySummary['source'];
  createdAt: string;
  privateKeyPem?: string;
  publicKeyPem: string;
  certificatePem?: string;
}

/**
 * A fresh store id.
 *
 * @example
 * ```ts
 * newKeyId(); // 'k_3f2a9c0d11e4'
 * ```
 */
export function newKeyId(): string {
  return `k_${randomBytes(6).toString('hex')}`;
}


/**
 * SPKI PEM of a public key.
 *
 * @example
 * ```ts
 * publicPemOf(certificate.publicKey).startsWith('-----BEGIN PUBLIC KEY-----'); // true
 * ```
 */
export function publicPemOf(handle: PublicKeyHandle): string {
  return keyToPem(handle);
}


/**
 * Loads a stored key into core handles and describes it for the renderer.
 *
 * @example
 * ```ts
 * const { summary, privateKey } = loadStoredKey(stored);
 * ```
 */
export function loadStoredKey(stored: StoredKey): LoadedKey {
  const privateKey = stored.privateKeyPem ? loadPrivateKey(stored.privateKeyPem) : undefined;
  const certificate = stored.certificatePem ? loadCertificate(stored.certificatePem) : undefined;
  const publicKey = certificate?.publicKey ?? loadPublicKey(stored.publicKeyPem);
  const summary: KeySummary = {
    id: stored.id,
    role: stored.role,
    keyId: stored.keyId,
    ...(stored.mchid ? { mchid: stored.mchid } : {}),
    label: stored.label,
    hasPrivateKey: privateKey !== undefined,
    hasPublicKey: true,
    bits: publicKey.bits,
    fingerprint: publicKey.fingerprint,
    source: stored.source,
    ...(certificate ? { certificate: certificateSummary(certificate) } : {}),
    createdAt: stored.createdAt,
  };
  return { summary, publicKey, ...(privateKey ? { privateKey } : {}), ...(certificate ? { certificate } : {}) };
}


function certificateSummary(cert: CertificateInfo): CertificateSummary {
  return {
    serialNo: cert.serialNo,
    subject: cert.subject,
    issuer: cert.issuer,
    notBefore: cert.notBefore.toISOString(),
    notAfter: cert.notAfter.toISOString(),
    expired: cert.notAfter.getTime() < Date.now(),
  };
}
