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
 * Why a request needs the user's yes before it leaves: it goes to a WeChat Pay host (real traffic under a
 * real merchant id), or it is signed or checked with a key of a production profile, or a production profile
 * is chosen (see profile-store.ts).
 *
 * @example
 * ```ts
 * const reason: ConfirmationReason = 'production-key';
 * ```
 */
export type ConfirmationReason = 'wechatpay-host' | 'production-key' | 'production-profile';

/**
 * Refuses to send unless the user confirmed it, when the request goes to a WeChat Pay host or `production`
 * names a production key or profile. This is the one rule: the UI asks when the backend answers
 * `CONFIRMATION_REQUIRED` (its `detail.reason` says why) and repeats the call with `confirmProduction: true`.
 *
 * @example
 * ```ts
 * requireProductionConfirmation(url, input.confirmProduction === true, profiles.productionReason([input.keyId]));
 * ```
 */
export function requireProductionConfirmation(url: string, confirmed: boolean, production?: Exclude<ConfirmationReason, 'wechatpay-host'>): void {
  if (confirmed) return;
  const host = safeHost(url);
  if (isWechatPayUrl(url)) {
    fail('CONFIRMATION_REQUIRED', `${host} is a WeChat Pay host: confirm before sending to it (confirmProduction: true).`, { url, host, reason: 'wechatpay-host' });
  }
  if (production === 'production-key') {
    fail('CONFIRMATION_REQUIRED', `This request uses a key of a production profile: confirm before sending it to ${host} (confirmProduction: true).`, { url, host, reason: production });
  }
  if (production === 'production-profile') {
    fail('CONFIRMATION_REQUIRED', `The chosen profile is marked production: confirm before sending to ${host} (confirmProduction: true).`, { url, host, reason: production });
  }
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
