/**
 * The endpoint's constants: where the audit-result notification is sent (docs/protocol.md §1), its rate
 * limit, and the signature rules' numbers (§3–4).
 */

/**
 * Path of the audit-result notification endpoint; also the default `path` a receiver is mounted at.
 *
 * @example
 * ```ts
 * app.post(NOTIFY_PATH, handler);
 * ```
 */
export const NOTIFY_PATH = '/v3/aggracct-bc/wb-channel/control-orders/info/update/result/notify';

/**
 * Primary host: the nearest entry point (protocol.md §1).
 *
 * @example
 * ```ts
 * const url = `${PRIMARY_HOST}${NOTIFY_PATH}`;
 * ```
 */
export const PRIMARY_HOST = 'https://api.mch.weixin.qq.com';

/**
 * Backup host in another region: used only when the primary cannot be reached (protocol.md §1, §3: the host
 * is not signed, so failing over needs no other signature rules).
 *
 * @example
 * ```ts
 * createClient({ ...options, hosts: [PRIMARY_HOST, BACKUP_HOST] });
 * ```
 */
export const BACKUP_HOST = 'https://api2.mch.weixin.qq.com';

/**
 * The endpoint's documented rate limit: 200 requests a minute (protocol.md §1, §2).
 *
 * @example
 * ```ts
 * createMemoryRateLimiter({ perMinute: DEFAULT_REQUESTS_PER_MINUTE });
 * ```
 */
export const DEFAULT_REQUESTS_PER_MINUTE = 200;

/**
 * Allowed clock skew for signed requests and answers: a request is refused when |now − timestamp| is more than 300 s, an answer when it is 300 s or more (protocol/timestamp.ts).
 *
 * @example
 * ```ts
 * createReceiver({ ...options, windowSeconds: DEFAULT_WINDOW_SECONDS });
 * ```
 */
export const DEFAULT_WINDOW_SECONDS = 300;

/**
 * Prefix of the probe signatures WeChat Pay sends to check that a verifier fails cleanly: such a signature
 * never verifies, and rejecting it is the right answer (protocol.md §4).
 *
 * @example
 * ```ts
 * if (signature.startsWith(PROBE_SIGNATURE_PREFIX)) console.log('a probe, not a signature');
 * ```
 */
export const PROBE_SIGNATURE_PREFIX = 'WECHATPAY/SIGNTEST/';

/**
 * Smallest RSA modulus the scheme name promises (WECHATPAY2-SHA256-RSA2048, protocol.md §3).
 *
 * @example
 * ```ts
 * if (key.bits < MIN_RSA_BITS) throw new Error('too small');
 * ```
 */
export const MIN_RSA_BITS = 2048;
