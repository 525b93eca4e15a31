/**
 * The screenshots of docs/inspector.md: every pane, with results on it, in English and Chinese at 1000 px and
 * 1600 px, written to `docs/screenshots/inspector-<pane>-<en|zh>-<1000|1600>.png`. At each size the layout
 * defects once seen at 1000 px are checked on element boxes: the Format select shows its whole text, the Decode
 * verdict is not wrapped a word per line, and the times, durations and result pills of History and Receiver stay on one line.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docsScreenshot } from './screenshot.js';
import { startE2eSession, type E2eSession } from './e2e-session.js';

let session: E2eSession;

beforeAll(async () => {
  session = await startE2eSession();
}, 60_000);

afterAll(() => session?.stop());

const PANES = ['keys', 'compose', 'sign', 'send', 'decode', 'receiver', 'history', 'collection'] as const;

/** Puts results on every pane: an accepted and a refused send, a decoded request, a saved request, key doctor findings. */
async function fillPanes(page: Page): Promise<void> {
  await page.getByTestId('nav-compose').click();
  await page.getByTestId('field-out_request_no').fill('docs-stale-0001');
  await page.getByTestId('nav-sign').click();
  await page.getByTestId('sign-timestamp').fill(String(Math.floor(Date.now() / 1000) - 600));
  await page.getByTestId('nav-send').click();
  await page.getByTestId('send-run').click();
  await page.locator('[data-testid="send-verdict"]').waitFor();
  await page.getByTestId('nav-compose').click();
  await page.getByTestId('field-out_request_no').fill('docs-accepted-0002');
  await page.getByTestId('nav-sign').click();
  await page.getByTestId('sign-timestamp').fill('');
  await page.getByTestId('nav-send').click();
  await page.getByTestId('send-run').click();
  await page.locator('[data-testid="send-verdict"][data-kind="accepted"]').waitFor();
  await page.getByTestId('nav-compose').click();
  await page.getByTestId('save-name').fill('Accepted REJECT');
  await page.getByTestId('save-run').click();
  await page.getByTestId('save-result').waitFor();
  await page.getByTestId('nav-receiver').click();
  await page.locator('[data-testid="receiver-event"][data-outcome="rejected"]').first().getByTestId('receiver-open-decode').click();
  await page.getByTestId('decode-verdict').waitFor();
  await page.getByTestId('nav-keys').click();
  await page.getByTestId('key-doctor-run').first().click();
  await page.getByTestId('key-row-findings').waitFor();
  await page.getByTestId('nav-history').click();
  await page.getByTestId('history-row').first().click();
}

/** The layout defects once seen at 1000 px, measured on element boxes of the page as it is. */
async function layoutProblems(page: Page): Promise<string[]> {
  const problems: string[] = [];
  await page.getByTestId('nav-compose').click();
  const select = await page.getByTestId('compose-format').evaluate((el: HTMLSelectElement) => {
    // The selected option's text, in the select's font, against the room inside its box (padding and arrow off).
    const style = getComputedStyle(el);
    const ctx = document.createElement('canvas').getContext('2d')!;
    ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const text = ctx.measureText(el.selectedOptions[0]?.textContent ?? '').width;
    const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const card = el.closest('.card')?.getBoundingClientRect();
    const box = el.getBoundingClientRect();
    return { text, room, inside: !card || box.right <= card.right + 0.5 };
  });
  if (select.text > select.room || !select.inside) problems.push(`Format select clipped: text ${select.text.toFixed(0)} px, room ${select.room.toFixed(0)} px`);
  await page.getByTestId('nav-decode').click();
  const verdict = await page.locator('[data-testid="decode-verdict"] .detail').evaluate((el) => {
    const words = (el.textContent ?? '').trim().split(/\s+/).length;
    const line = parseFloat(getComputedStyle(el).lineHeight) || parseFloat(getComputedStyle(el).fontSize) * 1.4;
    return { width: el.getBoundingClientRect().width, lines: Math.round(el.getBoundingClientRect().height / line), words };
  });
  if (verdict.width < 200 || (verdict.words > 2 && verdict.lines >= verdict.words)) problems.push(`Decode verdict wraps: ${verdict.lines} lines for ${verdict.words} words, ${verdict.width.toFixed(0)} px wide`);
  // History's and Receiver's times and durations, and the result pills, each on one line.
  const cells = [
    ['history', '[data-testid="history-row"] td:first-child, [data-testid="history-row"] td:last-child, [data-testid="history-row"] .pill'],
    ['receiver', '[data-testid="receiver-event"] td:first-child, [data-testid="receiver-event"] .pill'],
  ] as const;
  for (const [pane, selector] of cells) {
    await page.getByTestId(`nav-${pane}`).click();
    const times = await page.locator(selector).evaluateAll((cells) =>
    cells.map((td) => {
      const range = document.createRange();
      range.selectNodeContents(td);
      return { text: td.textContent ?? '', lines: new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size };
    }),
    );
    for (const time of times) if (time.text.trim() && time.lines !== 1) problems.push(`${pane}: "${time.text}" on ${time.lines} lines`);
  }
  return problems;
}

describe('pane screenshots for docs/inspector.md (Debian Chromium)', { timeout: 240_000 }, () => {
  it('shows every pane in English and Chinese at 1000 px and 1600 px, with no layout defect at either width', async () => {
    const page = await session.openApp('en', 1600, 1000);
    await fillPanes(page);
    const problems: Record<string, string[]> = {};
    for (const lang of ['en', 'zh'] as const) {
      await page.getByTestId(`lang-${lang}`).click();
      for (const width of [1000, 1600]) {
        await page.setViewportSize({ width, height: 1000 });
        const found = await layoutProblems(page);
        if (found.length > 0) problems[`${lang} ${width}`] = found;
        for (const pane of PANES) {
          await page.getByTestId(`nav-${pane}`).click();
          await page.getByTestId(`${pane}-pane`).waitFor();
          await docsScreenshot(page, `${pane}-${lang}-${width}`);
        }
        await page.getByTestId('profile-manage').click();
        await page.getByTestId('profile-manager').waitFor();
        await docsScreenshot(page, `profiles-${lang}-${width}`);
        await page.getByTestId('profile-close').click();
        await page.getByTestId('profile-manager').waitFor({ state: 'detached' });
      }
    }
    expect(problems).toEqual({});
    await page.close();
  });
});
