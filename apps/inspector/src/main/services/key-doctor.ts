/**
 * `keys.doctor`: core's key doctor (`diagnoseKeyMaterial`) over pasted material or a stored key, plus an
 * optional check that the material belongs to a stored key (protocol.md §7.2: the wrong key is a top cause).
 */
import { diagnoseKeyMaterial, keyMatchesCertificate, keyToPem, loadPrivateKey, type KeyInput } from '@auditnotify/core';
import type { BytesInput, KeyFinding } from '../../shared/api.js';
import { bytesOf } from './bytes.js';
import type { KeyStore } from './key-store.js';

const RANK = { error: 0, warn: 1, ok: 2 } as const;

/**
 * Examines key material; nothing is stored.
 *
 * @example
 * ```ts
 * const { ok, findings } = doctorKey(store, { material: { text: pastedPem } });
 * ```
 */
export function doctorKey(
  store: KeyStore,
  input: { material?: BytesInput; id?: string; password?: string; against?: string },
): { ok: boolean; kind: string; findings: KeyFinding[] } {
  let material: KeyInput;
  if (input.material) {
    material = 'text' in input.material ? input.material.text : bytesOf(input.material);
  } else {
    const stored = store.get(input.id ?? '');
    const pem = stored.privateKey
      ? keyToPem(stored.privateKey)
      : stored.certificate?.pem ?? keyToPem(stored.publicKey);
    material = pem;
  }
  const report = diagnoseKeyMaterial(material, input.password === undefined ? {} : { password: input.password });
  const findings: KeyFinding[] = report.findings.map((f) => ({ level: f.level, code: f.code, message: f.message }));
  if (input.against !== undefined) findings.push(matchFinding(store, material, input.against, input.password));
  findings.sort((a, b) => RANK[a.level] - RANK[b.level]);
  return { ok: !findings.some((f) => f.level === 'error'), kind: report.kind, findings };
}

function matchFinding(store: KeyStore, material: KeyInput, against: string, password: string | undefined): KeyFinding {
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
