// The curl export runs: exported from History, run by the real sh with the real openssl and curl against the
// local receiver, twice, it is accepted both times, because it signs afresh (a replayed signature would be
// refused NONCE_REPLAYED the second time), and it sends the exact bytes that were recorded.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exportSnippet } from '../../src/main/services/snippets.js';
import { createServices, type Services } from '../../src/main/services/create-services.js';
import { seededDataDir } from './seeded-data-dir.js';
import { tempDir } from './temp-dir.js';
import { runScript } from './run-script.js';

let services: Services | undefined;

afterEach(async () => {
  await services?.close();
  services = undefined;
});

describe('curl export', () => {
  it('re-signs with openssl on every run and sends the recorded bytes, accepted twice by the local receiver', async () => {
    const dir = tempDir();
    const keyPath = join(dir, 'apiclient_key.pem');
    const certPath = join(dir, 'apiclient_cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyPath, '-out', certPath, '-subj', '/CN=1900016681', '-days', '2'], { stdio: 'ignore' });
    services = createServices({ dataDir: seededDataDir(), mode: 'test', version: '0.1.0' });
    const merchant = await services.keys.import({ role: 'merchant', mchid: '1900016681', privateKey: { text: readFileSync(keyPath, 'utf8') }, certificate: { text: readFileSync(certPath, 'utf8') } });
    // A body with a single quote, CRLF and a Chinese character: the shell must not touch a byte.
    const text = `{"out_request_no":"R-curl-export","mchid":"1900016681","audit_result":"REJECT","fail_msg":"it's 模糊",\r\n"fail_code":"1001"}`;
    const sent = await services.send.run({ target: { kind: 'local' }, keyId: merchant.id, body: { kind: 'text', text } });
    expect(sent.verdict.kind).toBe('accepted');
    const script = join(dir, 'notify.sh');
    writeFileSync(script, exportSnippet(services.history.get(sent.historyId), 'curl').code);

    const before = services.receiver.events({ since: 0 }).events.length;
    for (let run = 0; run < 2; run += 1) {
      const result = await runScript('sh', script, { ...process.env, AUDITNOTIFY_KEY: keyPath });
      expect(result.status, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual({ ret_msg: 'SUCC' });
    }
    const events = services.receiver.events({ since: 0 }).events.slice(before);
    expect(events).toHaveLength(2);
    expect(events.every((e) => e.outcome === 'accepted'), JSON.stringify(events)).toBe(true);
    for (const event of events) expect(Buffer.from(services.receiver.rawRequest(event.id) ?? '').includes(Buffer.from(text))).toBe(true);
  });
});
