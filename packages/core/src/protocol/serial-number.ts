// A certificate serial is a number (RFC 5280 §4.1.2.2: CertificateSerialNumber ::= INTEGER) that APIv3 writes
// in hex, and senders write it differently: a widely used Node SDK sends it in lower case, the official Java
// SDK drops a leading zero that the Go SDK keeps (docs/protocol.md, "Fidelity"). Receivers, answer
// verification and diagnosis look keys up through this one rule, so none of them refuses a notation another
// accepts.

const HEX = /^[0-9A-Fa-f]+$/;

/**
 * The form a key id is compared in: a hex serial upper-cased without leading zeros (the number it writes);
 * any other id, such as `PUB_KEY_ID_…`, exactly as it is.
 *
 * @example
 * ```ts
 * serialNumberKey('05157f09efdc096de15ebe81a47057a7232f1b8e1'); // '5157F09EFDC096DE15EBE81A47057A7232F1B8E1'
 * serialNumberKey('PUB_KEY_ID_0119000166812025091500000000000001'); // unchanged
 * ```
 */
export function serialNumberKey(keyId: string): string {
  if (!HEX.test(keyId)) return keyId;
  return keyId.replace(/^0+(?=.)/, '').toUpperCase();
}

/**
 * Finds the entry of `byId` whose id names the same key as `keyId`: the exact id first, then the same
 * serial number in another notation.
 *
 * @example
 * ```ts
 * findBySerialNumber(new Map([['5157F0', key]]), '5157f0'); // ['5157F0', key]
 * ```
 */
export function findBySerialNumber<T>(byId: ReadonlyMap<string, T>, keyId: string): [id: string, value: T] | undefined {
  const exact = byId.get(keyId);
  if (exact !== undefined) return [keyId, exact];
  if (!HEX.test(keyId)) return undefined;
  const wanted = serialNumberKey(keyId);
  for (const [id, value] of byId) {
    if (serialNumberKey(id) === wanted) return [id, value];
  }
  return undefined;
}
