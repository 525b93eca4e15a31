import type { Page } from 'playwright-core';

// Plain JavaScript run inside the page. It is kept as text so the TypeScript runner's helpers (e.g. the
// `__name` that keeps function names) never leak into the page, where they do not exist.
const SCRIPT = `async (requestNo) => {
  const $ = (testId) => document.querySelector('[data-testid="' + testId + '"]');
  // Poll once per frame: a state counts as seen when it has been painted.
  const until = (ready) => new Promise((resolve) => {
    const check = () => (ready() ? resolve() : requestAnimationFrame(check));
    check();
  });
  const t0 = performance.now();
  const input = $('field-out_request_no');
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(input, requestNo);
  input.dispatchEvent(new Event('input', { bubbles: true }));
  await until(() => ($('compose-raw')?.value ?? '').includes(requestNo));
  $('nav-sign').click();
  $('sign-run').click();
  await until(() => ($('msg-part-body')?.textContent ?? '').includes(requestNo));
  const t1 = performance.now();
  $('sign-to-send').click();
  $('send-run').click();
  await until(() => {
    const result = $('exchange-result');
    return Boolean(result && result.textContent.includes(requestNo) && result.querySelector('[data-testid="send-verdict"][data-kind="accepted"]'));
  });
  const t2 = performance.now();
  $('nav-compose').click();
  return [t1 - t0, t2 - t0];
}`;

/**
 * One compose → sign → send → verified round trip performed inside the page with DOM events (what a
 * user's clicks do), timed with the page's own clock, so no browser-automation latency is counted.
 * Returns [ms until the Sign pane shows the new message, ms until the accepted verdict shows].
 *
 * @example
 * const [signedMs, verifiedMs] = await inPageRoundTrip(page, 'bench-0001');
 */
export async function inPageRoundTrip(page: Page, id: string): Promise<[number, number]> {
  return (await page.evaluate(`(${SCRIPT})(${JSON.stringify(id)})`)) as [number, number];
}
