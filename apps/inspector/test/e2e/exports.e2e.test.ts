/**
 * Exports that run: the curl export shown in History, copied out of the page and run by the real sh with the
 * real openssl and curl against the inspector's local receiver, twice. Both runs are accepted, because the
 * script signs afresh (a replayed signature would be refused NONCE_REPLAYED the second time), and the receiver
 * gets the exact bytes recorded.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2eSession, type E2eSession } from './e2e-session.js';

let session: E2eSession;
let dir = '';

beforeAll(async () => {
  session = await startE2eSession();
  dir = mkdtempSync(join(tmpdir(), 'auditnotify-exports-e2e-'));
}, 60_000);

afterAll(async () => {
  await session?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// Asynchronous: the local receiver answering curl runs in this process.
function sh(script: string, env: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', [script], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('exports that run (Debian Chromium)', { timeout: 120_000 }, () => {
  it('runs the curl export copied from History twice against the local receiver, accepted both times with the recorded bytes', async () => {
    const keyPath = join(dir, 'apiclient_key.pem');
    const certPath = join(dir, 'apiclient_cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyPath, '-out', certPath, '-subj', '/CN=1900016681', '-days', '2'], { stdio: 'ignore' });
    const merchant = await session.api.keys.import({ role: 'merchant', label: 'exported', mchid: '1900016681', privateKey: { text: readFileSync(keyPath, 'utf8') }, certificate: { text: readFileSync(certPath, 'utf8') } });
    if (!merchant.ok) throw new Error(merchant.error.message);
    const text = `{"out_request_no":"e2e-export-0001","mchid":"1900016681","audit_result":"REJECT","fail_code":"1001","fail_msg":"it's 资料模糊"}`;
    const sent = await session.api.send.run({ target: { kind: 'local' }, keyId: merchant.data.key.id, body: { kind: 'text', text } });
    if (!sent.ok) throw new Error(sent.error.message);
    expect(sent.data.verdict.kind).toBe('accepted');

    const page = await session.openApp('en', 1280, 900);
    await page.getByTestId('nav-history').click();
    await page.getByTestId('history-search').fill('e2e-export-0001');
    await page.locator('[data-testid="history-row"]', { hasText: 'e2e-export-0001' }).first().click();
    await page.getByTestId('history-export-curl').click();
    const snippet = (await page.getByTestId('history-snippet').locator('pre').textContent()) ?? '';
    expect(snippet).toContain('openssl');
    const script = join(dir, 'notify.sh');
    writeFileSync(script, snippet);

    const events = async () => {
      const answer = await session.api.receiver.events({ since: 0 });
      if (!answer.ok) throw new Error(answer.error.message);
      return answer.data.events.filter((e) => e.outRequestNo === 'e2e-export-0001');
    };
    const before = new Set((await events()).map((e) => e.id));
    for (let run = 0; run < 2; run += 1) {
      const result = await sh(script, { ...process.env, AUDITNOTIFY_KEY: keyPath });
      expect(result.status, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual({ ret_msg: 'SUCC' });
    }
    const after = (await events()).filter((e) => !before.has(e.id));
    expect(after).toHaveLength(2);
    for (const event of after) {
      expect(event.outcome).toBe('accepted');
      expect(Buffer.from(event.rawRequestBase64, 'base64').includes(Buffer.from(text))).toBe(true);
    }
    await page.close();
  });
});
