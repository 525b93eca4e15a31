/**
 * Labelled signature fields for the decoder: what each part of `Authorization` (protocol.md §3) or of the
 * `Wechatpay-*` headers (§4) holds, with a per-field verdict where one can be given.
 */
import { parseAuthorization, type PublicKeyHandle, type TimestampReport } from '@auditnotify/core';
import type { LabelledValue } from '../../shared/api.js';
import { toApiError } from './errors.js';

const AUTH_LABELS: Record<string, string> = {
  mchid: 'mchid — 商户号 (merchant id)',
  nonce: 'nonce_str — 随机串 (nonce)',
  timestamp: 'timestamp — 时间戳 (Unix seconds)',
  serialNo: 'serial_no — 证书序列号 (certificate serial)',
  signature: 'signature — 签名值 (Base64)',
};
const ANSWER_HEADERS: [string, string][] = [
  ['wechatpay-serial', 'Wechatpay-Serial — key id (PUB_KEY_ID_…)'],
  ['wechatpay-timestamp', 'Wechatpay-Timestamp — Unix seconds'],
  ['wechatpay-nonce', 'Wechatpay-Nonce'],
  ['wechatpay-signature', 'Wechatpay-Signature — Base64'],
  ['wechatpay-signature-type', 'Wechatpay-Signature-Type'],
  ['request-id', 'Request-ID'],
];

/**
 * The `Authorization` header's five fields, labelled and checked one by one: nonce shape, timestamp window
 * (and the milliseconds mistake, protocol.md §7.4), serial known.
 *
 * @example
 * ```ts
 * authorizationFields(headers['authorization'], keys.publicKeys(), now).find((f) => f.name === 'timestamp')?.note;
 * ```
 */
export function authorizationFields(header: string | undefined, publicKeys: Map<string, PublicKeyHandle>, timestamp: TimestampReport | undefined): LabelledValue[] {
  if (header === undefined) return [{ name: 'authorization', label: 'Authorization', value: '', ok: false, note: 'missing' }];
  try {
    const fields = parseAuthorization(header);
    return [
      { name: 'mchid', label: AUTH_LABELS['mchid'] ?? 'mchid', value: fields.mchid },
      { name: 'nonce_str', label: AUTH_LABELS['nonce'] ?? 'nonce_str', value: fields.nonce, ok: timestamp?.nonceOk ?? false },
      {
        name: 'timestamp',
        label: AUTH_LABELS['timestamp'] ?? 'timestamp',
        value: String(fields.timestamp),
        // Core's timestamp rules (window, milliseconds, "ago" / "from now"), as the receiver applies them.
        ok: timestamp?.verdict.ok ?? false,
        ...(timestamp ? { note: timestamp.text } : {}),
      },
      {
        name: 'serial_no',
        label: AUTH_LABELS['serialNo'] ?? 'serial_no',
        value: fields.serialNo,
        ok: publicKeys.has(fields.serialNo),
        note: publicKeys.has(fields.serialNo) ? 'a stored key' : 'no stored key has this serial',
      },
      { name: 'signature', label: AUTH_LABELS['signature'] ?? 'signature', value: fields.signature },
    ];
  } catch (error) {
    const e = toApiError(error);
    return [{ name: 'authorization', label: 'Authorization', value: header, ok: false, note: `${e.code}: ${e.message}` }];
  }
}

/**
 * The `Wechatpay-*` headers of an answer or callback, labelled, the key id checked against the stored keys.
 *
 * @example
 * ```ts
 * answerFields(response.headers, keys.publicKeys('platform'))[0]?.ok; // true when the serial is a stored key
 * ```
 */
export function answerFields(headers: Record<string, string>, publicKeys: Map<string, PublicKeyHandle>): LabelledValue[] {
  return ANSWER_HEADERS.map(([name, label]) => {
    const value = headers[name];
    if (value === undefined) return { name, label, value: '', ok: name === 'request-id' || name === 'wechatpay-signature-type', note: 'missing' };
    if (name === 'wechatpay-serial') return { name, label, value, ok: publicKeys.has(value), note: publicKeys.has(value) ? 'a stored key' : 'no stored key has this id' };
    return { name, label, value };
  });
}
