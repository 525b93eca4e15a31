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
    // Names of platforms and constructs in Decode's guesses: a Go map, a heredoc body, Windows line ends.
    'windows', 'heredoc', 'map',
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
      // Dotted names are code: JSON.stringify, json.dumps(ensure_ascii=False), detail.sign_information.
      .replace(/\b\w+(?:\.\w+)+(?:\([^)]*\))?/g, ' ')
      .split(/[^A-Za-z_0-9]+/)
      .filter((w) => /^[A-Za-z][a-z]+$/.test(w) || /^[a-z]{2,}$/.test(w))
      .filter((w) => !TECHNICAL.has(w.toLowerCase()));
    if (words.length > 0) found.push(`${words.join(' ')}  ←  ${text.slice(0, 80)}`);
  }
  return [...new Set(found)];
}

/** Lists every guess Decode made (past the first few), so each description is read. */
async function showAllVariants(page: Page): Promise<void> {
  const more = page.getByTestId('decode-more-variants');
  if ((await more.count()) === 0) return;
  await more.click();
  await more.waitFor({ state: 'detached' });
}

/** The bridge's answer, or a thrown error naming what failed. */
function unwrap<T>(result: { ok: true; data: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data;
}

const NOTIFY_PATH = '/v3/aggracct-bc/wb-channel/control-orders/info/update/result/notify';

/**
 * Sends requests the local receiver refuses, each for another reason (bad signature, stale timestamp,
 * replayed nonce, PARAM_ERROR body, unknown serial, malformed and missing Authorization, invalid JSON, a
 * re-serialised body, another path), signed with the stored merchant key as a sender would; and builds raw
 * requests for Decode that show further guesses.
 */
async function sendBrokenRequests(): Promise<{ rejected: number; codes: string[]; pasted: [string, string][] }> {
  const merchant = unwrap(await session.api.keys.list({})).keys.find((k) => k.role === 'merchant' && k.hasPrivateKey);
  if (!merchant) throw new Error('no merchant key on first start');
  const status = unwrap(await session.api.receiver.status({}));
  if (!status.url) throw new Error('the local receiver is not running');
  const target = new URL(status.url);
  const mchid = merchant.mchid ?? '1900016681';
  const body = (no: string) => JSON.stringify({ out_request_no: no, mchid, audit_result: 'REJECT', audit_finish_time: '2025-09-15T10:00:00+08:00', fail_code: 'E01', fail_msg: '资料不全' });
  const sign = async (text: string, extra: { timestamp?: number; url?: string } = {}) =>
    unwrap(await session.api.sign.compute({ keyId: merchant.id, body: { kind: 'text', text }, ...extra }));
  const post = async (headers: Record<string, string>, text: string, path = NOTIFY_PATH) => {
    const res = await fetch(new URL(path, target), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: text });
    await res.arrayBuffer();
    return res.status;
  };
  const authorization = (a: string) => ({ authorization: a });
  const codes: string[] = [];
  let rejected = 0;
  const refuse = async (code: string, headers: Record<string, string>, text: string, path?: string) => {
    expect(await post(headers, text, path), code).toBeGreaterThanOrEqual(400);
    codes.push(code);
    rejected++;
  };

  const ok = await sign(body('e2e-zh-replay'));
  expect(await post(authorization(ok.authorization), body('e2e-zh-replay'))).toBe(200);
  await refuse('NONCE_REPLAYED', authorization(ok.authorization), body('e2e-zh-replay'));

  const bad = await sign(body('e2e-zh-badsig'));
  const flipped = bad.signature.startsWith('A') ? `B${bad.signature.slice(1)}` : `A${bad.signature.slice(1)}`;
  await refuse('SIGNATURE_MISMATCH', authorization(bad.authorization.replace(bad.signature, flipped)), body('e2e-zh-badsig'));

  const stale = await sign(body('e2e-zh-stale'), { timestamp: Math.floor(Date.now() / 1000) - 600 });
  await refuse('TIMESTAMP_OUT_OF_WINDOW', authorization(stale.authorization), body('e2e-zh-stale'));

  const millis = await sign(body('e2e-zh-millis'), { timestamp: Date.now() });
  await refuse('TIMESTAMP_OUT_OF_WINDOW', authorization(millis.authorization), body('e2e-zh-millis'));

  const paramBody = JSON.stringify({ out_request_no: 'e2e-zh-param', mchid, audit_result: 'MAYBE' });
  const param = await sign(paramBody);
  await refuse('PARAM_ERROR', authorization(param.authorization), paramBody);

  const junk = '{"out_request_no": "e2e-zh-json",';
  const json = await sign(junk);
  await refuse('INVALID_JSON', authorization(json.authorization), junk);

  const serial = await sign(body('e2e-zh-serial'));
  await refuse('UNKNOWN_SERIAL', authorization(serial.authorization.replace(/serial_no="[^"]*"/, 'serial_no="7A0B00000000000000000000000000000000E2E0"')), body('e2e-zh-serial'));

  const reserialised = await sign(body('e2e-zh-pretty'));
  await refuse('SIGNATURE_MISMATCH', authorization(reserialised.authorization), JSON.stringify(JSON.parse(body('e2e-zh-pretty')), null, 2));

  const spaced = await sign(body('e2e-zh-malformed'));
  await refuse('AUTH_MALFORMED', authorization(spaced.authorization.replace(',', ', ')), body('e2e-zh-malformed'));
  await refuse('AUTH_MISSING', {}, body('e2e-zh-missing'));
  await refuse('INVALID_REQUEST', {}, body('e2e-zh-path'), '/v3/other/notify');

  // Raw requests for Decode (a textarea keeps LF line ends only): a body that gained a final line break, and a
  // URL with a query signed without it.
  const raw = (path: string, auth: string, text: string) =>
    `POST ${path} HTTP/1.1\nHost: ${target.host}\nContent-Type: application/json\nAuthorization: ${auth}\nContent-Length: ${Buffer.byteLength(text)}\n\n${text}`;
  const query = await sign(body('e2e-zh-query'));
  const newline = await sign(body('e2e-zh-newline'));
  return {
    rejected,
    codes: [...new Set(codes)],
    pasted: [
      ['body with a final line break', raw(NOTIFY_PATH, newline.authorization, `${body('e2e-zh-newline')}\n`)],
      ['URL with a query', raw(`${NOTIFY_PATH}?a=1&b=2`, query.authorization, body('e2e-zh-query'))],
      ['millisecond timestamp', raw(NOTIFY_PATH, millis.authorization, body('e2e-zh-other'))],
    ],
  };
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
    await page.getByTestId('compose-doc-example').click();
    await page.getByTestId('doc-example-curl').filter({ hasText: 'curl' }).waitFor();
    await check('the documentation’s example');
    await page.getByTestId('doc-example-close').click();
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

  it('translates the local receiver’s refusals and Decode’s guesses for broken requests, values kept', async () => {
    const sent = await sendBrokenRequests();
    const page = await session.openApp('zh', 1280, 900);
    const problems: Record<string, string[]> = {};
    const check = async (where: string) => {
      const english = await englishOutsideData(page);
      if (english.length > 0) problems[where] = english;
    };

    await page.getByTestId('nav-receiver').click();
    const rows = page.locator('[data-testid="receiver-event"][data-outcome="rejected"]');
    await expect.poll(() => rows.count()).toBe(sent.rejected);
    for (let i = 0; i < sent.rejected; i++) {
      const row = rows.nth(i);
      await row.click();
      const code = (await row.getAttribute('data-code')) ?? '';
      await check(`receiver (${code})`);
      const open = row.getByTestId('receiver-open-decode');
      if (code === 'INVALID_REQUEST') {
        // A request to another path is kept without its body: there is nothing to decode, and the button says so.
        expect(await open.isDisabled()).toBe(true);
        continue;
      }
      await open.click();
      await page.getByTestId('decode-verdict').waitFor();
      await showAllVariants(page);
      await check(`decode (${code}, #${i})`);
      await page.getByTestId('nav-receiver').click();
    }
    // Every refusal the receiver gives, each shown once.
    const codes = await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-code')));
    expect(new Set(codes)).toEqual(new Set(sent.codes));

    // Pasted inputs whose Decode shows other guesses: a final line break, a URL with a query, a millisecond timestamp.
    for (const [name, raw] of sent.pasted) {
      await page.getByTestId('nav-decode').click();
      await page.getByTestId('decode-input').fill(raw);
      await page.getByTestId('decode-run').click();
      await page.getByTestId('decode-verdict').waitFor();
      await page.getByTestId('decode-variants').waitFor();
      await showAllVariants(page);
      // Every guess is listed, not only the first six.
      expect(await page.getByTestId('decode-variants').locator('tbody tr').count()).toBeGreaterThan(6);
      await check(`decode (${name})`);
    }

    await page.getByTestId('nav-history').click();
    const history = page.locator('[data-testid="history-row"][data-ok="false"]');
    await expect.poll(() => history.count()).toBeGreaterThanOrEqual(sent.rejected);
    for (let i = 0; i < sent.rejected; i++) {
      await history.nth(i).click();
      await check(`history (#${i})`);
    }

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
