// The PKCS#12 iteration cap, against files the real `openssl pkcs12 -export` writes: the highest count real
// exporters use opens; one above the cap is refused as damaged before any key derivation starts.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AuditNotifyError, loadPkcs12, PKCS12_MAX_ITERATIONS } from '../src/index.js';

const vectors = join(import.meta.dirname, '../../../test-vectors/sender');
const dir = mkdtempSync(join(tmpdir(), 'auditnotify-p12-iter-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function exportWithIterations(iterations: number): Buffer {
  const out = join(dir, `${iterations}.p12`);
  // prettier-ignore
  execFileSync('openssl', ['pkcs12', '-export', '-inkey', join(vectors, 'apiclient_key.pem'), '-in', join(vectors, 'apiclient_cert.pem'),
    '-passout', 'pass:1900016681', '-iter', String(iterations), '-out', out]);
  return readFileSync(out);
}

describe('PKCS#12 iteration cap', () => {
  it('is 100,000: ten times Java keytool\'s 10,000, far above OpenSSL\'s 2,048 and Windows\' 2,000', () => {
    expect(PKCS12_MAX_ITERATIONS).toBe(100_000);
  });

  it('refuses a file one iteration above the cap with PKCS12_INVALID naming the count', () => {
    const der = exportWithIterations(PKCS12_MAX_ITERATIONS + 1);
    let error: unknown;
    try {
      loadPkcs12(der, '1900016681');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AuditNotifyError);
    expect(error).toMatchObject({ code: 'PKCS12_INVALID', detail: { iterations: PKCS12_MAX_ITERATIONS + 1 } });
    expect((error as Error).message).toMatch(/100001 iterations.*at most 100000/);
  });

  it('opens files at the counts real exporters write', () => {
    for (const iterations of [2000, 2048, 10_000]) {
      expect(loadPkcs12(exportWithIterations(iterations), '1900016681').certificate.serialNo).toMatch(/^[0-9A-F]+$/);
    }
  });
});
