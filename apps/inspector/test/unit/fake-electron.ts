/**
 * A small stand-in for the `electron` module (no Electron binary exists on the build machines): it records
 * what the main process asks of it, so the tests can read the window options back, call the IPC handlers as
 * a given sender, and fire navigation events.
 */
import type { BrowserWindowLike, ElectronLike, PreventableEvent, WebContentsLike } from '../../src/main/electron-types.js';
import type { IpcInvokeEventLike } from '../../src/main/ipc.js';
import type { InspectorWindowOptions } from '../../src/main/window-options.js';

type Listener = (...args: never[]) => unknown;

/** A fake `WebContents` that keeps its listeners. */
export class FakeWebContents implements WebContentsLike {
  readonly listeners = new Map<string, Listener[]>();
  windowOpenHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;
  constructor(readonly id: number) {}
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.windowOpenHandler = handler;
  }
  /** Fires a navigation event; true when some listener prevented it. */
  navigate(event: 'will-navigate' | 'will-redirect', url: string): boolean {
    let prevented = false;
    const e: PreventableEvent = { preventDefault: () => void (prevented = true) };
    for (const listener of this.listeners.get(event) ?? []) (listener as (e: PreventableEvent, url: string) => void)(e, url);
    return prevented;
  }
}

/** Everything the fake recorded. */
export interface FakeElectron extends ElectronLike {
  windows: { options: InspectorWindowOptions; window: BrowserWindowLike & { loaded: string[]; webContents: FakeWebContents } }[];
  ipcHandlers: Map<string, (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown>>;
  schemes: { scheme: string; privileges: Record<string, boolean> }[];
  protocolHandlers: Map<string, (request: Request) => Response | Promise<Response>>;
  headerListener: ((details: { responseHeaders?: Record<string, string[] | string> }, callback: (r: { responseHeaders: Record<string, string[] | string> }) => void) => void) | undefined;
  permissionHandler: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | undefined;
  appListeners: Map<string, Listener[]>;
  /** URLs handed to `shell.openExternal`. */
  opened: string[];
  /** Resolves with the first URL a window loads. */
  firstLoad: Promise<string>;
  /** Fires an app event such as `will-quit`. */
  emit(event: string): void;
}

/**
 * Creates the fake module.
 *
 * @example
 * ```ts
 * const electron = createFakeElectron(dataDir);
 * await startElectronApp(electron, { preloadPath, rendererDir });
 * electron.windows[0]?.options.webPreferences.sandbox; // true
 * ```
 */
export function createFakeElectron(userData: string, webContentsId = 7): FakeElectron {
  let loaded: (url: string) => void = () => undefined;
  const fake: FakeElectron = {
    firstLoad: new Promise<string>((resolve) => (loaded = resolve)),
    emit(event) {
      for (const listener of fake.appListeners.get(event) ?? []) (listener as () => void)();
    },
    windows: [],
    ipcHandlers: new Map(),
    schemes: [],
    protocolHandlers: new Map(),
    headerListener: undefined,
    permissionHandler: undefined,
    appListeners: new Map(),
    opened: [],
    shell: {
      openExternal(url) {
        fake.opened.push(url);
        return Promise.resolve();
      },
    },
    app: {
      whenReady: () => Promise.resolve(),
      on(event: string, listener: Listener) {
        fake.appListeners.set(event, [...(fake.appListeners.get(event) ?? []), listener]);
        return fake.app;
      },
      quit: () => undefined,
      getPath: () => userData,
      getVersion: () => '0.1.0-test',
      getLocale: () => 'zh-CN',
    },
    BrowserWindow: class {
      readonly webContents = new FakeWebContents(webContentsId);
      readonly loaded: string[] = [];
      constructor(options: InspectorWindowOptions) {
        fake.windows.push({ options, window: this });
        for (const listener of fake.appListeners.get('web-contents-created') ?? []) {
          (listener as (e: unknown, c: WebContentsLike) => void)({}, this.webContents);
        }
      }
      loadURL(url: string): Promise<void> {
        this.loaded.push(url);
        loaded(url);
        return Promise.resolve();
      }
      once(): this {
        return this;
      }
      show(): void {}
    },
    ipcMain: {
      handle(channel, listener) {
        if (fake.ipcHandlers.has(channel)) throw new Error(`second handler for ${channel}`);
        fake.ipcHandlers.set(channel, listener);
      },
      removeHandler(channel) {
        fake.ipcHandlers.delete(channel);
      },
    },
    protocol: {
      registerSchemesAsPrivileged(schemes) {
        fake.schemes.push(...schemes);
      },
      handle(scheme, handler) {
        fake.protocolHandlers.set(scheme, handler);
      },
    },
    session: {
      defaultSession: {
        webRequest: {
          onHeadersReceived(listener) {
            fake.headerListener = listener;
          },
        },
        setPermissionRequestHandler(handler) {
          fake.permissionHandler = handler;
        },
      },
    },
  };
  return fake;
}
