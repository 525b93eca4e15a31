/**
 * Exports that run: the curl export shown in History, copied out of the page and run by the real sh with the
 * real openssl and curl against the inspector's local receiver, twice. Both runs are accepted, because the
 * script signs afresh (a replayed signature would be refused NONCE_REPLAYED the second time), and the receiver
 * gets the exact bytes recorded. The Node export, copied out the same way, is run twice by the real node: both
 * accepted with the answer's signature verified, and the receiver gets byte for byte the body shown.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2eSession, type E2eSession } from './e2e-session.js';
import { runScript } from '../unit/run-script.js';

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

const coreDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../packages/core');


/** The local receiver's exchanges of one out_request_no. */
async function receiverEvents(outRequestNo: string) {
  const listed = await session.api.receiver.events({ since: 0 });
  if (!listed.ok) throw new Error(listed.error.message);
  return listed.data.events.filter((e) => e.outRequestNo === outRequestNo);
}

/** Finds the exchange in History, exports it and reads the snippet as the page shows it. */
async function copyExport(page: Page, outRequestNo: string, kind: 'curl' | 'node'): Promise<string> {
  await page.getByTestId('nav-history').click();
  await page.getByTestId('history-search').fill(outRequestNo);
  await page.locator('[data-testid="history-row"]', { hasText: outRequestNo }).first().click();
  await page.getByTestId(`history-export-${kind}`).click();
  return (await page.getByTestId('history-snippet').locator('pre').textContent()) ?? '';
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
    const snippet = await copyExport(page, 'e2e-export-0001', 'curl');
    expect(snippet).toContain('openssl');
    const script = join(dir, 'notify.sh');
    writeFileSync(script, snippet);

    const events = () => receiverEvents('e2e-export-0001');
    const before = new Set((await events()).map((e) => e.id));
    for (let n = 0; n < 2; n += 1) {
      const result = await runScript('sh', script, { ...process.env, AUDITNOTIFY_KEY: keyPath });
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

  it('runs the Node export copied from History twice: accepted with the answer verified, the body byte for byte', async () => {
    const keyPath = join(dir, 'node_key.pem');
    const certPath = join(dir, 'node_cert.pem');
    const answerPath = join(dir, 'wxp_key.pem');
    const answerPubPath = join(dir, 'wxp_pub.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyPath, '-out', certPath, '-subj', '/CN=1900016682', '-days', '2'], { stdio: 'ignore' });
    execFileSync('openssl', ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', answerPath], { stdio: 'ignore' });
    execFileSync('openssl', ['pkey', '-in', answerPath, '-pubout', '-out', answerPubPath], { stdio: 'ignore' });
    const merchant = await session.api.keys.import({ role: 'merchant', label: 'node export', mchid: '1900016682', privateKey: { text: readFileSync(keyPath, 'utf8') }, certificate: { text: readFileSync(certPath, 'utf8') } });
    const answer = await session.api.keys.import({ role: 'platform', label: 'node export answer', keyId: 'PUB_KEY_ID_0119000166822025091500000000000042', privateKey: { text: readFileSync(answerPath, 'utf8') } });
    if (!merchant.ok || !answer.ok) throw new Error(JSON.stringify([merchant, answer]));
    // Spaces after colons, a CRLF, a single quote and Chinese text: JSON.stringify would change spacing and line ends.
    const text = `{ "out_request_no": "e2e-export-0002", "mchid": "1900016682", "audit_result": "REJECT", "fail_msg": "it's 模糊",\r\n  "fail_code": "1001" }`;
    const sent = await session.api.send.run({ target: { kind: 'local' }, keyId: merchant.data.key.id, answerKeyId: answer.data.key.id, body: { kind: 'text', text } });
    if (!sent.ok) throw new Error(sent.error.message);
    expect(sent.data.verdict.kind).toBe('accepted');

    const page = await session.openApp('en', 1280, 900);
    const snippet = await copyExport(page, 'e2e-export-0002', 'node');
    expect(snippet).not.toMatch(/PRIVATE KEY/);
    // The program resolves @auditnotify/core as an integrator's project would, from its own node_modules.
    const project = join(dir, 'node-project');
    mkdirSync(join(project, 'node_modules', '@auditnotify'), { recursive: true });
    symlinkSync(coreDir, join(project, 'node_modules', '@auditnotify', 'core'), 'dir');
    const script = join(project, 'notify.mjs');
    writeFileSync(script, snippet);

    const events = () => receiverEvents('e2e-export-0002');
    const before = new Set((await events()).map((e) => e.id));
    for (let n = 0; n < 2; n += 1) {
      const result = await runScript(process.execPath, script, { ...process.env, AUDITNOTIFY_KEY: keyPath, AUDITNOTIFY_ANSWER_KEY: answerPubPath });
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout).toBe('200 {"ret_msg":"SUCC"}\n');
    }
    const after = (await events()).filter((e) => !before.has(e.id));
    expect(after).toHaveLength(2);
    for (const event of after) {
      expect(event.outcome).toBe('accepted');
      const raw = Buffer.from(event.rawRequestBase64, 'base64');
      expect(raw.subarray(raw.indexOf('\r\n\r\n') + 4).equals(Buffer.from(text)), raw.toString('utf8')).toBe(true);
    }
    await page.close();
  });
});
