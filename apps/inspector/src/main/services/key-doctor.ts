/**
 * `keys.doctor`: core's key doctor (`diagnoseKeyMaterial`) over pasted material or a stored key, plus an
 * optional check that the material belongs to a stored key (protocol.md §7.2: the wrong key is a top cause).
 */
import { keyMatchesCertificate, keyToPem, loadPrivateKey } from '@auditnotify/core';
import type { BytesInput, KeyFinding } from '../../shared/api.js';
import type { KeyJobRunner } from '../key-worker/key-worker-client.js';
import { bytesOf } from './bytes.js';
import type { KeyStore } from './key-store.js';

const RANK = { error: 0, warn: 1, ok: 2 } as const;

/**
 * Examines key material; nothing is stored. The diagnosis runs through `keyJobs` (the key worker thread: a
 * pasted PKCS#12 file means seconds of key derivation).
 *
 * @example
 * ```ts
 * const { ok, findings } = await doctorKey(store, keyJobs, { material: { text: pastedPem } });
 * ```
 */
export async function doctorKey(
  store: KeyStore,
  keyJobs: KeyJobRunner,
  input: { material?: BytesInput; id?: string; password?: string; against?: string },
): Promise<{ ok: boolean; kind: string; findings: KeyFinding[] }> {
  let material: string | Uint8Array;
  if (input.material) {
    material = 'text' in input.material ? input.material.text : bytesOf(input.material);
  } else {
    const stored = store.get(input.id ?? '');
    const pem = stored.privateKey
      ? keyToPem(stored.privateKey)
      : stored.certificate?.pem ?? keyToPem(stored.publicKey);
    material = pem;
  }
  const report = await keyJobs.run({ kind: 'diagnose', material, ...(input.password === undefined ? {} : { password: input.password }) });
  const findings: KeyFinding[] = [...report.findings];
  if (input.against !== undefined) findings.push(matchFinding(store, material, input.against, input.password));
  findings.sort((a, b) => RANK[a.level] - RANK[b.level]);
  return { ok: !findings.some((f) => f.level === 'error'), kind: report.kind, findings };
}

function matchFinding(store: KeyStore, material: string | Uint8Array, against: string, password: string | undefined): KeyFinding {
  const target = store.get(against);
  try {
    const privateKey = loadPrivateKey(material, password === undefined ? {} : { password });
    return keyMatchesCertificate(privateKey, target.certificate ?? target.publicKey)
      ? { level: 'ok', code: 'MATCHES_STORED_KEY', message: `The key belongs to ${target.summary.keyId}.` }
      : { level: 'error', code: 'KEY_CERT_MISMATCH', message: `The key does not belong to ${target.summary.keyId} (fingerprint ${target.summary.fingerprint}).` };
  } catch {
    return { level: 'warn', code: 'MATCH_NOT_CHECKED', message: 'Only a private key can be matched against a stored key.' };
  }
}
