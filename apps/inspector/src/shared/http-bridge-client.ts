/**
 * The browser-mode stand-in for the preload API: the same {@link AuditNotifyApi}, over `POST /api/<method>`
 * of the local bridge server, with the per-run token in the `x-auditnotify-token` header.
 */
import type { AuditNotifyApi } from './api.js';
import { createApiObject } from './create-api-object.js';
import { BRIDGE_ROUTE_PREFIX, BRIDGE_TOKEN_HEADER } from './methods.js';
import type { ApiResult } from './result.js';

/**
 * Options of {@link createHttpBridgeApi}.
 *
 * @example
 * ```ts
 * const options: HttpBridgeOptions = { token: readBridgeToken(location) ?? '' };
 * ```
 */
export interface HttpBridgeOptions {
  /** The per-run token (see {@link readBridgeToken}). */
  token: string;
  /** Origin of the bridge server; default: same origin (`''`). */
  baseUrl?: string;
  fetch?: typeof fetch;
}

/**
 * Creates the API object that talks to the bridge server.
 *
 * @example
 * ```ts
 * const api = window.auditnotify ?? createHttpBridgeApi({ token: readBridgeToken(location) ?? '' });
 * ```
 */
export function createHttpBridgeApi(options: HttpBridgeOptions): AuditNotifyApi {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const base = options.baseUrl ?? '';
  return createApiObject(async (method, input): Promise<ApiResult<unknown>> => {
    try {
      const response = await doFetch(`${base}${BRIDGE_ROUTE_PREFIX}${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [BRIDGE_TOKEN_HEADER]: options.token },
        body: JSON.stringify(input ?? {}),
      });
      const json = (await response.json()) as ApiResult<unknown>;
      return json;
    } catch (error) {
      return { ok: false, error: { code: 'NETWORK_ERROR', message: `bridge unreachable: ${String(error)}` } };
    }
  });
}

/**
 * Reads the bridge token from the URL fragment `#token=…` of the page's address: the server never puts it into
 * a page, and a browser never sends a fragment to a server.
 *
 * @example
 * ```ts
 * const token = readBridgeToken(location);
 * ```
 */
export function readBridgeToken(loc: { hash: string }): string | undefined {
  const match = /(?:^#|&)token=([^&]+)/.exec(loc.hash);
  return match?.[1] ? decodeURIComponent(match[1]) : undefined;
}
