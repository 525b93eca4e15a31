// Serials reach configuration in many spellings: `openssl x509 -serial` prints `serial=5157F0…`, Windows and
// browsers show `51 57 f0 …` or `51:57:F0:…`. Receivers compare `serial_no` exactly (protocol.md §3), so the
// configured value is normalised once, at start-up, to the upper-case hex the certificate gives.
import { AuditNotifyError } from '../errors.js';

/**
 * Normalises a certificate serial to upper-case hex: drops a `serial=` or `0x` prefix and `:`/space
 * separators, upper-cases, and keeps leading zeros. Throws `INVALID_OPTIONS` when what remains is not hex.
 *
 * @example
 * ```ts
 * normalizeSerialNo('serial=5157f09efdc096de15ebe81a47057a7232f1b8e1'); // '5157F09EFDC096DE15EBE81A47057A7232F1B8E1'
 * normalizeSerialNo('0a:1b:2c');                                           // '0A1B2C'
 * ```
 */
export function normalizeSerialNo(serialNo: string): string {
  if (typeof serialNo !== 'string') {
    throw new AuditNotifyError('INVALID_OPTIONS', 'The serial number must be a string.', { detail: { field: 'serialNo' } });
  }
  const compact = serialNo
    .trim()
    .replace(/^serial\s*=\s*/i, '')
    .replace(/^0x/i, '')
    .replace(/[\s:]/g, '');
  if (!/^[0-9A-Fa-f]+$/.test(compact) || compact.length > 64) {
    throw new AuditNotifyError('INVALID_OPTIONS', 'The serial number must be hexadecimal (like 5157F09EFDC096DE15EBE81A47057A7232F1B8E1).', {
      detail: { field: 'serialNo', length: serialNo.length },
    });
  }
  return compact.toUpperCase();
}
