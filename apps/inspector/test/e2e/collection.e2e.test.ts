/**
 * Saved requests in Debian Chromium, then `auditnotify run` on the folder the inspector wrote: an accepted
 * notification and a failure case are sent, saved from Compose with the expectations of their answers,
 * listed, opened and removed in the Saved requests pane; the built CLI runs the folder against the
 * inspector's own local receiver with fresh signatures, passing, and failing (exit 1) once a case expects
 * what does not happen.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './screenshot.js';
import { startE2eSession, type E2eSession } from './e2e-session.js';
import { runCommand } from '../unit/run-script.js';

const CLI = fileURLToPath(new URL('../../../../packages/cli/dist/bin.js', import.meta.url));

const cli = (args: string[]) => runCommand(process.execPath, [CLI, ...args]);

let session: E2eSession;
let keysDir: string;
let page: Page;

beforeAll(async () => {
  session = await startE2eSession();
  // The key set a team's CI holds (auditnotify keygen), imported into the inspector as a user would.
  keysDir = join(mkdtempSync(join(tmpdir(), 'auditnotify-collection-e2e-')), 'keys');
  expect((await cli(['keygen', '--out', keysDir])).status).toBe(0);
  const manifest = JSON.parse(readFileSync(join(keysDir, 'keys.json'), 'utf8')) as { mchid: string; wechatpay_public_key_id: string };
  const read = (file: string) => ({ text: readFileSync(join(keysDir, file), 'utf8') });
  const merchant = await session.api.keys.import({ role: 'merchant', label: 'CI keys', mchid: manifest.mchid, privateKey: read('sender/apiclient_key.pem'), certificate: read('sender/apiclient_cert.pem') });
  const platform = await session.api.keys.import({ role: 'platform', label: 'CI answer key', keyId: manifest.wechatpay_public_key_id, privateKey: read('receiver/wxp_key.pem') });
  expect([merchant.ok, platform.ok], JSON.stringify([merchant, platform])).toEqual([true, true]);
  page = await session.openApp('en', 1280, 1000);
}, 120_000);

afterAll(async () => {
  await session?.stop();
  if (keysDir) rmSync(join(keysDir, '..'), { recursive: true, force: true });
});

async function sendFromCompose(): Promise<string> {
  await page.getByTestId('nav-send').click();
  await page.getByTestId('send-run').click();
  const verdict = page.getByTestId('send-verdict');
  await verdict.waitFor();
  return (await verdict.getAttribute('data-kind')) ?? '';
}

async function saveAs(name: string): Promise<string> {
  await page.getByTestId('nav-compose').click();
  await page.getByTestId('save-name').fill(name);
  await page.getByTestId('save-run').click();
  return (await page.getByTestId('save-result').textContent()) ?? '';
}

async function receiverUrl(): Promise<string> {
  const status = await session.api.receiver.status();
  if (!status.ok || !status.data.url) throw new Error(`no local receiver: ${JSON.stringify(status)}`);
  return status.data.url;
}

describe('saved requests and auditnotify run (Debian Chromium)', { timeout: 180_000 }, () => {
  let folder = '';

  it('saves an accepted notification and a failure case from Compose, with the expectations of their answers', async () => {
    await page.getByTestId('nav-keys').click();
    await page.getByTestId('nav-compose').click();
    await page.getByTestId('field-out_request_no').fill('e2e-collection-0001');
    expect(await sendFromCompose()).toBe('accepted');
    expect(await saveAs('Accepted PASS')).toContain('accepted-pass.request.json');
    folder = (await page.getByTestId('save-folder').textContent()) ?? '';

    // A failure case keeps its exact bytes: re-serialised by hand into invalid JSON.
    await page.getByTestId('compose-raw').fill('{"out_request_no": e2e-collection-0002}');
    expect(await sendFromCompose()).toBe('rejected');
    await page.getByTestId('nav-compose').click();
    expect(await page.getByTestId('save-body-kind').inputValue()).toBe('raw');
    expect(await page.getByTestId('save-expect-status').inputValue()).toBe('400');
    expect(await saveAs('Broken JSON')).toContain('broken-json.request.json');
    const saved = JSON.parse(readFileSync(join(folder, 'broken-json.request.json'), 'utf8')) as Record<string, unknown>;
    expect(saved).toMatchObject({ body: { raw: '{"out_request_no": e2e-collection-0002}' }, expect: { status: 400, code: 'INVALID_REQUEST', reason: 'INVALID_JSON', answerVerified: true } });
  });

  it('lists the saved requests and opens one back into Compose', async () => {
    await page.getByTestId('nav-collection').click();
    await page.locator('[data-testid="collection-row"]').nth(1).waitFor();
    expect(await page.locator('[data-testid="collection-row"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-file')))).toEqual(['accepted-pass.request.json', 'broken-json.request.json']);
    expect(await page.getByTestId('collection-run-command').textContent()).toContain(`auditnotify run ${folder}`);
    for (const lang of ['en', 'zh'] as const) {
      await page.getByTestId(`lang-${lang}`).click();
      for (const width of [1000, 1600]) {
        await page.setViewportSize({ width, height: 800 });
        await screenshot(page, `collection-${lang}-${width}`);
      }
    }
    await page.getByTestId('lang-en').click();
    await page.locator('[data-file="accepted-pass.request.json"] [data-testid="collection-open"]').click();
    await page.getByTestId('compose-pane').waitFor();
    expect(await page.getByTestId('compose-raw').inputValue()).toContain('"out_request_no": "e2e-collection-0001"');
  });

  it('opens a pasted curl in Compose (its exact body, method and path) from an unwrapped Decode input', async () => {
    await page.getByTestId('nav-decode').click();
    expect(await page.getByTestId('decode-input').getAttribute('wrap')).toBe('off');
    const body = '{"out_request_no":"e2e-from-curl","mchid":"1900016681","audit_result":"PASS"}';
    await page.getByTestId('decode-input').fill(`curl -X POST 'https://merchant.example/v3/aggracct-bc/wb-channel/control-orders/info/update/result/notify?x=1' -H 'Content-Type: application/json' -d '${body}'`);
    await page.getByTestId('decode-run').click();
    await page.getByTestId('decode-open-compose').click();
    await page.getByTestId('compose-pane').waitFor();
    expect(await page.getByTestId('compose-raw').inputValue()).toBe(body);
    await page.getByTestId('nav-sign').click();
    expect(await page.getByTestId('sign-url').inputValue()).toBe('/v3/aggracct-bc/wb-channel/control-orders/info/update/result/notify?x=1');
    expect(await page.getByTestId('sign-method').inputValue()).toBe('POST');
    // Back to the notify path for the cases below.
    await page.getByTestId('sign-url').fill('/v3/aggracct-bc/wb-channel/control-orders/info/update/result/notify');
  });

  it('auditnotify run passes the folder against the local receiver with fresh signatures', async () => {
    const url = await receiverUrl();
    for (let round = 0; round < 2; round += 1) {
      const result = await cli(['run', folder, '--keys', keysDir, '--url', url]);
      expect(result.status, result.stdout + result.stderr).toBe(0);
      expect(result.stdout).toContain('PASS  accepted-pass.request.json  Accepted PASS: 200, answer verified');
      expect(result.stdout).toContain('PASS  broken-json.request.json  Broken JSON: 400 INVALID_REQUEST/INVALID_JSON, answer verified');
      expect(result.stdout.trimEnd().split('\n').at(-1)).toBe('2 passed, 0 failed');
    }
  });

  it('fails (exit 1) once a saved case expects what does not happen, and passes again after it is removed', async () => {
    await page.getByTestId('nav-compose').click();
    await page.getByTestId('save-expect-status').fill('401');
    await page.getByTestId('save-expect-code').fill('SIGN_ERROR');
    await page.getByTestId('save-expect-reason').fill('');
    expect(await saveAs('Expects a refusal')).toContain('expects-a-refusal.request.json');
    const url = await receiverUrl();
    const failing = await cli(['run', folder, '--keys', keysDir, '--url', url]);
    expect(failing.status, failing.stdout + failing.stderr).toBe(1);
    expect(failing.stdout).toMatch(/FAIL {2}expects-a-refusal\.request\.json {2}Expects a refusal: 200, answer verified \(status 200, expected 401; code \(none\), expected SIGN_ERROR\)/);
    expect(failing.stdout.trimEnd().split('\n').at(-1)).toBe('2 passed, 1 failed');

    // Removing asks first; "Keep" keeps the file.
    await page.getByTestId('nav-collection').click();
    const row = page.locator('[data-file="expects-a-refusal.request.json"]');
    await row.getByTestId('collection-remove').click();
    await row.getByTestId('collection-remove-no').click();
    expect(await page.locator('[data-testid="collection-row"]').count()).toBe(3);
    await row.getByTestId('collection-remove').click();
    await row.getByTestId('collection-remove-yes').click();
    await row.waitFor({ state: 'detached' });
    expect((await cli(['run', folder, '--keys', keysDir, '--url', url])).status).toBe(0);
  });
});
