/**
 * The parts of the `electron` module the main process uses, as structural types: the real module satisfies
 * them, and tests drive the same wiring with a small fake object (no Electron binary is needed).
 */
import type { IpcMainLike } from './ipc.js';
import type { InspectorWindowOptions } from './window-options.js';

/**
 * A navigation event that can be cancelled.
 *
 * @example
 * ```ts
 * contents.on('will-navigate', (event: PreventableEvent) => event.preventDefault());
 * ```
 */
export interface PreventableEvent {
  preventDefault(): void;
}

/**
 * What the inspector uses of a `WebContents`.
 *
 * @example
 * ```ts
 * const contents: WebContentsLike = window.webContents;
 * contents.setWindowOpenHandler(() => ({ action: 'deny' }));
 * ```
 */
export interface WebContentsLike {
  id: number;
  on(event: 'will-navigate' | 'will-redirect', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/**
 * What the inspector uses of a `BrowserWindow`.
 *
 * @example
 * ```ts
 * const window: BrowserWindowLike = new electron.BrowserWindow(createWindowOptions(preloadPath));
 * ```
 */
export interface BrowserWindowLike {
  webContents: WebContentsLike;
  loadURL(url: string): Promise<void>;
  once(event: 'ready-to-show', listener: () => void): unknown;
  show(): void;
}

/**
 * The `electron` module as the inspector uses it.
 *
 * @example
 * ```ts
 * import * as electron from 'electron';
 * await startElectronApp(electron as unknown as ElectronLike, options);
 * ```
 */
export interface ElectronLike {
  app: {
    whenReady(): Promise<unknown>;
    on(event: 'window-all-closed' | 'will-quit', listener: () => void): unknown;
    on(event: 'web-contents-created', listener: (event: unknown, contents: WebContentsLike) => void): unknown;
    quit(): void;
    getPath(name: 'userData'): string;
    getVersion(): string;
    getLocale(): string;
  };
  BrowserWindow: new (options: InspectorWindowOptions) => BrowserWindowLike;
  /** Opens a documentation link in the system browser (only WeChat Pay's documentation: see `lockDown`). */
  shell: { openExternal(url: string): Promise<void> };
  ipcMain: IpcMainLike;
  protocol: {
    registerSchemesAsPrivileged(schemes: { scheme: string; privileges: Record<string, boolean> }[]): void;
    handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void;
  };
  session: {
    defaultSession: {
      webRequest: {
        onHeadersReceived(
          listener: (
            details: { responseHeaders?: Record<string, string[] | string> },
            callback: (response: { responseHeaders: Record<string, string[] | string> }) => void,
          ) => void,
        ): void;
      };
      setPermissionRequestHandler(handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
    };
  };
}
