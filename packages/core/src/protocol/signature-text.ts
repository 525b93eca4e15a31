// Internal: the shape check every engine runs before decoding a signature. Verification must answer
// `false`, never throw, for bad Base64, a wrong length or a `WECHATPAY/SIGNTEST/` probe (protocol.md §4),
// and a strict check here also stops lenient decoders (Buffer skips stray characters) from accepting text
// that is not exactly the standard padded Base64 of a modulus-sized signature.

const BASE64_BODY = /^[A-Za-z0-9+/]*={0,2}$/;
// For 1 or 2 trailing bytes, the last data character carries 4 or 2 unused bits, which must be zero in
// canonical Base64; these are the characters whose unused bits are zero.
const LAST_BEFORE_TWO_PADS = 'AQgw';
const LAST_BEFORE_ONE_PAD = 'AEIMQUYcgkosw048';

/**
 * Bytes of a signature made with a key of `bits` bits (RSASSA-PKCS1-v1_5: the modulus length).
 *
 * @example
 * ```ts
 * signatureByteLength(2048); // 256
 * ```
 */
export function signatureByteLength(bits: number): number {
  return (bits + 7) >>> 3;
}

/**
 * True when `signature` is the canonical standard padded Base64 of exactly `byteLength` bytes.
 *
 * @example
 * ```ts
 * isSignatureText(vector.signature, 256); // true
 * isSignatureText('WECHATPAY/SIGNTEST/abc', 256); // false
 * ```
 */
export function isSignatureText(signature: unknown, byteLength: number): signature is string {
  if (typeof signature !== 'string') return false;
  const length = signature.length;
  if (byteLength === 0 || length !== Math.ceil(byteLength / 3) * 4) return false;
  if (!BASE64_BODY.test(signature)) return false;
  const pads = (3 - (byteLength % 3)) % 3;
  const padded = (signature.charCodeAt(length - 1) === 0x3d ? 1 : 0) + (signature.charCodeAt(length - 2) === 0x3d ? 1 : 0);
  if (padded !== pads) return false;
  if (pads === 2) return LAST_BEFORE_TWO_PADS.includes(signature.charAt(length - 3));
  if (pads === 1) return LAST_BEFORE_ONE_PAD.includes(signature.charAt(length - 2));
  return true;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Uint8Array(128);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

/**
 * Standard padded Base64 without `Buffer`, for the engines that also run in browsers.
 *
 * @example
 * ```ts
 * encodeBase64Portable(new Uint8Array([0, 1])); // 'AAE='
 * ```
 */
export function encodeBase64Portable(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    out += ALPHABET[n >>> 18]! + ALPHABET[(n >>> 12) & 63]! + ALPHABET[(n >>> 6) & 63]! + ALPHABET[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = (bytes[i] as number) << 16;
    out += `${ALPHABET[n >>> 18]!}${ALPHABET[(n >>> 12) & 63]!}==`;
  } else if (rest === 2) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8);
    out += `${ALPHABET[n >>> 18]!}${ALPHABET[(n >>> 12) & 63]!}${ALPHABET[(n >>> 6) & 63]!}=`;
  }
  return out;
}

/**
 * Decodes text that {@link isSignatureText} accepted (it does not validate again).
 *
 * @example
 * ```ts
 * decodeBase64Portable('AAE='); // Uint8Array [0, 1]
 * ```
 */
export function decodeBase64Portable(text: string): Uint8Array {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0x3d) end--;
  const out = new Uint8Array((end * 3) >>> 2);
  let bits = 0;
  let acc = 0;
  let o = 0;
  for (let i = 0; i < end; i++) {
    acc = (acc << 6) | (DECODE[text.charCodeAt(i)] as number);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >>> bits) & 0xff;
    }
  }
  return out;
}
