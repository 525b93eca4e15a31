/**
 * The folder layout that `auditnotify keygen` writes and `--keys DIR` reads.
 */

/**
 * Relative paths of a key set's files (protocol.md §5 names).
 *
 * @example
 * ```ts
 * join(dir, KEY_SET_LAYOUT.senderKey); // DIR/sender/apiclient_key.pem
 * ```
 */
export const KEY_SET_LAYOUT = {
  senderKey: 'sender/apiclient_key.pem',
  senderCert: 'sender/apiclient_cert.pem',
  senderPkcs12: 'sender/apiclient_cert.p12',
  receiverKey: 'receiver/wxp_key.pem',
  receiverPublicKey: 'receiver/wxp_pub.pem',
  manifest: 'keys.json',
} as const;

/**
 * The content of `keys.json`: the ids that go with the key files.
 *
 * @example
 * ```ts
 * const manifest: KeySetManifest = { mchid: '1900016681', serial_no: '5157F0…', wechatpay_public_key_id: 'PUB_KEY_ID_…' };
 * ```
 */
export interface KeySetManifest {
  mchid: string;
  serial_no: string;
  wechatpay_public_key_id: string;
}
