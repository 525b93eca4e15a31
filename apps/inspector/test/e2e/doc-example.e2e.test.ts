/**
 * "The documentation's example" is a link in Compose and Decode that shows what it is: a dialog with the
 * example request of WeChat Pay's page 资料更新请求审核结果回调通知, verbatim, and links to the pages it cites,
 * which open outside the app (a new browsing context, no opener).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2eSession, type E2eSession } from './e2e-session.js';

let session: E2eSession;

beforeAll(async () => {
  session = await startE2eSession();
}, 60_000);

afterAll(() => session?.stop());

const NOTIFY_PATH = '/v3/aggracct-bc/wb-channel/control-orders/info/update/result/notify';

describe('the documentation’s example (Debian Chromium)', { timeout: 120_000 }, () => {
  it('opens from Compose with the example request verbatim, the document it comes from, and the cited pages', async () => {
    const page = await session.openApp('en', 1000, 900);
    const sample = await session.api.compose.sample({});
    if (!sample.ok) throw new Error(sample.error.message);

    await page.getByTestId('compose-doc-example').click();
    const dialog = page.getByTestId('doc-example');
    await dialog.waitFor();
    expect(await dialog.getByTestId('doc-example-document').textContent()).toBe('资料更新请求审核结果回调通知');
    expect(await dialog.getByTestId('doc-example-request').textContent()).toBe(`POST ${NOTIFY_PATH}`);
    await expect.poll(() => dialog.getByTestId('doc-example-curl').textContent()).toBe(sample.data.curlExample);
    expect(sample.data.curlExample).toContain(NOTIFY_PATH);
    expect(await dialog.getByTestId('doc-example-body').textContent()).toBe(sample.data.text);
    expect(await dialog.getByTestId('doc-example-source').textContent()).toContain('2025.09.15');

    const links = await dialog.getByTestId('doc-example-links').locator('a').evaluateAll((els) =>
      els.map((a) => ({ href: a.getAttribute('href'), target: a.getAttribute('target'), rel: a.getAttribute('rel'), text: a.textContent })),
    );
    expect(links.map((l) => l.href)).toEqual([
      'https://pay.weixin.qq.com/doc/v3/merchant/4013070756',
      'https://pay.weixin.qq.com/doc/v3/merchant/4013053053',
      'https://pay.weixin.qq.com/doc/v3/merchant/4013038816',
    ]);
    for (const link of links) {
      expect(link.target).toBe('_blank');
      expect(link.rel).toBe('noopener noreferrer');
      expect(link.text).toMatch(/\S/);
    }

    // Escape closes it, and the app stayed where it was.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(new URL(page.url()).pathname).toBe('/');
    await page.close();
  });

  it('opens from Decode too, in Chinese', async () => {
    const page = await session.openApp('zh', 1600, 900);
    await page.getByTestId('nav-decode').click();
    expect(await page.getByTestId('decode-doc-example').textContent()).toBe('什么是文档示例?');
    await page.getByTestId('decode-doc-example').click();
    const dialog = page.getByTestId('doc-example');
    await dialog.waitFor();
    expect(await dialog.getAttribute('aria-label')).toBe('文档示例');
    expect(await dialog.getByTestId('doc-example-source').textContent()).toContain('更新于 2025.09.15');
    expect(await dialog.getByTestId('doc-example-links').textContent()).toContain('商户 API 证书序列号');
    await dialog.getByTestId('doc-example-close').click();
    await dialog.waitFor({ state: 'detached' });
    await page.close();
  });
});
