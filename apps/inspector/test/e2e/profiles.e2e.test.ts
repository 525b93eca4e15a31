/**
 * Profiles in Debian Chromium: the header switcher and the profile manager create a profile (refusing a taken
 * name and a bad mchid with messages in the UI language), switching fills Send, a send to the local receiver is
 * accepted, a key of a production profile and a chosen production profile ask first (the backend guard), the
 * pinned port is where the receiver listens after Stop/Start, a taken port is shown as a typed error, and a
 * profile is removed only after a confirmation. Screenshots of the manager in both languages at 1000 and 1600 px.
 */
import { createServer, type Server } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './screenshot.js';
import { startE2eSession, type E2eSession } from './e2e-session.js';

let session: E2eSession;
const blockers: Server[] = [];

beforeAll(async () => {
  session = await startE2eSession();
}, 60_000);

afterAll(async () => {
  for (const blocker of blockers) await new Promise((resolve) => blocker.close(resolve));
  await session?.stop();
});

/** A port held by another program on 127.0.0.1 until the file ends (`keep`), or released at once (a free port). */
async function port(keep: boolean): Promise<number> {
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const number = (blocker.address() as { port: number }).port;
  if (keep) blockers.push(blocker);
  else await new Promise((resolve) => blocker.close(resolve));
  return number;
}

async function restartReceiver(page: Page): Promise<void> {
  await page.getByTestId('nav-receiver').click();
  await page.getByTestId('receiver-toggle').click();
  await page.getByTestId('receiver-url').filter({ hasText: '—' }).waitFor();
  await page.getByTestId('receiver-toggle').click();
}

async function selectedProfile(page: Page): Promise<string> {
  return page.getByTestId('profile-select').evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.textContent ?? '');
}

describe('profiles (Debian Chromium)', { timeout: 180_000 }, () => {
  it('creates, switches, sends, asks for production, pins the port and removes', async () => {
    const page = await session.openApp('en', 1280, 900);
    expect(await selectedProfile(page)).toBe('Local');
    const pinned = await port(false);

    // Create "Sandbox": a taken name and a bad mchid are refused first, in the UI language.
    await page.getByTestId('profile-manage').click();
    await page.getByTestId('profile-new').click();
    await page.getByTestId('profile-name').fill('local');
    await page.getByTestId('profile-save').click();
    const error = page.getByTestId('profile-error');
    await error.waitFor();
    expect(await error.getAttribute('data-code')).toBe('PROFILE_NAME_TAKEN');
    expect(await error.textContent()).toContain('A profile named “Local” exists already');
    await page.getByTestId('lang-zh').click();
    expect(await error.textContent()).toContain('已有名为“Local”的配置');
    await page.getByTestId('lang-en').click();
    await page.getByTestId('profile-name').fill('Sandbox');
    await page.getByTestId('profile-mchid').fill('19000x');
    await page.getByTestId('profile-save').click();
    await error.filter({ hasText: '19000x' }).waitFor();
    expect(await error.getAttribute('data-code')).toBe('PROFILE_INVALID_MCHID');
    await page.getByTestId('profile-mchid').fill('1900016681');
    await page.getByTestId('profile-port').fill(String(pinned));
    await page.getByTestId('profile-sender-key').selectOption({ index: 1 });
    await page.getByTestId('profile-save').click();
    await page.getByTestId('profile-saved').waitFor();
    expect(await page.getByTestId('profile-error').count()).toBe(0);
    expect(await selectedProfile(page)).toBe('Sandbox');

    for (const lang of ['en', 'zh'] as const) {
      await page.getByTestId(`lang-${lang}`).click();
      for (const width of [1000, 1600]) {
        await page.setViewportSize({ width, height: 760 });
        await screenshot(page, `inspector-profiles-${lang}-${width}`);
      }
    }
    await page.getByTestId('lang-en').click();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByTestId('profile-close').click();

    // The pinned port: the receiver listens there after Stop/Start.
    await restartReceiver(page);
    await page.getByTestId('receiver-url').filter({ hasText: `127.0.0.1:${pinned}/` }).waitFor();
    expect(await page.getByTestId('header-receiver').textContent()).toContain(`:${pinned}`);

    // Sandbox sends to the local receiver without asking.
    await page.getByTestId('nav-send').click();
    expect(await page.getByTestId('send-target-local').getAttribute('class')).toContain('active');
    await page.getByTestId('send-run').click();
    await page.getByTestId('send-verdict').waitFor();
    expect(await page.getByTestId('send-verdict').getAttribute('data-kind')).toBe('accepted');
    expect(await page.getByTestId('send-confirm-production').count()).toBe(0);

    // "Production" gets the same sender key: now that key asks first, even towards the local receiver.
    await page.getByTestId('profile-manage').click();
    await page.getByTestId('profile-item-Production').click();
    await page.getByTestId('profile-sender-key').selectOption({ index: 1 });
    await page.getByTestId('profile-save').click();
    await page.getByTestId('profile-saved').waitFor();
    await page.getByTestId('profile-close').click();
    await page.getByTestId('send-run').click();
    const confirm = page.getByTestId('send-confirm-production');
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('a key of a production profile');
    expect(await confirm.textContent()).toContain(`127.0.0.1:${pinned}`);
    await page.getByTestId('send-confirm-yes').click();
    await page.getByTestId('send-verdict').waitFor();
    expect(await page.getByTestId('send-verdict').getAttribute('data-kind')).toBe('accepted');

    // Choosing "Production" from the header sets its target (the primary host) and marks the header.
    await page.getByTestId('profile-select').selectOption({ label: 'Production' });
    await page.getByTestId('header-production').waitFor();
    await page.locator('[data-testid="send-target-primary"].active').waitFor();
    await page.getByTestId('send-run').click();
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('api.mch.weixin.qq.com');
    await page.getByTestId('send-confirm-no').click();
    await confirm.waitFor({ state: 'detached' });

    // The chosen profile survives a reload (the backend keeps it).
    await page.reload();
    await page.getByTestId('profile-select').waitFor();
    await page.getByTestId('header-production').waitFor();
    expect(await selectedProfile(page)).toBe('Production');
    await page.getByTestId('profile-select').selectOption({ label: 'Sandbox' });
    await page.getByTestId('header-production').waitFor({ state: 'detached' });

    // A pinned port another program holds: a typed error in the Receiver pane, not a crash.
    const taken = await port(true);
    await page.getByTestId('profile-manage').click();
    await page.getByTestId('profile-port').fill(String(taken));
    await page.getByTestId('profile-save').click();
    await page.getByTestId('profile-saved').waitFor();
    await page.getByTestId('profile-close').click();
    await restartReceiver(page);
    const receiverError = page.getByTestId('receiver-error');
    await receiverError.waitFor();
    expect(await receiverError.getAttribute('data-code')).toBe('RECEIVER_PORT_IN_USE');
    expect(await receiverError.textContent()).toContain(`Port ${taken} is in use`);
    expect(await page.getByTestId('receiver-running').textContent()).toBe('stopped');

    // Removing asks first; Cancel keeps the profile, yes removes it.
    await page.getByTestId('profile-manage').click();
    await page.getByTestId('profile-remove').click();
    await page.getByTestId('profile-confirm-remove').waitFor();
    await page.getByTestId('profile-remove-no').click();
    expect(await page.getByTestId('profile-item-Sandbox').count()).toBe(1);
    await page.getByTestId('profile-remove').click();
    await page.getByTestId('profile-remove-yes').click();
    await page.getByTestId('profile-item-Sandbox').waitFor({ state: 'detached' });
    await page.keyboard.press('Escape');
    await page.getByTestId('profile-manager').waitFor({ state: 'detached' });
    const names = await page.getByTestId('profile-select').locator('option').allTextContents();
    expect(names).toEqual(['Local', 'Production']);
    await page.close();
  });
});
