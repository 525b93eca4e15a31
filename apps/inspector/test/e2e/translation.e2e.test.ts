/**
 * zh-CN completeness: every pane, with real results on it, is read in Chinese and any English word outside
 * data (bytes, headers, code, key ids) fails the test. Technical names that are the same in both languages
 * (header and field names, codes, formats) are listed in TECHNICAL.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2eSession, type E2eSession } from './e2e-session.js';

let session: E2eSession;

beforeAll(async () => {
  session = await startE2eSession();
}, 60_000);

afterAll(() => session?.stop());

/** Words that stay as they are in a Chinese UI: protocol, format and product names. */
const TECHNICAL = new Set(
  [
    'auditnotify', 'curl', 'http', 'https', 'json', 'url', 'utf', 'pem', 'der', 'rsa', 'sha', 'base', 'pkcs', 'mchid', 'nonce', 'str', 'serial', 'no',
    'apiv', 'wechatpay', 'wechat', 'pay', 'authorization', 'timestamp', 'signature', 'type', 'content', 'length', 'host', 'request', 'id', 'post', 'get',
    'java', 'go', 'node', 'python', 'openssl', 'ms', 'pub', 'key', 'ntp', 'crlf', 'lf', 'en', 'bom', 'gbk', 'latin', 'pass', 'reject', 'succ', 'ret', 'msg',
    'out', 'audit', 'result', 'finish', 'time', 'attach', 'info', 'fail', 'code', 'ciphertext', 'resource', 'associated', 'data', 'sha256withrsa', 'psa',
    'signtest', 'iso', 'rfc', 'accept', 'user', 'agent', 'application', 'charset', 'cert', 'sm', 'aes', 'gcm', 'string', 'unix',
    // git, and the name of the `auditnotify run` command.
    'git', 'run',
  ].map((w) => w.toLowerCase()),
);

/** English words in visible text outside data elements, with the text they were found in. */
async function englishOutsideData(page: Page): Promise<string[]> {
  const texts = await page.evaluate(() => {
    // Prose the backend writes in English counts too: only data is skipped, and only what is rendered is read
    // (the original English behind a closed <details> is not).
    const skip = 'code, pre, textarea, input, select, .mono, .hash, [data-raw], .msg-view, .bytes-view';
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest(skip)) continue;
      if (!parent.checkVisibility({ visibilityProperty: true })) continue;
      const text = node.textContent?.trim() ?? '';
      if (text) out.push(text);
    }
    // Attributes users read: placeholders and tooltips.
    for (const el of document.querySelectorAll('[placeholder], [title]')) {
      for (const name of ['placeholder', 'title']) {
        const value = el.getAttribute(name);
        if (value) out.push(value);
      }
    }
    return out;
  });
  const found: string[] = [];
  for (const text of texts) {
    // Words of letters only; codes (UPPER_CASE), snake_case names and hex/ids are data, not language.
    // URLs, paths and character classes ([0-9A-Za-z]) are data too.
    const words = text
      .replace(/\S*\/\S*/g, ' ')
      // Fingerprints (be:eb:c9:…) are data.
      .replace(/\b[0-9a-f]{2}(?::[0-9a-f]{2})+/gi, ' ')
      .replace(/\[[^\]]*\]/g, ' ')
      .split(/[^A-Za-z_0-9]+/)
      .filter((w) => /^[A-Za-z][a-z]+$/.test(w) || /^[a-z]{2,}$/.test(w))
      .filter((w) => !TECHNICAL.has(w.toLowerCase()));
    if (words.length > 0) found.push(`${words.join(' ')}  ←  ${text.slice(0, 80)}`);
  }
  return [...new Set(found)];
}

describe('zh-CN translation (Debian Chromium)', { timeout: 180_000 }, () => {
  it('leaves no user-visible English on any pane, with results on them', async () => {
    const page = await session.openApp('zh', 1280, 900);
    const problems: Record<string, string[]> = {};
    const check = async (where: string) => {
      const english = await englishOutsideData(page);
      if (english.length > 0) problems[where] = english;
    };

    await check('compose');
    await page.getByTestId('nav-sign').click();
    await page.getByTestId('sign-run').click();
    await page.getByTestId('sign-authorization').waitFor();
    await check('sign');
    await page.getByTestId('nav-send').click();
    await page.getByTestId('send-run').click();
    await page.getByTestId('send-verdict').waitFor();
    await check('send');
    await page.getByTestId('nav-receiver').click();
    await page.getByTestId('receiver-event').first().waitFor();
    await page.getByTestId('receiver-event').first().click();
    await check('receiver');
    await page.getByTestId('receiver-open-decode').first().click();
    await page.getByTestId('decode-verdict').waitFor();
    await check('decode (verified)');
    await page.getByTestId('decode-sample-curl').click();
    await page.getByTestId('decode-run').click();
    await page.getByTestId('likely-cause').waitFor();
    await check('decode (the documentation’s curl example)');
    await page.getByTestId('nav-history').click();
    await page.getByTestId('history-row').first().click();
    await check('history');
    await page.getByTestId('nav-keys').click();
    await page.getByTestId('key-doctor-run').first().click();
    await page.getByTestId('key-row-findings').waitFor();
    await page.getByTestId('doctor-input').fill('-----BEGIN RSA PRIVATE KEY-----\nnot base64\n-----END RSA PRIVATE KEY-----');
    await page.getByTestId('doctor-run').click();
    await page.getByTestId('key-doctor').getByTestId('key-findings').waitFor();
    await check('keys');
    await page.getByTestId('nav-compose').click();
    await page.getByTestId('save-name').fill('审核通过');
    await page.getByTestId('save-run').click();
    await page.getByTestId('save-result').waitFor();
    await check('compose (saved to the collection)');
    await page.getByTestId('nav-collection').click();
    await page.getByTestId('collection-row').first().waitFor();
    await page.getByTestId('collection-remove').first().click();
    await page.getByTestId('collection-remove-confirm').waitFor();
    await check('saved requests');

    expect(problems).toEqual({});
    await page.close();
  });

  it('lays the audit_finish_time picker out in the UI language: 2015年5月20日 13:29:35 in Chinese, May 20, 2015 in English', async () => {
    const page = await session.openApp('zh', 1280, 900);
    const field = page.getByTestId('field-audit_finish_time');
    await field.fill('2015-05-20T13:29:35+08:00');
    // What the picker reads as: each field's shown value (a month's option label) and the text between them.
    const shown = () =>
      page.getByTestId('field-audit_finish_time-picker').evaluate((root) =>
        [...root.children]
          .map((el) => (el instanceof HTMLSelectElement ? (el.selectedOptions[0]?.textContent ?? '') : el instanceof HTMLInputElement ? el.value : (el.textContent ?? '')))
          .join(''),
      );
    expect(await shown()).toBe('2015年5月20日 13:29:35');
    expect(await page.getByTestId('field-audit_finish_time-picker').getAttribute('data-locale')).toBe('zh-CN');
    // The picker writes the same RFC 3339 text, offset kept.
    await page.getByTestId('field-audit_finish_time-picker-month').selectOption('12');
    await page.getByTestId('field-audit_finish_time-picker-hour').fill('08');
    expect(await field.inputValue()).toBe('2015-12-20T08:29:35+08:00');
    expect(await shown()).toBe('2015年12月20日 08:29:35');

    await page.getByTestId('lang-en').click();
    expect(await shown()).toBe('December 20, 2015 at 08:29:35');
    await page.close();
  });
});
