/**
 * Builds the `window.auditnotify` object from a transport: one named function per method of
 * {@link API_METHODS}, grouped by namespace. The preload uses it with IPC, browser mode with HTTP.
 */
import type { ApiTransport, AuditNotifyApi } from './api.js';
import { API_METHODS } from './methods.js';

/**
 * Creates the named-method API object over a transport.
 *
 * @example
 * ```ts
 * const api = createApiObject((method, input) => ipcRenderer.invoke(channelOf(method), input));
 * await api.keys.list();
 * ```
 */
export function createApiObject(transport: ApiTransport): AuditNotifyApi {
  const api: Record<string, Record<string, (input?: unknown) => Promise<unknown>>> = {};
  for (const method of API_METHODS) {
    const [namespace, name] = method.split('.') as [string, string];
    const group = (api[namespace] ??= {});
    // Each function names exactly one method: the renderer can never choose a channel (docs/architecture.md, Electron rules).
    group[name] = (input?: unknown) => transport(method, input ?? {});
  }
  return api as unknown as AuditNotifyApi;
}
