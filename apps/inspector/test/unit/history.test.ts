import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../src/main/services/create-services.js';
import { createHistoryStore, HISTORY_LIMIT } from '../../src/main/services/history-store.js';
import { exportSnippet } from '../../src/main/services/snippets.js';
import { bytesView, utf8 } from '../../src/main/services/bytes.js';
import { seededDataDir } from './seeded-data-dir.js';
import { tempDir } from './temp-dir.js';

const open: Services[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});

function start(dataDir: string): Services {
  const s = createServices({ dataDir, mode: 'test', version: '0.1.0' });
  open.push(s);
  return s;
}

async function sendSample(s: Services, outRequestNo: string): Promise<string> {
  const keyId = s.keys.list().find((k) => k.role === 'merchant')!.id;
  const notification = { ...s.compose.sample().notification, out_request_no: outRequestNo };
  return (await s.send.run({ target: { kind: 'local' }, keyId, body: { kind: 'notification', notification } })).historyId;
}

describe('history', () => {
  it('keeps every exchange across restarts, newest first', async () => {
    const dataDir = seededDataDir();
    const first = start(dataDir);
    await sendSample(first, 'R-0001');
    await sendSample(first, 'R-0002');
    await first.close();
    const again = start(dataDir);
    const { entries, total } = again.history.list();
    expect(total).toBe(4); // two sent, two received
    expect(entries[0]?.outRequestNo).toBe('R-0002');
    // Appended one line per exchange; no temp file is left next to it.
    expect(readdirSync(dataDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(readFileSync(`${dataDir}/history.jsonl`, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as unknown)).toHaveLength(4);
  });

  it('searches by out_request_no, direction and outcome', async () => {
    const s = start(seededDataDir());
    await sendSample(s, 'FIND-ME-42');
    await sendSample(s, 'OTHER-1');
    expect(s.history.search({ query: 'find-me' }).total).toBe(2);
    expect(s.history.search({ query: 'FIND-ME-42', direction: 'sent' }).entries.map((e) => e.direction)).toEqual(['sent']);
    expect(s.history.search({ query: '', ok: false }).total).toBe(0);
  });

  it('re-sends with the same body and a fresh nonce and signature', async () => {
    const s = start(seededDataDir());
    const id = await sendSample(s, 'R-RESEND');
    const original = s.history.get(id);
    const keyId = original.keyId!;
    const again = await s.send.run({ target: original.target!, keyId, body: { kind: 'base64', base64: original.request.body.base64 } });
    expect(again.verdict.kind).toBe('accepted');
    expect(again.request.body.sha256).toBe(original.request.body.sha256);
    expect(again.request.headers['Authorization']).not.toBe(original.request.headers['Authorization']);
  });

  it('drops the oldest entries past the limit', () => {
    const history = createHistoryStore({ dataDir: tempDir() });
    const request = { method: 'POST', url: '/', headers: {}, body: bytesView(utf8('{}')) };
    for (let i = 0; i < HISTORY_LIMIT + 5; i += 1) history.add({ direction: 'sent', method: 'POST', url: `/${i}`, ok: true, code: 'accepted', title: 't', request });
    const { total, entries } = history.list({ limit: 1 });
    expect(total).toBe(HISTORY_LIMIT);
    expect(entries[0]?.url).toBe(`/${HISTORY_LIMIT + 4}`);
  });
});

describe('snippets', () => {
  it('exports curl with the exact body and headers, and Node, Java and Go programs without key material', async () => {
    const s = start(seededDataDir());
    const entry = s.history.get(await sendSample(s, 'R-SNIPPET'));
    const curl = exportSnippet(entry, 'curl').code;
    expect(curl.startsWith('#!/bin/sh\n')).toBe(true);
    expect(curl).toContain(`printf '%s' '${entry.request.body.base64}' | openssl base64 -d -A`);
    // It signs afresh: the recorded signature is not in it.
    expect(curl).not.toContain(/signature="([^"]*)"/.exec(entry.request.headers['Authorization'] ?? '')?.[1]);
    const node = exportSnippet(entry, 'node');
    expect(node.code).toContain("from '@auditnotify/core'");
    // The exact bytes, as Base64, never a re-serialised object.
    expect(node.code).toContain(`Buffer.from(${JSON.stringify(entry.request.body.base64)}, 'base64')`);
    expect(node.code).not.toContain('client.send(');
    const java = exportSnippet(entry, 'java');
    expect(java).toMatchObject({ filename: 'AuditResultNotify.java' });
    expect(java.code).toContain('WXPayUtility.validateResponse');
    const go = exportSnippet(entry, 'go');
    expect(go.code).toContain('wxpay_utility.BuildAuthorization');
    for (const snippet of [curl, node.code, java.code, go.code]) expect(snippet).not.toMatch(/PRIVATE KEY/);
  });

});
