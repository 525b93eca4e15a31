import type { AuditNotifyApi } from '../../shared/api.js';
import { createHttpBridgeApi, readBridgeToken } from '../../shared/http-bridge-client.js';

/**
 * The API the renderer talks to: the preload's `window.auditnotify` inside Electron, else the
 * browser-mode bridge (`POST /api/<method>` with the per-run token from the URL fragment).
 * Either way the renderer only sends ids and bodies; private keys stay behind the API.
 *
 * @example
 * const api = createClient();
 * const { keys } = unwrap(await api.keys.list());
 */
export function createClient(win: Window = window): AuditNotifyApi {
  if (win.auditnotify) return win.auditnotify;
  return createHttpBridgeApi({ token: readBridgeToken(win.location) ?? '' });
}
