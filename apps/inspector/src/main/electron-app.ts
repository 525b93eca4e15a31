/**
 * The desktop app's main-process wiring: the `app://inspector` protocol serving the built renderer with the
 * strict CSP, one locked-down window (see {@link createWindowOptions}), navigation and new windows denied,
 * permissions denied, and the IPC handlers answering only the window's own page.
 */
import { APP_HOST, APP_ORIGIN, APP_SCHEME, CONTENT_SECURITY_POLICY } from '../shared/csp.js';
import { createApiHandlers } from './api-handlers.js';
import type { BrowserWindowLike, ElectronLike, WebContentsLike } from './electron-types.js';
import { createSenderCheck, registerIpcHandlers } from './ipc.js';
import { readRendererFile } from './renderer-files.js';
import { createServices, type Services } from './services/create-services.js';
import { createWindowOptions } from './window-options.js';

/**
 * Where the built parts are.
 *
 * @example
 * ```ts
 * const options: ElectronAppOptions = { preloadPath: join(__dirname, '../preload/preload.cjs'), rendererDir: join(__dirname, '../renderer') };
 * ```
 */
export interface ElectronAppOptions {
  preloadPath: string;
  rendererDir: string;
  /** The built key worker (`dist/main/key-worker.cjs`), see `ServicesOptions.keyWorkerScript`. */
  keyWorkerScript?: string;
  /** Overrides `app.getPath('userData')` (tests). */
  dataDir?: string;
}

/**
 * What {@link startElectronApp} resolves to once the window is loading.
 *
 * @example
 * ```ts
 * const { window, services }: ElectronAppHandle = await startElectronApp(electron, options);
 * ```
 */
export interface ElectronAppHandle {
  window: BrowserWindowLike;
  services: Services;
}

/**
 * The page the window opens.
 *
 * @example
 * ```ts
 * await window.loadURL(START_URL); // 'app://inspector/index.html'
 * ```
 */
export const START_URL = `${APP_ORIGIN}/index.html`;

/**
 * Starts the desktop app. Call once, synchronously at start-up (the `app://` scheme must be registered
 * before the app is ready).
 *
 * @example
 * ```ts
 * import * as electron from 'electron';
 * void startElectronApp(electron as unknown as ElectronLike, { preloadPath, rendererDir });
 * ```
 */
export async function startElectronApp(electron: ElectronLike, options: ElectronAppOptions): Promise<ElectronAppHandle> {
  const { app, protocol, session, ipcMain, BrowserWindow, shell } = electron;
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true } }]);
  app.on('web-contents-created', (_event, contents) => lockDown(contents, (url) => void shell.openExternal(url)));
  app.on('window-all-closed', () => app.quit());

  await app.whenReady();
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  // The inspector needs no camera, notifications, geolocation...: deny every permission request.
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  protocol.handle(APP_SCHEME, (request) => serveRenderer(options.rendererDir, request.url));

  const services = createServices({
    dataDir: options.dataDir ?? app.getPath('userData'),
    mode: 'electron',
    version: app.getVersion(),
    locale: app.getLocale(),
    seedKeys: true,
    ...(options.keyWorkerScript ? { keyWorkerScript: options.keyWorkerScript } : {}),
  });
  await services.startReceiver();
  app.on('will-quit', () => void services.close());

  const window = new BrowserWindow(createWindowOptions(options.preloadPath));
  registerIpcHandlers(ipcMain, createApiHandlers(services), createSenderCheck(() => window.webContents.id, APP_ORIGIN));
  window.once('ready-to-show', () => window.show());
  await window.loadURL(START_URL);
  return { window, services };
}

/**
 * Denies every navigation away from the app's own pages, every new window and every `<webview>`. A link to
 * WeChat Pay's documentation (`https://pay.weixin.qq.com/…`, the pages the documentation's example cites) is
 * handed to `openExternal` (the system browser) instead; the app window never navigates.
 *
 * @example
 * ```ts
 * app.on('web-contents-created', (_e, contents) => lockDown(contents, (url) => void shell.openExternal(url)));
 * ```
 */
export function lockDown(contents: WebContentsLike, openExternal: (url: string) => void): void {
  const stay = (event: { preventDefault(): void }, url: string): void => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    if (isWeChatPayDocumentationUrl(url)) openExternal(url);
  };
  contents.on('will-navigate', stay);
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isWeChatPayDocumentationUrl(url)) openExternal(url);
    return { action: 'deny' };
  });
}

/**
 * Whether a URL is a page of WeChat Pay's documentation site, the only place a link may open outside the app.
 *
 * @example
 * ```ts
 * isWeChatPayDocumentationUrl('https://pay.weixin.qq.com/doc/v3/merchant/4013070756'); // true
 * isWeChatPayDocumentationUrl('https://pay.weixin.qq.com.evil.example/'); // false
 * ```
 */
export function isWeChatPayDocumentationUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && parsed.host === 'pay.weixin.qq.com' && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}

function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/**
 * Answers an `app://inspector/...` request from the built renderer, with the CSP header.
 *
 * @example
 * ```ts
 * protocol.handle('app', (request) => serveRenderer(rendererDir, request.url));
 * ```
 */
export function serveRenderer(rendererDir: string, url: string): Response {
  const headers = { 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Content-Type-Options': 'nosniff' };
  if (!isAppUrl(url)) return new Response('Not found', { status: 404, headers });
  const file = readRendererFile(rendererDir, new URL(url).pathname);
  if (!file) return new Response('Not found', { status: 404, headers });
  return new Response(new Uint8Array(file.body), { status: 200, headers: { ...headers, 'Content-Type': file.contentType } });
}
