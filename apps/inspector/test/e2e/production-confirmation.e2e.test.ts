/**
 * The production confirmation in Debian Chromium: Send to the primary or backup WeChat Pay host, or to a
 * custom URL on one of them, asks first and sends nothing until the user says yes; the local receiver does
 * not ask. History asks before every re-send, naming where it goes; Cancel there sends nothing either. (The "yes" path is covered against a stand-in host in test/unit/production-confirmation.test.ts,
 * so no test sends to WeChat Pay.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './screenshot.js';
import { startE2eSession, type E2eSession } from './e2e-session.js';

let session: E2eSession;

beforeAll(async () => {
  session = await startE2eSession();
}, 60_000);

afterAll(() => session?.stop());

async function historyCount(): Promise<number> {
  const listed = await session.api.history.list({ limit: 100 });
  if (!listed.ok) throw new Error(listed.error.message);
  return listed.data.entries.length;
}

describe('sending to WeChat Pay asks first (Debian Chromium)', { timeout: 120_000 }, () => {
  it('asks before the primary host, the backup host and a custom URL on them; Cancel sends nothing', async () => {
    const page = await session.openApp('en', 1280, 900);
    await page.getByTestId('nav-send').click();
    const before = await historyCount();

    await page.getByTestId('send-target-primary').click();
    await page.getByTestId('send-run').click();
    const confirm = page.getByTestId('send-confirm-production');
    expect(await confirm.textContent()).toContain('api.mch.weixin.qq.com');
    for (const lang of ['en', 'zh'] as const) {
      await page.getByTestId(`lang-${lang}`).click();
      for (const width of [1000, 1600]) {
        await page.setViewportSize({ width, height: 700 });
        await screenshot(page, `send-confirm-production-${lang}-${width}`);
      }
    }
    await page.getByTestId('lang-en').click();
    await page.getByTestId('send-confirm-no').click();
    await confirm.waitFor({ state: 'detached' });

    await page.getByTestId('send-target-backup').click();
    await page.getByTestId('send-run').click();
    expect(await confirm.textContent()).toContain('api2.mch.weixin.qq.com');
    // Choosing another target withdraws the question.
    await page.locator('button[data-testid="send-target-url"]').click();
    await confirm.waitFor({ state: 'detached' });
    await page.getByTestId('send-url').fill('https://API.mch.weixin.qq.com/v3/aggracct-bc/wb-channel/control-orders/info/update/result/notify');
    await page.getByTestId('send-run').click();
    await confirm.waitFor();
    await page.getByTestId('send-confirm-no').click();

    expect(await page.getByTestId('send-verdict').count()).toBe(0);
    expect(await historyCount()).toBe(before);
  });

  it('sends to the local receiver without asking', async () => {
    const page = await session.openApp('en', 1280, 900);
    await page.getByTestId('nav-send').click();
    await page.getByTestId('send-target-local').click();
    await page.getByTestId('send-run').click();
    await page.getByTestId('send-verdict').waitFor();
    expect(await page.getByTestId('send-confirm-production').count()).toBe(0);
    expect(await page.getByTestId('send-verdict').getAttribute('data-kind')).toBe('accepted');
  });

  it('asks before History re-sends an exchange; Cancel sends nothing, yes sends it once', async () => {
    const page = await session.openApp('en', 1280, 900);
    await page.getByTestId('field-out_request_no').fill('e2e-resend-0001');
    await page.getByTestId('nav-send').click();
    await page.getByTestId('send-target-local').click();
    await page.getByTestId('send-run').click();
    await page.locator('[data-testid="send-verdict"][data-kind="accepted"]').waitFor();
    await page.getByTestId('nav-history').click();
    await page.getByTestId('history-search').fill('e2e-resend-0001');
    await page.locator('[data-testid="history-row"]', { hasText: 'e2e-resend-0001' }).first().click();
    const sent = async () => {
      const found = await session.api.history.search({ query: 'e2e-resend-0001', direction: 'sent' });
      if (!found.ok) throw new Error(found.error.message);
      return found.data.total;
    };
    const before = await sent();
    expect(before).toBe(1);

    await page.getByTestId('history-resend').click();
    const confirm = page.getByTestId('history-confirm-resend');
    await confirm.waitFor();
    const status = await session.api.receiver.status();
    if (!status.ok) throw new Error(status.error.message);
    expect(await page.getByTestId('history-confirm-host').textContent()).toBe(status.data.url);
    expect(await confirm.getAttribute('data-production')).toBe('false');
    await page.getByTestId('history-confirm-no').click();
    await confirm.waitFor({ state: 'detached' });
    expect(await page.getByTestId('history-pane').locator('[data-testid="send-verdict"]').count()).toBe(0);
    expect(await sent()).toBe(before);

    await page.getByTestId('history-resend').click();
    await page.getByTestId('history-confirm-yes').click();
    await page.getByTestId('history-pane').locator('[data-testid="send-verdict"][data-kind="accepted"]').waitFor();
    await confirm.waitFor({ state: 'detached' });
    expect(await sent()).toBe(before + 1);
  });
});
