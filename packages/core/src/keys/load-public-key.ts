// Loads the key that verifies signatures: the receiver's view of a sender (its certificate or public key) and
// the sender's view of the receiver (`wxp_pub.pem`, known by its `PUB_KEY_ID_…`; protocol.md §4, §5).
import { createPublicKey } from 'node:crypto';
import { AuditNotifyError } from '../errors.js';
import type { KeyInput, PublicKeyHandle } from '../types.js';
import { publicHandleOf } from './handles.js';
import { certificateInfoOf, parseCertificate } from './load-certificate.js';
import { readMaterial } from './material.js';

/**
 * Loads an RSA public key (≥ 2048 bits) from SPKI (`BEGIN PUBLIC KEY`), PKCS#1 (`BEGIN RSA PUBLIC KEY`) or an
 * X.509 certificate, as PEM or DER, from a string, bytes or `{ path }`. A private key is refused on purpose:
 * configuring a private key where a public one belongs is one of the mix-ups of protocol.md §7.2.
 *
 * Throws `KEY_UNREADABLE`, `KEY_FORMAT_UNKNOWN`, `CERT_INVALID`, `KEY_NOT_RSA`, `KEY_TOO_SMALL`.
 *
 * @example
 * ```ts
 * const wxpPub = loadPublicKey({ path: 'wxp_pub.pem' });
 * const publicKeys = new Map([['PUB_KEY_ID_0119000166812025091500000000000001', wxpPub]]);
 * ```
 */
export function loadPublicKey(input: KeyInput): PublicKeyHandle {
  const material = readMaterial(input, 'public key', 'KEY_FORMAT_UNKNOWN');
  const item = material.items.find(
    (candidate) => candidate.kind === 'spki' || candidate.kind === 'pkcs1-public' || candidate.kind === 'certificate',
  );
  if (!item) {
    const kinds = material.items.map((candidate) => candidate.kind);
    const isPrivate = kinds.some((kind) => kind !== 'unknown');
    throw new AuditNotifyError(
      'KEY_FORMAT_UNKNOWN',
      isPrivate
        ? 'Expected a public key or certificate, got private key material: configure the public key (e.g. wxp_pub.pem) instead.'
        : 'No public key found: expected "BEGIN PUBLIC KEY", "BEGIN RSA PUBLIC KEY" or a certificate.',
      { detail: { found: kinds } },
    );
  }
  if (item.kind === 'certificate') return certificateInfoOf(parseCertificate(item.der)).publicKey;
  let keyObject;
  try {
    keyObject = createPublicKey({ key: Buffer.from(item.der), format: 'der', type: item.kind === 'spki' ? 'spki' : 'pkcs1' });
  } catch (error) {
    throw new AuditNotifyError('KEY_FORMAT_UNKNOWN', 'The public key cannot be parsed (damaged?).', {
      detail: { reason: (error as Error).message },
    });
  }
  return publicHandleOf(keyObject);
}
