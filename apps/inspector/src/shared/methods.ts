/**
 * The one list of inspector API methods. Each method is one IPC channel (`auditnotify:<method>`) in the
 * desktop app and one route (`POST /api/<method>`) of the local bridge server in browser mode
 * (docs/architecture.md, Electron rules: IPC channels in one shared list). This file imports nothing so the preload bundle and
 * the renderer can use it without pulling in schemas.
 *
 * @example
 * ```ts
 * for (const method of API_METHODS) ipcMain.handle(channelOf(method), handler);
 * ```
 */
export const API_METHODS = [
  'app.info',
  'keys.list',
  'keys.generate',
  'keys.import',
  'keys.remove',
  'keys.doctor',
  'compose.sample',
  'compose.validate',
  'sign.compute',
  'send.run',
  'decode.run',
  'receiver.start',
  'receiver.stop',
  'receiver.status',
  'receiver.events',
  'history.list',
  'history.search',
  'history.get',
  'history.resend',
  'history.export',
  'collection.list',
  'collection.save',
  'collection.remove',
  'profiles.list',
  'profiles.create',
  'profiles.update',
  'profiles.remove',
  'profiles.select',
] as const;

/**
 * A method name such as `'keys.list'`.
 *
 * @example
 * ```ts
 * const method: ApiMethod = 'decode.run';
 * ```
 */
export type ApiMethod = (typeof API_METHODS)[number];

/**
 * The namespace part of a method name (`'keys'` for `'keys.list'`).
 *
 * @example
 * ```ts
 * const namespace: ApiNamespace = 'history';
 * ```
 */
export type ApiNamespace = ApiMethod extends `${infer NS}.${string}` ? NS : never;

/**
 * Prefix of every IPC channel, so a stray channel from elsewhere can never match.
 *
 * @example
 * ```ts
 * channel.startsWith(CHANNEL_PREFIX); // true for every inspector channel
 * ```
 */
export const CHANNEL_PREFIX = 'auditnotify:';

/**
 * The IPC channel of a method.
 *
 * @example
 * ```ts
 * channelOf('keys.list'); // 'auditnotify:keys.list'
 * ```
 */
export function channelOf(method: ApiMethod): string {
  return `${CHANNEL_PREFIX}${method}`;
}

/**
 * Type guard for method names arriving from outside (bridge routes, channels).
 *
 * @example
 * ```ts
 * if (!isApiMethod(req.params.method)) return res.status(404).end();
 * ```
 */
export function isApiMethod(value: unknown): value is ApiMethod {
  return typeof value === 'string' && (API_METHODS as readonly string[]).includes(value);
}

/**
 * Route prefix of the browser-mode bridge server: `POST /api/<method>`.
 *
 * @example
 * ```ts
 * fetch(`${BRIDGE_ROUTE_PREFIX}keys.list`, { method: 'POST', headers, body: '{}' });
 * ```
 */
export const BRIDGE_ROUTE_PREFIX = '/api/';

/**
 * Header that carries the per-run bridge token in browser mode.
 *
 * @example
 * ```ts
 * fetch('/api/app.info', { method: 'POST', headers: { 'content-type': 'application/json', [BRIDGE_TOKEN_HEADER]: token }, body: '{}' });
 * ```
 */
export const BRIDGE_TOKEN_HEADER = 'x-auditnotify-token';
