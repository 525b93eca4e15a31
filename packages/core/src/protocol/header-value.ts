import type { HeaderInput } from '../types.js';

/**
 * One header's value from a {@link HeaderInput}, by name in any case (HTTP header names are
 * case-insensitive); repeated values are joined by `, ` as Fetch does; empty counts as absent.
 *
 * @example
 * ```ts
 * readHeader({ 'wechatpay-serial': 'PUB_KEY_ID_01' }, 'Wechatpay-Serial'); // 'PUB_KEY_ID_01'
 * ```
 */
export function readHeader(headers: HeaderInput, name: string): string | undefined {
  let value: string | string[] | null | undefined;
  if (typeof (headers as Headers).get === 'function') {
    value = (headers as Headers).get(name);
  } else {
    const record = headers as Record<string, string | string[] | undefined>;
    const lower = name.toLowerCase();
    value = Object.hasOwn(record, lower) ? record[lower] : undefined;
    if (value === undefined) {
      for (const key of Object.keys(record)) {
        if (key.toLowerCase() === lower) {
          value = record[key];
          break;
        }
      }
    }
  }
  if (Array.isArray(value)) value = value.join(', ');
  return typeof value === 'string' && value !== '' ? value : undefined;
}
