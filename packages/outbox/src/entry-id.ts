/**
 * The id of an entry: its `(mchid, out_request_no)`, each part percent-encoded and joined by `~`, so the id is
 * the idempotency key itself, readable, and safe as a BullMQ job id (no `:`).
 */

const encode = (part: string): string => encodeURIComponent(part).replace(/~/g, '%7E');

/**
 * @example
 * ```ts
 * entryId('1900016681', 'htozr8denqegbt6tk6u10iymo7yww5pn'); // '1900016681~htozr8denqegbt6tk6u10iymo7yww5pn'
 * ```
 */
export function entryId(mchid: string, outRequestNo: string): string {
  return `${encode(mchid)}~${encode(outRequestNo)}`;
}
