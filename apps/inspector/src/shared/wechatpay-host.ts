/**
 * The one test of "this goes to WeChat Pay": the backend refuses to send there without confirmation and the
 * Send pane asks first, both from this rule and core's host constants (protocol constants).
 */
import { BACKUP_HOST, PRIMARY_HOST } from '@auditnotify/core';

const WECHATPAY_HOSTNAMES = new Set([new URL(PRIMARY_HOST).hostname, new URL(BACKUP_HOST).hostname]);

/**
 * Whether `url` goes to a WeChat Pay host (the primary or backup host of protocol constants, in any case,
 * with or without a trailing dot or a port).
 *
 * @example
 * ```ts
 * isWechatPayUrl('https://API.mch.weixin.qq.com./v3/x'); // true
 * isWechatPayUrl('http://127.0.0.1:8080/v3/x'); // false
 * ```
 */
export function isWechatPayUrl(url: string): boolean {
  let hostname: string;
  try {
    hostname = new URL(url).hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return false;
  }
  return WECHATPAY_HOSTNAMES.has(hostname);
}

