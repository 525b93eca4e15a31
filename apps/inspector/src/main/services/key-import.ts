/**
 * `keys.import`: reads private keys (PKCS#8 / PKCS#1), certificates, public keys and PKCS#12 files with core's
 * loaders, checks that the halves given together belong together, and names the key (protocol.md §5).
 */
import { createPublicKey } from 'node:crypto';
import {
  assertKeyMatchesCertificate,
  isAuthorizationValue,
  keyMatchesCertificate,
  loadCertificate,
  keyToPem,
  loadPrivateKey,
  loadPublicKey,
  type CertificateInfo,
  type PrivateKeyHandle,
  type PublicKeyHandle,
} from '@auditnotify/core';
import type { BytesInput, KeyRole, KeySummary } from '../../shared/api.js';
import type { KeyJobRunner } from '../key-worker/key-worker-client.js';
import { bytesOf } from './bytes.js';
import { fail } from './errors.js';
import { newKeyId, publicPemOf, type StoredKey } from './stored-key.js';

/**
 * What `keys.import` gives the store (already validated by the shared schema).
 *
 * @example
 * ```ts
 * const input: KeyImport = { role: 'merchant', mchid: '1900016681', pkcs12: { base64 }, password: '1900016681' };
 * ```
 */
export interface KeyImport {
  role: KeyRole;
  label?: string;
  keyId?: string;
  mchid?: string;
  privateKey?: BytesInput;
  certificate?: BytesInput;
  publicKey?: BytesInput;
  pkcs12?: BytesInput;
  password?: string;
}

/**
 * Turns imported material into a `keys.json` entry; rejects with core's key codes or `INVALID_INPUT`. A
 * PKCS#12 file is opened by `keyJobs` (the key worker thread: its key derivation can take seconds).
 *
 * @example
 * ```ts
 * const stored = await importKeyMaterial({ role: 'merchant', mchid: '1900016681', pkcs12: { base64 } }, keyJobs);
 * stored.keyId; // the certificate serial
 * ```
 */
export async function importKeyMaterial(input: KeyImport, keyJobs: KeyJobRunner): Promise<StoredKey> {
  let privateKey: PrivateKeyHandle | undefined;
  let certificate: CertificateInfo | undefined;
  let publicKey: PublicKeyHandle | undefined;
  let source: KeySummary['source'];

  if (input.pkcs12) {
    // protocol.md §5: the PKCS#12 password is the mchid unless the integrator changed it.
    const p12 = await keyJobs.run({ kind: 'open-pkcs12', der: bytesOf(input.pkcs12), password: input.password ?? input.mchid ?? '' });
    privateKey = loadPrivateKey(p12.privateKeyPem);
    certificate = loadCertificate(p12.certificatePem);
    source = 'pkcs12';
  }
  if (input.privateKey) {
    privateKey = loadPrivateKey(keyInput(input.privateKey), input.password === undefined ? {} : { password: input.password });
  }
  if (input.certificate) certificate = loadCertificate(keyInput(input.certificate));
  if (input.publicKey) publicKey = loadPublicKey(keyInput(input.publicKey));
  if (privateKey && certificate) assertKeyMatchesCertificate(privateKey, certificate);
  if (privateKey && publicKey && !keyMatchesCertificate(privateKey, publicKey)) {
    fail('KEY_CERT_MISMATCH', 'The private key does not belong to the public key given with it.');
  }
  source ??= privateKey ? (privateKey.source === 'generated' || privateKey.source === 'jwk' ? 'pkcs8' : privateKey.source) : certificate ? 'certificate' : 'public-key';

  const publicHandle =
    certificate?.publicKey ?? publicKey ?? (privateKey ? loadPublicKey(createPublicKey(keyToPem(privateKey)).export({ type: 'spki', format: 'pem' }).toString()) : undefined);
  if (!publicHandle) fail('INVALID_INPUT', 'Give a private key, certificate, public key or PKCS#12 file.');

  const keyId = input.keyId ?? certificate?.serialNo;
  if (!keyId) {
    fail('INVALID_INPUT', input.role === 'merchant' ? 'Give keyId (the certificate serial_no) or the certificate.' : 'Give keyId: the PUB_KEY_ID_… of this public key.', {
      field: 'keyId',
    });
  }
  if (input.role === 'merchant' && !input.mchid) fail('INVALID_INPUT', 'A merchant key needs its mchid (商户号).', { field: 'mchid' });
  // Both travel between the quotes of the Authorization header (or in Wechatpay-Serial), which has no escapes:
  // a key that cannot be named there would make every request to the local receiver fail.
  assertCarriable('keyId', 'key id', keyId);
  if (input.mchid) assertCarriable('mchid', 'mchid', input.mchid);

  return {
    id: newKeyId(),
    role: input.role,
    keyId,
    ...(input.mchid ? { mchid: input.mchid } : {}),
    label: input.label ?? (input.role === 'merchant' ? `Merchant ${input.mchid ?? ''}`.trim() : keyId),
    source,
    createdAt: new Date().toISOString(),
    ...(privateKey ? { privateKeyPem: keyToPem(privateKey) } : {}),
    publicKeyPem: publicPemOf(publicHandle),
    ...(certificate ? { certificatePem: certificate.pem } : {}),
  };
}

function assertCarriable(field: 'keyId' | 'mchid', name: string, value: string): void {
  if (isAuthorizationValue(value)) return;
  const bad = [...value].find((c) => !isAuthorizationValue(c)) ?? '';
  const what = bad === ' ' ? 'a space' : bad === '"' ? 'a double quote' : bad === ',' ? 'a comma' : `the character ${JSON.stringify(bad)}`;
  fail(
    'INVALID_INPUT',
    `The ${name} ${JSON.stringify(value)} holds ${what}: the Authorization header can carry only printable ASCII without spaces, quotes or commas. Check for a pasted space, quotes or a full-width character.`,
    { field },
  );
}

function keyInput(input: BytesInput): string | Uint8Array {
  return 'text' in input ? input.text : bytesOf(input);
}
