/**
 * The Content-Security-Policy of the inspector's pages, set as a response header both by the desktop app's
 * `app://` protocol and by the browser-mode server: scripts and styles only from the app itself, no inline
 * script, no eval, no remote anything (docs/architecture.md, Electron rules: strict CSP). `connect-src 'self'` lets the
 * browser-mode page call its bridge server; the desktop app talks over IPC only.
 *
 * @example
 * ```ts
 * response.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
 * ```
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/**
 * Scheme and host the desktop app serves the renderer from (`app://inspector/index.html`).
 *
 * @example
 * ```ts
 * protocol.handle(APP_SCHEME, (request) => serveRenderer(rendererDir, request.url));
 * ```
 */
export const APP_SCHEME = 'app';
/**
 * See {@link APP_SCHEME}.
 *
 * @example
 * ```ts
 * new URL('app://inspector/index.html').host === APP_HOST; // true
 * ```
 */
export const APP_HOST = 'inspector';
/**
 * Origin of the desktop app's pages: the only origin whose IPC calls are answered.
 *
 * @example
 * ```ts
 * createSenderCheck(() => window.webContents.id, APP_ORIGIN);
 * ```
 */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
