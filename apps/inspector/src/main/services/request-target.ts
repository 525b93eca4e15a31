/**
 * URL helpers: what part of a URL is signed (protocol.md §3: path plus `?query` exactly as sent, host
 * excluded, never re-encoded) and where the send targets point.
 */
import { BACKUP_HOST, NOTIFY_PATH, PRIMARY_HOST } from '@auditnotify/core';
import type { SendTarget } from '../../shared/api.js';
import { isWechatPayUrl } from '../../shared/wechatpay-host.js';
import { fail } from './errors.js';

/**
 * The canonical URL of a path or absolute URL: the raw path + query, fragment dropped, nothing re-encoded.
 *
 * @example
 * ```ts
 * canonicalUrl('https://api.mch.weixin.qq.com/v3/x?a=1#f'); // '/v3/x?a=1'
 * ```
 */
export function canonicalUrl(url: string | undefined): string {
  if (url === undefined || url === '') return NOTIFY_PATH;
  const absolute = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*(.*)$/i.exec(url);
  const rest = absolute ? absolute[1] ?? '' : url;
  const withoutFragment = rest.split('#')[0] ?? '';
  return withoutFragment.startsWith('/') ? withoutFragment : `/${withoutFragment}`;
}

/**
 * The absolute URL a send target points at.
 *
 * @example
 * ```ts
 * targetUrl({ kind: 'host', host: 'backup' }, undefined); // 'https://api2.mch.weixin.qq.com/v3/aggracct-bc/…/notify'
 * ```
 */
export function targetUrl(target: SendTarget, localReceiverUrl: string | undefined): string {
  switch (target.kind) {
    case 'local':
      if (!localReceiverUrl) fail('RECEIVER_NOT_RUNNING', 'The local receiver is not running: start it first.');
      return localReceiverUrl;
    case 'url':
      return target.url;
    case 'host':
      return `${target.host === 'primary' ? PRIMARY_HOST : BACKUP_HOST}${canonicalUrl(target.path)}`;
  }
}

/**
 * Refuses to send to a WeChat Pay host unless the user confirmed it: a notification there is real traffic
 * under a real merchant id (the UI asks first and passes `confirmProduction: true`).
 *
 * @example
 * ```ts
 * requireProductionConfirmation(url, input.confirmProduction === true);
 * ```
 */
export function requireProductionConfirmation(url: string, confirmed: boolean): void {
  if (isWechatPayUrl(url) && !confirmed) {
    fail('CONFIRMATION_REQUIRED', `${new URL(url).host} is a WeChat Pay host: confirm before sending to it (confirmProduction: true).`, { url });
  }
}
