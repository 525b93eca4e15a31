/**
 * Loads key material named by a flag. Errors keep core's code (`KEY_*`, `CERT_INVALID`, `PKCS12_INVALID`:
 * exit code 2) and gain the flag and file name; core's messages never carry key material, and neither do
 * these.
 */
import { AuditNotifyError, isAuditNotifyError } from '@auditnotify/core';
import type { CliIo } from '../io.js';
import { readInput } from '../input/read-input.js';

/**
 * Reads `path` and hands its bytes to `load`; any `AuditNotifyError` is re-raised naming `flag` and `path`.
 *
 * @example
 * ```ts
 * const cert = await loadKeyFile('--cert', 'apiclient_cert.pem', io, (bytes) => loadCertificate(bytes));
 * ```
 */
export async function loadKeyFile<T>(
  flag: string,
  path: string,
  io: CliIo,
  load: (bytes: Uint8Array) => T,
): Promise<T> {
  const bytes = await readInput(path, io, flag);
  return withKeyErrors(flag, path, () => load(bytes));
}

/**
 * Runs a key loader, re-raising its errors so they name `flag` and `path` (and never quote the input).
 *
 * @example
 * ```ts
 * const key = withKeyErrors('--key', 'key.p12', () => loadPkcs12(bytes, mchid).privateKey);
 * ```
 */
export function withKeyErrors<T>(flag: string, path: string, load: () => T): T {
  try {
    return load();
  } catch (error) {
    if (isAuditNotifyError(error)) {
      throw new AuditNotifyError(error.code, `${flag} ${path}: ${error.message}`, {
        cause: error,
        detail: { ...(error.detail ?? {}), flag, path },
      });
    }
    // Anything else from a parser (node:crypto, node-forge) may quote the input: keep only the flag and file.
    throw new AuditNotifyError('KEY_UNREADABLE', `${flag} ${path}: not readable as key material`, {
      cause: error,
      detail: { flag, path },
    });
  }
}
