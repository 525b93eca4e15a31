/**
 * A flood of junk requests, a damaged or huge history file: the app stays up, the history stays under its
 * bounds, and the next start is clean. Real HTTP to the local receiver on 127.0.0.1, real files.
 */
import { appendFileSync, existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NOTIFY_PATH } from '@auditnotify/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../src/main/services/create-services.js';
import { HISTORY_BYTE_LIMIT, HISTORY_FILE, HISTORY_LIMIT, RECORDED_BODY_LIMIT } from '../../src/main/services/history-store.js';
import { seededDataDir } from './seeded-data-dir.js';

const open: Services[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});

async function start(dataDir: string): Promise<Services> {
  const s = createServices({ dataDir, mode: 'test', version: '0.1.0' });
  open.push(s);
  await s.receiver.start();
  return s;
}

async function sendSample(s: Services): Promise<string> {
  const keyId = s.keys.list().find((k) => k.role === 'merchant')!.id;
  const result = await s.send.run({ target: { kind: 'local' }, keyId, body: { kind: 'notification', notification: s.compose.sample().notification } });
  return result.verdict.kind;
}

function historyBytes(dataDir: string): number {
  return statSync(join(dataDir, HISTORY_FILE)).size;
}

describe('bounded history', () => {
  it('survives 200 junk 1 MiB requests: still answering, history under its bounds, clean restart', async () => {
    const dataDir = seededDataDir();
    const s = await start(dataDir);
    const base = new URL(await s.receiver.ensureUrl()).origin;
    const junk = Buffer.alloc(1024 * 1024 - 64, 'x');
    const paths = ['/', '/junk', '/api/keys.list', NOTIFY_PATH];
    for (let round = 0; round < 200; round += 8) {
      await Promise.all(
        Array.from({ length: 8 }, async (_, i) => {
          const path = paths[(round + i) % paths.length]!;
          const res = await fetch(`${base}${path}?n=${round + i}`, { method: (round + i) % 3 === 0 ? 'PUT' : 'POST', body: junk });
          await res.arrayBuffer();
          expect(res.status).toBeGreaterThanOrEqual(400);
        }),
      );
    }
    // Still up: a real notification is accepted.
    expect(await sendSample(s)).toBe('accepted');
    const { total, entries } = s.history.list({ limit: 1000 });
    expect(total).toBeLessThanOrEqual(HISTORY_LIMIT);
    expect(total).toBe(202);
    expect(historyBytes(dataDir)).toBeLessThan(HISTORY_BYTE_LIMIT);
    // Junk is recorded without its body: what arrived, how long it was, never the bytes.
    const junkEntry = s.history.get(entries.find((e) => e.url.startsWith('/junk'))!.id);
    expect(junkEntry.request.body).toMatchObject({ omitted: 'not-notify-path', byteLength: junk.byteLength, text: '', base64: '' });
    const bigNotify = s.history.get(entries.find((e) => e.url.startsWith(NOTIFY_PATH) && e.direction === 'received' && !e.ok)!.id);
    expect(bigNotify.request.body).toMatchObject({ omitted: 'too-large', byteLength: junk.byteLength });
    expect(junk.byteLength).toBeGreaterThan(RECORDED_BODY_LIMIT);
    await s.close();

    const again = await start(dataDir);
    expect(again.history.list().total).toBe(202);
    expect(await sendSample(again)).toBe('accepted');
    // 200 MiB over loopback: minutes on a loaded CI machine; the assertions above are about state, not speed.
  }, 300_000);

  it('keeps the byte bound when every entry is large', async () => {
    const dataDir = seededDataDir();
    const s = await start(dataDir);
    const keyId = s.keys.list().find((k) => k.role === 'merchant')!.id;
    const text = JSON.stringify({ ...s.compose.sample().notification, padding: 'p'.repeat(RECORDED_BODY_LIMIT - 400) });
    // Each exchange records the body twice (sent and received), Base64 and text: ~300 KiB.
    for (let i = 0; i < 60; i += 1) await s.send.run({ target: { kind: 'local' }, keyId, body: { kind: 'text', text } });
    const { total } = s.history.list();
    expect(total).toBeGreaterThan(10);
    expect(total).toBeLessThan(120);
    expect(historyBytes(dataDir)).toBeLessThanOrEqual(HISTORY_BYTE_LIMIT);
  });

  it('starts with a damaged history: unreadable lines are skipped, the rest is kept', async () => {
    const dataDir = seededDataDir();
    const s = await start(dataDir);
    expect(await sendSample(s)).toBe('accepted');
    await s.close();
    appendFileSync(join(dataDir, HISTORY_FILE), '{"id":"h_broken", "direction": "sent"\n\u0000\u0000garbage\n{"valid json":"but not an entry"}\n');
    const again = await start(dataDir);
    expect(again.history.list().total).toBe(2);
    expect(await sendSample(again)).toBe('accepted');
    expect(again.history.list().total).toBe(4);
  });

  it('starts with a huge history file and with the old 500 MiB history.json', async () => {
    const dataDir = seededDataDir();
    // Larger than anything the store writes itself: only its tail is read.
    const line = `${JSON.stringify({ junk: 'y'.repeat(1024 * 1024) })}\n`;
    for (let i = 0; i < Math.ceil((3 * HISTORY_BYTE_LIMIT) / line.length); i += 1) appendFileSync(join(dataDir, HISTORY_FILE), line);
    // The former single-file format, as the crash left it: not JSON at all.
    writeFileSync(join(dataDir, 'history.json'), `{"version":1,"entries":[${'{"id":"x"},'.repeat(1000)}`);
    const s = await start(dataDir);
    expect(s.history.list().total).toBe(0);
    expect(await sendSample(s)).toBe('accepted');
    expect(historyBytes(dataDir)).toBeLessThan(HISTORY_BYTE_LIMIT);
    // The unreadable old file is set aside once (never read again), not deleted.
    expect(existsSync(join(dataDir, 'history.json'))).toBe(false);
    expect(existsSync(join(dataDir, 'history.json.unreadable'))).toBe(true);
  });
});
