import { encryptResource } from '@auditnotify/core';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './screenshot.js';
import { startE2eSession, type E2eSession } from './e2e-session.js';

let session: E2eSession;

beforeAll(async () => {
  session = await startE2eSession();
}, 60_000);

afterAll(() => session?.stop());

const openApp = (lang: 'en' | 'zh' = 'en'): Promise<Page> => session.openApp(lang, 1280, 800);

const text = async (page: Page, testId: string) => (await page.getByTestId(testId).first().textContent()) ?? '';

// Each test drives a real browser against a real backend; on a loaded CI machine that takes seconds.
describe('inspector in browser mode (Debian Chromium)', { timeout: 120_000 }, () => {
  it('opens on Compose with the documentation’s example on first start', async () => {
    const page = await openApp();
    expect(await page.getByTestId('compose-pane').isVisible()).toBe(true);
    expect(await page.getByTestId('compose-raw').inputValue()).toContain('htozr8denqegbt6tk6u10iymo7yww5pn');
    expect(await page.getByTestId('field-out_request_no').inputValue()).toBe('htozr8denqegbt6tk6u10iymo7yww5pn');
    // The documentation's example sends fail_code with PASS: the composer accepts it and warns.
    await page.getByTestId('compose-warning').first().waitFor();
    await screenshot(page, 'compose');
    await page.close();
  });

  it('generates keys, composes, signs, sends to the local receiver, sees it verified and opens it in Decode', async () => {
    const page = await openApp();
    await page.getByTestId('nav-keys').click();
    const before = await page.getByTestId('key-row').count();
    await page.getByTestId('keys-generate').click();
    await page.getByTestId('key-row').nth(before + 1).waitFor();
    // The key doctor examines a stored key: the renderer only ever gets its findings.
    await page.getByTestId('key-doctor-run').first().click();
    await page.getByTestId('key-findings').waitFor();
    expect(await page.locator('[data-testid="key-findings"] li').count()).toBeGreaterThan(0);
    await screenshot(page, 'keys');

    await page.getByTestId('nav-compose').click();
    await page.getByTestId('field-out_request_no').fill('e2e-round-trip-0001');
    await page.getByTestId('enum-audit_result-REJECT').click();
    await page.getByTestId('field-fail_msg').fill('身份证照片不清晰');
    expect(await page.getByTestId('compose-raw').inputValue()).toContain('"audit_result": "REJECT"');
    await page.locator('[data-testid="compose-validity"]', { hasText: '✓' }).waitFor();
    await page.locator('[data-testid="bytes-fail_msg"]', { hasText: '24 / 1024' }).waitFor();

    await page.getByTestId('compose-to-sign').click();
    await page.getByTestId('sign-run').click();
    await page.getByTestId('sign-message').waitFor();
    expect(await text(page, 'msg-part-body')).toContain('e2e-round-trip-0001');
    expect(await text(page, 'msg-part-method')).toContain('POSTLF'); // LF: the ␊ picture after the method
    expect(await page.locator('[data-testid="msg-part-body"] [data-cp="LF"]').count()).toBeGreaterThan(0);
    expect(await text(page, 'sign-authorization')).toMatch(/^WECHATPAY2-SHA256-RSA2048 /);
    await page.getByTestId('msg-part-timestamp').hover();
    await screenshot(page, 'sign');

    await page.getByTestId('sign-to-send').click();
    await page.getByTestId('send-target-local').click();
    await page.getByTestId('send-run').click();
    await page.locator('[data-testid="send-verdict"][data-kind="accepted"]').waitFor();
    expect(await page.getByTestId('send-hashes').getAttribute('data-match')).toBe('true');
    expect(await text(page, 'send-status')).toBe('200');
    await screenshot(page, 'send');

    await page.getByTestId('nav-receiver').click();
    const row = page.locator('[data-testid="receiver-event"][data-outcome="accepted"]', { hasText: 'e2e-round-trip-0001' });
    await row.waitFor();
    await screenshot(page, 'receiver');
    await row.getByTestId('receiver-open-decode').click();
    await page.locator('[data-testid="decode-verdict"][data-kind="verified"]').waitFor();
    expect(await text(page, 'decode-field-out_request_no')).toContain('e2e-round-trip-0001');
    await page.close();
  });

  it('decodes the documentation’s curl example into labelled fields', async () => {
    const page = await openApp('zh');
    await page.getByTestId('nav-decode').click();
    await page.getByTestId('decode-sample-curl').click();
    await page.getByTestId('decode-run').click();
    await page.getByTestId('decode-verdict').waitFor();
    expect(await text(page, 'decode-field-out_request_no')).toContain('资料更新请求单号');
    expect(await text(page, 'decode-field-out_request_no')).toContain('htozr8denqegbt6tk6u10iymo7yww5pn');
    expect(await text(page, 'decode-field-audit_result')).toContain('PASS');
    // The documentation's example elides its signature ("..."): never verified.
    expect(await page.getByTestId('decode-verdict').getAttribute('data-kind')).not.toBe('verified');
    expect(await text(page, 'decode-warning')).toContain('只对 REJECT 有意义');
    await screenshot(page, 'decode-curl');
    await page.close();
  });

  it('shows a re-serialised (tampered) body failing and names the cause with a byte diff', async () => {
    const page = await openApp();
    await page.getByTestId('nav-compose').click();
    await page.getByTestId('field-out_request_no').fill('e2e-tamper-0002');
    await page.getByTestId('nav-send').click();
    await page.getByTestId('send-run').click();
    await page.locator('[data-testid="send-verdict"][data-kind="accepted"]').waitFor();
    await page.getByTestId('nav-receiver').click();
    const row = page.locator('[data-testid="receiver-event"]', { hasText: 'e2e-tamper-0002' });
    await row.getByTestId('receiver-open-decode').click();
    await page.locator('[data-testid="decode-verdict"][data-kind="verified"]').waitFor();

    // What a framework does before verifying: parse and stringify the body (protocol.md §7.1).
    const raw = await page.getByTestId('decode-input').inputValue();
    const blank = /\r?\n\r?\n/.exec(raw);
    if (!blank) throw new Error('no blank line between head and body');
    const body = JSON.stringify(JSON.parse(raw.slice(blank.index + blank[0].length)));
    const head = raw.slice(0, blank.index).replace(/content-length: *\d+/i, `content-length: ${Buffer.byteLength(body)}`);
    await page.getByTestId('decode-input').fill(`${head}${blank[0]}${body}`);
    await page.getByTestId('decode-run').click();
    await page.locator('[data-testid="decode-verdict"][data-kind="signature-invalid"]').waitFor();
    const cause = page.getByTestId('likely-cause');
    expect(await cause.getAttribute('data-code')).toBe('BODY_RESERIALISED');
    await page.getByTestId('byte-diff').waitFor();
    expect(await page.locator('[data-testid="decode-variants"] tr[data-verifies="true"]').count()).toBeGreaterThan(0);
    // The panes scroll inside a fixed-height window: a tall viewport shows verdict, cause and diff at once.
    await page.setViewportSize({ width: 1280, height: 1040 });
    await screenshot(page, 'decode-tampered');

    // In Chinese the cause is translated by its code; the code itself stays as it is.
    expect(await text(page, 'likely-cause-title')).toBe('The body was re-serialised before verifying');
    await page.getByTestId('lang-zh').click();
    expect(await text(page, 'likely-cause-title')).toBe('报文主体被重新序列化后才验签');
    expect(await text(page, 'likely-cause')).toContain('BODY_RESERIALISED');
    expect(await text(page, 'check-signature')).toContain('签名校验');
    await screenshot(page, 'decode-tampered-zh');
    await page.close();
  });

  it('rejects a request signed 10 minutes ago with a typed SIGN_ERROR and lists it in Receiver', async () => {
    const page = await openApp();
    await page.getByTestId('field-out_request_no').fill('e2e-stale-0003');
    await page.getByTestId('nav-sign').click();
    // Reproduce a replayed or clock-skewed request: pin the timestamp 600 s in the past (protocol.md §7.4).
    await page.getByTestId('sign-timestamp').fill(String(Math.floor(Date.now() / 1000) - 600));
    await page.getByTestId('sign-ts-note').waitFor();
    await page.getByTestId('nav-send').click();
    await page.getByTestId('send-pinned').waitFor();
    await page.getByTestId('send-run').click();
    const verdict = page.locator('[data-testid="send-verdict"][data-kind="rejected"]');
    await verdict.waitFor();
    expect(await text(page, 'send-status')).toBe('401');
    expect(await text(page, 'send-response-body')).toContain('SIGN_ERROR');
    await screenshot(page, 'send-rejected');
    await page.getByTestId('nav-receiver').click();
    // Rejected before the body is parsed (the window check comes first), so the row carries the code, not the id.
    const rejected = page.locator('[data-testid="receiver-event"][data-outcome="rejected"]').first();
    await rejected.waitFor();
    expect(await rejected.getAttribute('data-code')).toMatch(/TIMESTAMP/);
    await screenshot(page, 'receiver');
    await page.close();
  });

  it('finds a sent exchange in History, exports it as curl and re-sends it with a fresh signature', async () => {
    const page = await openApp();
    await page.getByTestId('field-out_request_no').fill('e2e-history-0004');
    await page.getByTestId('nav-send').click();
    await page.getByTestId('send-run').click();
    await page.locator('[data-testid="send-verdict"][data-kind="accepted"]').waitFor();
    await page.getByTestId('nav-history').click();
    await page.getByTestId('history-search').fill('e2e-history-0004');
    const row = page.locator('[data-testid="history-row"]', { hasText: 'e2e-history-0004' }).first();
    await row.click();
    await page.getByTestId('history-export-curl').click();
    await page.getByTestId('history-snippet').waitFor();
    expect(await text(page, 'history-snippet')).toContain('curl');
    await page.getByTestId('history-resend').click();
    await page.getByTestId('history-confirm-yes').click();
    await page.getByTestId('history-pane').locator('[data-testid="send-verdict"][data-kind="accepted"]').waitFor();
    await screenshot(page, 'history');
    await page.close();
  });

  it('opens an encrypted APIv3 callback with the APIv3 key', async () => {
    const apiV3Key = '0123456789abcdef0123456789abcdef';
    const resource = encryptResource({
      plaintext: JSON.stringify({ out_request_no: 'e2e-callback-0005', mchid: '1900016681', audit_result: 'PASS' }),
      apiV3Key,
      associatedData: 'audit',
    });
    const body = JSON.stringify({ id: 'EV-0005', create_time: '2026-11-27T08:00:00+08:00', event_type: 'AUDIT.RESULT', resource_type: 'encrypt-resource', resource, summary: 'audit result' });
    const raw = `POST /notify HTTP/1.1\r\nhost: merchant.example\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    const page = await openApp();
    await page.getByTestId('nav-decode').click();
    await page.getByTestId('decode-input').fill(raw);
    await page.getByTestId('decode-apiv3-key').fill(apiV3Key);
    await page.getByTestId('decode-run').click();
    await page.getByTestId('decode-plaintext').waitFor();
    expect(await text(page, 'decode-plaintext')).toContain('e2e-callback-0005');
    await page.close();
  });

  it('switches the whole UI between English and Chinese', async () => {
    const page = await openApp('en');
    expect(await text(page, 'nav-compose')).toContain('Compose');
    expect(await page.getByTestId('row-out_request_no').isVisible()).toBe(true);
    await page.getByTestId('lang-zh').click();
    expect(await text(page, 'nav-compose')).toContain('编排');
    expect(await page.getByTestId('compose-form').textContent()).toContain('资料更新请求单号');
    expect(await page.getByTestId('compose-form').textContent()).toContain('审核驳回');
    // The documentation's fail_code with PASS: core's lint warning, translated by its code.
    const warning = page.locator('[data-testid="compose-warning"]', { hasText: 'FAIL_FIELDS_WITH_PASS' }).first();
    expect(await warning.textContent()).toContain('只对 REJECT 有意义');
    await screenshot(page, 'compose-zh');
    await page.getByTestId('lang-en').click();
    expect(await text(page, 'nav-compose')).toContain('Compose');
    expect(await page.getByTestId('compose-form').textContent()).toContain('Data-update request number');
    expect(await warning.textContent()).toContain('it only means something for REJECT');
    await page.close();
  });
});
