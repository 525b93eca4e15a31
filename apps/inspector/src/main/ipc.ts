/**
 * Registers one `ipcMain.handle` per API method. Every call is answered only when it comes from the main
 * window's own page (its `webContents` and the app's origin) and its input passes the method's zod schema
 * (docs/architecture.md, Electron rules); anything else gets a typed `FORBIDDEN` / `INVALID_INPUT` error.
 */
import { API_METHODS, channelOf, type ApiResult } from '../shared/api.js';
import type { ApiHandlers } from './api-handlers.js';

/**
 * What the inspector reads of an `IpcMainInvokeEvent`.
 *
 * @example
 * ```ts
 * const event: IpcInvokeEventLike = { sender: { id: 7 }, senderFrame: { url: 'app://inspector/index.html' } };
 * ```
 */
export interface IpcInvokeEventLike {
  sender: { id: number };
  senderFrame?: { url: string } | null;
}

/**
 * The part of Electron's `ipcMain` the inspector uses.
 *
 * @example
 * ```ts
 * registerIpcHandlers(electron.ipcMain as IpcMainLike, handlers, trusted);
 * ```
 */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

/**
 * Decides whether an IPC call comes from the inspector's own page.
 *
 * @example
 * ```ts
 * const trusted = createSenderCheck(() => mainWindow?.webContents.id, 'app://inspector');
 * ```
 */
export function createSenderCheck(expectedWebContentsId: () => number | undefined, expectedOrigin: string): (event: IpcInvokeEventLike) => boolean {
  return (event) => {
    const id = expectedWebContentsId();
    if (id === undefined || event.sender.id !== id) return false;
    const url = event.senderFrame?.url;
    if (!url) return false;
    try {
      // Compare scheme and host, not URL.origin: for a custom scheme such as app:// Node's origin is "null",
      // which would make every custom-scheme page look alike.
      const actual = new URL(url);
      const expected = new URL(expectedOrigin);
      return actual.protocol === expected.protocol && actual.host === expected.host && actual.host !== '';
    } catch {
      return false;
    }
  };
}

/**
 * Registers the handlers; returns a function that removes them.
 *
 * @example
 * ```ts
 * const unregister = registerIpcHandlers(ipcMain, createApiHandlers(services), trusted);
 * ```
 */
export function registerIpcHandlers(ipcMain: IpcMainLike, handlers: ApiHandlers, isTrusted: (event: IpcInvokeEventLike) => boolean): () => void {
  for (const method of API_METHODS) {
    ipcMain.handle(channelOf(method), async (event, input): Promise<ApiResult<unknown>> => {
      if (!isTrusted(event)) {
        return { ok: false, error: { code: 'FORBIDDEN', message: `${method}: the caller is not the inspector window.` } };
      }
      return handlers[method](input);
    });
  }
  return () => {
    for (const method of API_METHODS) ipcMain.removeHandler(channelOf(method));
  };
}
