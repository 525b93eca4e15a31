import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Verifies an RSASSA-PKCS1-v1_5 SHA-256 signature with the `openssl` command line: an oracle that shares
 * no code with ours (protocol.md §4: the answer's signature over `TIMESTAMP\nNONCE\nBODY\n`).
 *
 * @example
 * ```ts
 * const ok = opensslVerify(publicKeyPem, message, headers['wechatpay-signature']);
 * ```
 */
export function opensslVerify(publicKeyPem: string, message: Uint8Array, signatureBase64: string): boolean {
  const dir = mkdtempSync(join(tmpdir(), 'auditnotify-openssl-'));
  try {
    const files = { key: join(dir, 'pub.pem'), msg: join(dir, 'msg.bin'), sig: join(dir, 'sig.bin') };
    writeFileSync(files.key, publicKeyPem);
    writeFileSync(files.msg, message);
    writeFileSync(files.sig, Buffer.from(signatureBase64, 'base64'));
    try {
      const out = execFileSync('openssl', ['dgst', '-sha256', '-verify', files.key, '-signature', files.sig, files.msg], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      return out.trim() === 'Verified OK';
    } catch {
      // openssl exits 1 with "Verification failure".
      return false;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
