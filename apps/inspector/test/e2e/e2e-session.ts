/**
 * The set-up every Chromium e2e file shares: a browser-mode inspector on an empty data directory, Debian
 * Chromium, the bridge API with the run's token (to import keys as a user would), and a page opened in a
 * chosen language and width once Compose has built its form.
 */
import type { Browser, Page } from 'playwright-core';
import { createHttpBridgeApi } from '../../src/shared/http-bridge-client.js';
import type { AuditNotifyApi } from '../../src/shared/api.js';
import { launchChromium } from './launch-chromium.js';
import { startInspector, type RunningInspector } from './start-inspector.js';

/** A running inspector, its browser and its bridge. */
export interface E2eSession {
  inspector: RunningInspector;
  browser: Browser;
  /** The bridge API with this run's token (the same calls the page makes). */
  api: AuditNotifyApi;
  /** A new page in `lang` at `width` × `height`, resolved once Compose shows its form. */
  openApp(lang?: 'en' | 'zh', width?: number, height?: number): Promise<Page>;
  stop(): Promise<void>;
}

/**
 * Starts the inspector and Chromium.
 *
 * @example
 * let session: E2eSession;
 * beforeAll(async () => (session = await startE2eSession()), 60_000);
 * afterAll(() => session?.stop());
 */
export async function startE2eSession(): Promise<E2eSession> {
  const inspector = await startInspector();
  const browser = await launchChromium();
  const url = new URL(inspector.url);
  const api = createHttpBridgeApi({ baseUrl: url.origin, token: new URLSearchParams(url.hash.slice(1)).get('token') ?? '' });
  return {
    inspector,
    browser,
    api,
    openApp: async (lang = 'en', width = 1280, height = 900) => {
      const page = await browser.newPage({ viewport: { width, height } });
      await page.addInitScript((l) => localStorage.setItem('auditnotify.lang', l), lang);
      await page.goto(inspector.url);
      await page.getByTestId('compose-form').locator('[data-testid="row-out_request_no"]').waitFor();
      return page;
    },
    stop: async () => {
      await browser.close();
      await inspector.stop();
    },
  };
}
