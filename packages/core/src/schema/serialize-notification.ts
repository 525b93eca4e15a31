import type { AuditResultNotification } from './notification-schema.js';

const encoder = new TextEncoder();

/**
 * Serialises a notification once to the exact UTF-8 bytes that are signed and sent (docs/architecture.md, data flow:
 * the bytes signed are the bytes sent, protocol.md §3). Compact JSON, keys in the object's order. It does
 * not validate: run {@link parseNotification} first.
 *
 * @example
 * ```ts
 * const bytes = serializeNotification({ out_request_no: 'R1', mchid: '1900016681', audit_result: 'PASS' });
 * new TextDecoder().decode(bytes); // '{"out_request_no":"R1","mchid":"1900016681","audit_result":"PASS"}'
 * ```
 */
export function serializeNotification(notification: AuditResultNotification): Uint8Array {
  return encoder.encode(JSON.stringify(notification));
}
