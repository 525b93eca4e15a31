/**
 * Honest, current results in Debian Chromium: separate verdicts for the signature and the timestamp, results
 * cleared or marked when their input changes, input type detected on paste, millisecond timestamps signable,
 * fields never silently discarded, confirmations, and no internal words in the UI.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './screenshot.js';
import { startE2eSession, type E2eSession } from './e2e-session.js';

let session: E2eSession;

beforeAll(async () => {
  session = await startE2eSession();
}, 60_000);

afterAll(() => session?.stop());

const openApp = (lang: 'en' | 'zh' = 'en', width = 1280): Promise<Page> => session.openApp(lang, width, 900);

const text = async (page: Page, testId: string) => (await page.getByTestId(testId).first().textContent()) ?? '';

/** Signs with a pinned timestamp and sends to the local receiver; resolves once the answer is shown. */
async function sendWithTimestamp(page: Page, outRequestNo: string, timestamp: string): Promise<void> {
  await page.getByTestId('nav-compose').click();
  await page.getByTestId('field-out_request_no').fill(outRequestNo);
  await page.getByTestId('nav-sign').click();
  await page.getByTestId('sign-timestamp').fill(timestamp);
  await page.getByTestId('nav-send').click();
  await page.getByTestId('send-run').click();
  await page.getByTestId('send-verdict').waitFor();
}

describe('honest, current results (Debian Chromium)', { timeout: 120_000 }, () => {
  it('gives the signature and the timestamp separate verdicts, and calls a 600 s old timestamp old', async () => {
    const page = await openApp();
    await sendWithTimestamp(page, 'e2e-old-0101', String(Math.floor(Date.now() / 1000) - 600));
    await page.getByTestId('nav-receiver').click();
    const row = page.locator('[data-testid="receiver-event"][data-outcome="rejected"]').first();
    await row.getByTestId('receiver-open-decode').click();
    await page.getByTestId('decode-verdicts').waitFor();
    expect(await page.getByTestId('decode-verdict-signature').getAttribute('data-state')).toBe('ok');
    expect(await page.getByTestId('decode-verdict-freshness').getAttribute('data-state')).toBe('failed');
    expect(await text(page, 'decode-verdict')).toMatch(/Signature valid[,;] timestamp outside/);
    expect(await text(page, 'decode-verdict')).not.toContain('does not verify');
    expect(await text(page, 'decode-signature-fields')).toMatch(/60\d s (old|ago)/);
    expect(await text(page, 'decode-signature-fields')).not.toContain('from now');
    // Both languages at the narrowest and a wide window, for docs/inspector.md.
    for (const lang of ['en', 'zh'] as const) {
      await page.getByTestId(`lang-${lang}`).click();
      for (const width of [1000, 1600]) {
        await page.setViewportSize({ width, height: 1000 });
        await screenshot(page, `decode-stale-${lang}-${width}`);
      }
    }
    expect(await text(page, 'decode-verdict')).toMatch(/签名有效/);
    await page.close();
  });

  it('marks a Decode result stale when its input changes, and detects the input type on paste', async () => {
    const page = await openApp();
    await page.getByTestId('nav-compose').click();
    await page.getByTestId('field-out_request_no').fill('e2e-paste-0102');
    await page.getByTestId('nav-send').click();
    await page.getByTestId('send-run').click();
    await page.locator('[data-testid="send-verdict"][data-kind="accepted"]').waitFor();
    await page.getByTestId('nav-receiver').click();
    await page.locator('[data-testid="receiver-event"]', { hasText: 'e2e-paste-0102' }).getByTestId('receiver-open-decode').click();
    await page.locator('[data-testid="decode-verdict"][data-kind="verified"]').waitFor();
    expect(await page.getByTestId('decode-kind-raw-http').getAttribute('class')).toContain('active');
    expect(await page.getByTestId('decode-stale').count()).toBe(0);

    // Typing marks the shown result as not current.
    await page.getByTestId('decode-input').press('End');
    await page.getByTestId('decode-input').type(' ');
    await page.getByTestId('decode-stale').waitFor();

    // Pasting a curl command switches the type from "Raw HTTP request" to detection.
    await page.getByTestId('nav-compose').click();
    const curl = await page.evaluate(async () => {
      const match = /#token=([^&]+)/.exec(location.hash);
      const res = await fetch('/api/compose.sample', { method: 'POST', headers: { 'content-type': 'application/json', 'x-auditnotify-token': decodeURIComponent(match![1]!) }, body: '{}' });
      return ((await res.json()) as { data: { curlExample: string } }).data.curlExample;
    });
    await page.getByTestId('nav-decode').click();
    const input = page.getByTestId('decode-input');
    await input.dispatchEvent('paste');
    await input.fill(curl);
    expect(await page.getByTestId('decode-kind-auto').getAttribute('class')).toContain('active');
    await page.getByTestId('decode-run').click();
    // The previous (stale) result stays on screen until the new one replaces it: wait for the new one's field.
    await page.locator('[data-testid="decode-field-out_request_no"]', { hasText: 'htozr8denqegbt6tk6u10iymo7yww5pn' }).waitFor();
    expect(await page.locator('[data-testid="decode-verdict"]').first().getAttribute('data-kind')).not.toBe('parse-error');
    expect(await page.getByTestId('decode-stale').count()).toBe(0);
    await page.close();
  });

  it('clears the last Send result while a new request is on its way', async () => {
    // A server that holds every request until the test lets it answer.
    const held: ServerResponse[] = [];
    let arrived!: () => void;
    const requestArrived = new Promise<void>((resolve) => (arrived = resolve));
    const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
      req.resume();
      held.push(res);
      arrived();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const page = await openApp();
      await page.getByTestId('nav-send').click();
      await page.getByTestId('send-run').click();
      await page.locator('[data-testid="send-verdict"][data-kind="accepted"]').waitFor();
      await page.locator('button[data-testid="send-target-url"]').click();
      await page.getByTestId('send-url').fill(`http://127.0.0.1:${(server.address() as AddressInfo).port}/v3/notify`);
      await page.getByTestId('send-run').click();
      await requestArrived;
      // The request is pending: the previous green banner must be gone.
      await page.locator('[data-testid="send-verdict"]').waitFor({ state: 'detached' });
      for (const res of held) res.writeHead(500, { 'content-type': 'application/json' }).end('{"code":"SYSTEM_ERROR","message":"held"}');
      await page.locator('[data-testid="send-verdict"]:not([data-kind="accepted"])').waitFor();
      await page.close();
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('shows a stored key’s findings in its own row, clears pasted findings on edit, and forgets a file across import tabs', async () => {
    const page = await openApp();
    await page.getByTestId('nav-keys').click();
    await page.getByTestId('doctor-input').fill('not a key');
    await page.getByTestId('doctor-run').click();
    await page.getByTestId('key-doctor').getByTestId('key-findings').waitFor();
    await page.getByTestId('key-doctor-run').first().click();
    await page.getByTestId('key-row-findings').waitFor();
    // The row's findings are in the list, right under that row.
    expect(await page.getByTestId('keys-list').getByTestId('key-row-findings').count()).toBe(1);
    await page.getByTestId('doctor-input').fill('not a key either');
    expect(await page.getByTestId('key-doctor').getByTestId('key-findings').count()).toBe(0);

    await page.getByTestId('import-kind-pkcs12').click();
    await page.getByTestId('import-file').setInputFiles({ name: 'a.p12', mimeType: 'application/x-pkcs12', buffer: Buffer.from([0x30, 0x03, 0x02, 0x01, 0x03]) });
    await page.getByTestId('import-file-chosen').waitFor();
    await page.getByTestId('import-kind-publicKey').click();
    expect(await page.getByTestId('import-file-chosen').count()).toBe(0);
    await page.close();
  });

  it('asks before removing a key', async () => {
    const page = await openApp();
    await page.getByTestId('nav-keys').click();
    await page.getByTestId('keys-generate').click();
    const rows = page.getByTestId('key-row');
    await page.locator('[data-testid="key-row"]').nth(3).waitFor();
    const before = await rows.count();
    await page.getByTestId('key-remove').last().click();
    await page.getByTestId('key-remove-confirm').waitFor();
    await page.getByTestId('key-remove-no').click();
    expect(await rows.count()).toBe(before);
    await page.getByTestId('key-remove').last().click();
    await page.getByTestId('key-remove-yes').click();
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="key-row"]').length === n, before - 1);
    await page.close();
  });

  it('signs a millisecond timestamp on purpose, with a warning and no schema text', async () => {
    const page = await openApp();
    await page.getByTestId('nav-sign').click();
    const ms = String(Date.now());
    await page.getByTestId('sign-timestamp').fill(ms);
    await page.getByTestId('sign-ts-note').waitFor();
    expect(await text(page, 'sign-ts-note')).toContain('milliseconds');
    await page.getByTestId('sign-run').click();
    await page.getByTestId('sign-authorization').waitFor();
    expect(await text(page, 'sign-authorization')).toContain(`timestamp="${ms}"`);
    await page.close();
  });

  it('keeps the fields read-only while the raw JSON does not parse, and lists schema errors once, apart from lint', async () => {
    const page = await openApp();
    const raw = page.getByTestId('compose-raw');
    expect(await raw.getAttribute('wrap')).toBe('off');
    const valid = await raw.inputValue();
    await raw.fill(`${valid.slice(0, -2)},`);
    await page.getByTestId('compose-fields-locked').waitFor();
    expect(await page.getByTestId('field-out_request_no').isDisabled()).toBe(true);
    await raw.fill(valid.replace('"htozr8denqegbt6tk6u10iymo7yww5pn"', '""'));
    await page.getByTestId('compose-errors').waitFor();
    expect(await page.getByTestId('compose-fields-locked').count()).toBe(0);
    const errors = await page.getByTestId('compose-error').allTextContents();
    expect(errors.length).toBeGreaterThan(0);
    expect(new Set(errors).size).toBe(errors.length);
    expect(await page.getByTestId('compose-lint').getByTestId('compose-error').count()).toBe(0);
    await page.close();
  });

  it('says when a History search matches nothing and drops the old selection', async () => {
    const page = await openApp();
    await page.getByTestId('nav-send').click();
    await page.getByTestId('send-run').click();
    await page.locator('[data-testid="send-verdict"][data-kind="accepted"]').waitFor();
    await page.getByTestId('nav-history').click();
    await page.getByTestId('history-row').first().click();
    await page.getByTestId('history-export-curl').waitFor();
    await page.getByTestId('history-search').fill('zz-matches-nothing');
    await page.locator('[data-testid="history-empty"]', { hasText: 'zz-matches-nothing' }).waitFor();
    expect(await text(page, 'history-empty')).not.toContain('No exchanges yet');
    expect(await page.getByTestId('history-export-curl').count()).toBe(0);
    await page.close();
  });

  it('clears the Receiver badge once Receiver is opened', async () => {
    const page = await openApp();
    await page.getByTestId('nav-send').click();
    await page.getByTestId('send-run').click();
    await page.locator('[data-testid="send-verdict"][data-kind="accepted"]').waitFor();
    await page.getByTestId('receiver-badge').waitFor();
    await page.getByTestId('nav-receiver').click();
    await page.getByTestId('receiver-badge').waitFor({ state: 'detached' });
    await page.getByTestId('nav-compose').click();
    expect(await page.getByTestId('receiver-badge').count()).toBe(0);
    await page.close();
  });

  it('keeps the local receiver on its port across Stop and Start, and a send after the restart is accepted', async () => {
    const page = await openApp();
    await page.getByTestId('nav-receiver').click();
    const url = page.getByTestId('receiver-url');
    const before = (await url.textContent()) ?? '';
    expect(before).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    await page.getByTestId('receiver-toggle').click();
    await url.filter({ hasText: '—' }).waitFor();
    expect(await page.getByTestId('receiver-running').getAttribute('class')).toContain('muted');
    await page.getByTestId('receiver-toggle').click();
    await url.filter({ hasText: 'http://' }).waitFor();
    expect(await url.textContent()).toBe(before);
    await page.getByTestId('nav-send').click();
    await page.getByTestId('send-run').click();
    await page.locator('[data-testid="send-verdict"][data-kind="accepted"]').waitFor();
    await page.close();
  });

  it('shows no internal words on any pane', async () => {
    const page = await openApp();
    for (const pane of ['compose', 'sign', 'send', 'decode', 'receiver', 'history', 'keys']) {
      await page.getByTestId(`nav-${pane}`).click();
      await page.getByTestId(`${pane}-pane`).waitFor();
      if (pane === 'decode') {
        await page.getByTestId('decode-sample-curl').click();
        await page.getByTestId('decode-run').click();
        await page.getByTestId('decode-verdict').waitFor();
      }
      const visible = await page.locator('body').innerText();
      expect({ pane, seed: /\bseed/i.exec(visible)?.[0] }).toEqual({ pane, seed: undefined });
      expect({ pane, cite: /protocol\.md|§/.exec(visible)?.[0] }).toEqual({ pane, cite: undefined });
    }
    await page.close();
  });

  it('fits at 1000 px: the Format select is not clipped, the Decode verdict does not wrap a word per line, History times stay whole', async () => {
    const page = await openApp('en', 1000);
    const select = page.getByTestId('compose-format');
    const fits = await select.evaluate((el) => el.scrollWidth <= el.clientWidth + 1);
    expect(fits).toBe(true);
    await page.getByTestId('nav-decode').click();
    await page.getByTestId('decode-sample-curl').click();
    await page.getByTestId('decode-run').click();
    await page.getByTestId('decode-verdict').waitFor();
    const detailWidth = await page.locator('[data-testid="decode-verdict"] .detail').evaluate((el) => el.getBoundingClientRect().width);
    expect(detailWidth).toBeGreaterThan(150);
    await page.getByTestId('nav-history').click();
    const cell = page.locator('[data-testid="history-row"] td').first();
    await cell.waitFor();
    expect(await cell.evaluate((el) => getComputedStyle(el).whiteSpace)).toBe('nowrap');
    await page.close();
  });
});
