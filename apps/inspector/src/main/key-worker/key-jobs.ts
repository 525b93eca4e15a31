/**
 * The key work that can take seconds of CPU: opening a PKCS#12 file (its key derivation runs in node-forge,
 * pure JavaScript) and the key doctor over pasted material, which may be a PKCS#12 file too. Plain data in,
 * plain data out, so the same functions run in the key worker thread (key-worker.ts) or, where no worker is
 * configured, on the calling thread.
 */
import { diagnoseKeyMaterial, keyToPem, loadPkcs12 } from '@auditnotify/core';
import type { KeyFinding } from '../../shared/api.js';

/**
 * A job for the key worker.
 *
 * @example
 * ```ts
 * const job: KeyJob = { kind: 'open-pkcs12', der, password: '1900016681' };
 * ```
 */
export type KeyJob =
  | { kind: 'open-pkcs12'; der: Uint8Array; password: string }
  | { kind: 'diagnose'; material: string | Uint8Array; password?: string };

/**
 * What a job answers: PEM text for an opened PKCS#12 file, the doctor's findings for a diagnosis.
 *
 * @example
 * ```ts
 * const opened: KeyJobResult<'open-pkcs12'> = { privateKeyPem: '-----BEGIN PRIVATE KEY-----…', certificatePem: '-----BEGIN CERTIFICATE-----…' };
 * ```
 */
export type KeyJobResult<K extends KeyJob['kind']> = K extends 'open-pkcs12'
  ? { privateKeyPem: string; certificatePem: string }
  : { ok: boolean; kind: string; findings: KeyFinding[] };

/**
 * Runs a job on the current thread; throws core's errors.
 *
 * @example
 * ```ts
 * const { privateKeyPem } = runKeyJob({ kind: 'open-pkcs12', der, password: '1900016681' });
 * ```
 */
export function runKeyJob<J extends KeyJob>(job: J): KeyJobResult<J['kind']> {
  if (job.kind === 'open-pkcs12') {
    const opened = loadPkcs12(job.der, job.password);
    return {
      privateKeyPem: keyToPem(opened.privateKey),
      certificatePem: opened.certificate.pem,
    } as KeyJobResult<J['kind']>;
  }
  const report = diagnoseKeyMaterial(job.material, job.password === undefined ? {} : { password: job.password });
  return {
    ok: report.ok,
    kind: report.kind,
    findings: report.findings.map((f) => ({ level: f.level, code: f.code, message: f.message })),
  } as KeyJobResult<J['kind']>;
}
