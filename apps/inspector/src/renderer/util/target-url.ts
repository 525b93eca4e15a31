import type { AppInfo, SendTarget } from '../../shared/api.js';

/**
 * The URL a send target goes to: the local receiver's URL, the custom URL, or the primary / backup WeChat Pay
 * host with the notify path (or the target's own path). `undefined` while the app info or the receiver's URL is
 * not known yet.
 *
 * @example
 * ```ts
 * targetUrl({ kind: 'host', host: 'primary' }, info, receiver?.url); // 'https://api.mch.weixin.qq.com/v3/…/notify'
 * ```
 */
export function targetUrl(target: SendTarget, info: AppInfo | null, receiverUrl: string | undefined): string | undefined {
  if (target.kind === 'local') return receiverUrl;
  if (target.kind === 'url') return target.url;
  if (!info) return undefined;
  return `${target.host === 'primary' ? info.primaryHost : info.backupHost}${target.path ?? info.notifyPath}`;
}
