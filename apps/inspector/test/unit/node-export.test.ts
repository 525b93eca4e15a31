// The Node export runs and sends the exact bytes shown: exported from History and run by the real node against
// the local receiver, twice, it is accepted both times with the answer's signature verified, and the receiver gets
// byte for byte the body that was recorded (a body whose spacing, CRLF, quote and Chinese text JSON.stringify
// would change).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { exportSnippet } from '../../src/main/services/snippets.js';
import { createServices, type Services } from '../../src/main/services/create-services.js';
import { seededDataDir } from './seeded-data-dir.js';
import { tempDir } from './temp-dir.js';
import { runScript } from './run-script.js';

const coreDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../packages/core');
let services: Services | undefined;


afterEach(async () => {
  await services?.close();
  services = undefined;
});

describe('Node export', () => {
  it('signs afresh on every run and sends the recorded bytes unchanged, accepted twice with the answer verified', async () => {
    const dir = tempDir();
    const keyPath = join(dir, 'apiclient_key.pem');
    const certPath = join(dir, 'apiclient_cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyPath, '-out', certPath, '-subj', '/CN=1900016681', '-days', '2'], { stdio: 'ignore' });
    const dataDir = seededDataDir();
    services = createServices({ dataDir, mode: 'test', version: '0.1.0' });
    const merchant = await services.keys.import({ role: 'merchant', mchid: '1900016681', privateKey: { text: readFileSync(keyPath, 'utf8') }, certificate: { text: readFileSync(certPath, 'utf8') } });
    const platform = (JSON.parse(readFileSync(join(dataDir, 'keys.json'), 'utf8')) as { keys: Array<{ role: string; publicKeyPem: string }> }).keys.find((k) => k.role === 'platform');
    const answerKeyPath = join(dir, 'wxp_pub.pem');
    writeFileSync(answerKeyPath, platform!.publicKeyPem);
    // Spaces after colons, a CRLF, a single quote, a Chinese character and U+2028: JSON.stringify would change the spacing and line ends.
    const text = `{ "out_request_no": "R-node-export", "mchid": "1900016681", "audit_result": "REJECT", "fail_msg": "it's 模糊\u2028",\r\n  "fail_code": "1001" }`;
    const sent = await services.send.run({ target: { kind: 'local' }, keyId: merchant.id, body: { kind: 'text', text } });
    expect(sent.verdict.kind).toBe('accepted');
    const snippet = exportSnippet(services.history.get(sent.historyId), 'node');
    expect(snippet.code).not.toMatch(/PRIVATE KEY/);
    // The program resolves @auditnotify/core as an integrator's project would, from its own node_modules.
    mkdirSync(join(dir, 'node_modules', '@auditnotify'), { recursive: true });
    symlinkSync(coreDir, join(dir, 'node_modules', '@auditnotify', 'core'), 'dir');
    const script = join(dir, snippet.filename);
    writeFileSync(script, snippet.code);

    const before = services.receiver.events({ since: 0 }).events.length;
    for (let run = 0; run < 2; run += 1) {
      const result = await runScript(process.execPath, script, { ...process.env, AUDITNOTIFY_KEY: keyPath, AUDITNOTIFY_ANSWER_KEY: answerKeyPath });
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout).toBe('200 {"ret_msg":"SUCC"}\n');
    }
    const events = services.receiver.events({ since: 0 }).events.slice(before);
    expect(events).toHaveLength(2);
    expect(events.every((e) => e.outcome === 'accepted'), JSON.stringify(events)).toBe(true);
    for (const event of events) {
      const raw = Buffer.from(services.receiver.rawRequest(event.id) ?? '');
      const bodyStart = raw.indexOf('\r\n\r\n') + 4;
      expect(raw.subarray(bodyStart).equals(Buffer.from(text)), raw.toString('utf8')).toBe(true);
    }
  });
});
