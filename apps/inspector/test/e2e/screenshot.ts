import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

const OUT_DIR = fileURLToPath(new URL('../../test-results/', import.meta.url));
const DOCS_DIR = fileURLToPath(new URL('../../../../docs/screenshots/', import.meta.url));

/**
 * Saves a PNG of the page into `apps/inspector/test-results/` (the docs pick the best ones).
 *
 * @example
 * await screenshot(page, 'sign-message');
 */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(OUT_DIR, { recursive: true });
  const path = `${OUT_DIR}${name}.png`;
  await page.screenshot({ path });
  return path;
}

/**
 * Saves a PNG of the viewport as `inspector-<name>.png` (device scale 1): into `docs/screenshots/`, the
 * screenshots docs/inspector.md shows, when `INSPECTOR_DOCS_SCREENSHOTS=1` (retaking them on purpose), else into
 * `apps/inspector/test-results/docs/`, so a test run leaves the repository's files alone.
 *
 * @example
 * await docsScreenshot(page, 'sign-zh-1000');
 */
export async function docsScreenshot(page: Page, name: string): Promise<string> {
  const dir = process.env.INSPECTOR_DOCS_SCREENSHOTS === '1' ? DOCS_DIR : `${OUT_DIR}docs/`;
  mkdirSync(dir, { recursive: true });
  const path = `${dir}inspector-${name}.png`;
  await page.screenshot({ path });
  return path;
}
