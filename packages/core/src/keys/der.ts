// A deliberately tiny DER reader: enough to tell which structure a blob is (PKCS#8, PKCS#1, SPKI, X.509,
// PKCS#12, …) before handing it to node:crypto or node-forge, so that a certificate passed as a private key
// gets "this is a certificate" instead of a generic parse error. It never recurses without bound and never
// throws: every malformed input yields `undefined`, which keeps the loaders' fuzz property simple.

/**
 * One DER element: tag byte, and where its content lies in the input.
 *
 * @example
 * ```ts
 * const tlv: Tlv | undefined = readTlv(der, 0, der.length);
 * ```
 */
export interface Tlv {
  readonly tag: number;
  /** Start of the content octets. */
  readonly start: number;
  /** End (exclusive) of the content octets; `-1` for BER indefinite length (content not delimited here). */
  readonly end: number;
}

/**
 * What a DER blob looks like, by its outer structure only.
 *
 * @example
 * ```ts
 * const kind: DerKind = classifyDer(der); // 'pkcs8'
 * ```
 */
export type DerKind =
  | 'pkcs8'
  | 'encrypted-pkcs8'
  | 'pkcs1'
  | 'sec1'
  | 'spki'
  | 'pkcs1-public'
  | 'certificate'
  | 'pkcs12'
  | 'unknown';

const TAG_INTEGER = 0x02;
const TAG_BIT_STRING = 0x03;
const TAG_OCTET_STRING = 0x04;
const TAG_OID = 0x06;
const TAG_SEQUENCE = 0x30;

/**
 * Reads the element that starts at `offset`, or `undefined` when the header is malformed or overruns `limit`.
 *
 * @example
 * ```ts
 * const top = readTlv(der, 0, der.length); // { tag: 0x30, start: 4, end: 1218 }
 * ```
 */
export function readTlv(bytes: Uint8Array, offset: number, limit: number): Tlv | undefined {
  if (offset + 2 > limit) return undefined;
  const tag = bytes[offset]!;
  // High-tag-number form (0x1f) never occurs in the structures we classify.
  if ((tag & 0x1f) === 0x1f) return undefined;
  const first = bytes[offset + 1]!;
  if (first < 0x80) {
    const end = offset + 2 + first;
    return end <= limit ? { tag, start: offset + 2, end } : undefined;
  }
  if (first === 0x80) return (tag & 0x20) !== 0 ? { tag, start: offset + 2, end: -1 } : undefined;
  const count = first & 0x7f;
  if (count > 4 || offset + 2 + count > limit) return undefined;
  let length = 0;
  for (let i = 0; i < count; i += 1) length = length * 256 + bytes[offset + 2 + i]!;
  const start = offset + 2 + count;
  const end = start + length;
  return end <= limit ? { tag, start, end } : undefined;
}

/**
 * The direct children of a constructed element with a definite length, or `undefined` if they do not tile it.
 *
 * @example
 * ```ts
 * const [version, algorithm, key] = childrenOf(der, top) ?? [];
 * ```
 */
export function childrenOf(bytes: Uint8Array, parent: Tlv): Tlv[] | undefined {
  if (parent.end < 0) return undefined;
  const children: Tlv[] = [];
  let offset = parent.start;
  while (offset < parent.end) {
    const child = readTlv(bytes, offset, parent.end);
    if (!child || child.end < 0) return undefined;
    children.push(child);
    offset = child.end;
  }
  return children;
}

/**
 * Decodes an OBJECT IDENTIFIER element to dotted form, or `undefined` if it is not one.
 *
 * @example
 * ```ts
 * oidOf(der, algorithmChildren[0]); // '1.2.840.113549.1.1.1'
 * ```
 */
export function oidOf(bytes: Uint8Array, tlv: Tlv | undefined): string | undefined {
  if (!tlv || tlv.tag !== TAG_OID || tlv.end <= tlv.start || tlv.end - tlv.start > 64) return undefined;
  const parts: number[] = [];
  let value = 0;
  for (let i = tlv.start; i < tlv.end; i += 1) {
    const byte = bytes[i]!;
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) {
      if (parts.length === 0) parts.push(value < 80 ? Math.floor(value / 40) : 2, value < 80 ? value % 40 : value - 80);
      else parts.push(value);
      value = 0;
    }
  }
  return parts.join('.');
}

/**
 * The algorithm OID inside an AlgorithmIdentifier SEQUENCE.
 *
 * @example
 * ```ts
 * algorithmOidOf(der, children[1]); // '1.2.840.113549.1.1.1' for rsaEncryption
 * ```
 */
export function algorithmOidOf(bytes: Uint8Array, tlv: Tlv | undefined): string | undefined {
  if (!tlv || tlv.tag !== TAG_SEQUENCE) return undefined;
  return oidOf(bytes, childrenOf(bytes, tlv)?.[0]);
}

function smallInteger(bytes: Uint8Array, tlv: Tlv | undefined): number | undefined {
  if (!tlv || tlv.tag !== TAG_INTEGER || tlv.end - tlv.start !== 1) return undefined;
  return bytes[tlv.start];
}

/**
 * Tells which key/certificate structure a DER blob holds, by its outer shape (RFC 5208, 8017, 5280, 7292).
 *
 * @example
 * ```ts
 * classifyDer(readFileSync('apiclient_cert.p12')); // 'pkcs12'
 * ```
 */
export function classifyDer(bytes: Uint8Array): DerKind {
  const top = readTlv(bytes, 0, bytes.length);
  if (!top || top.tag !== TAG_SEQUENCE) return 'unknown';
  // PKCS#12 files made by Java or Windows are often BER with indefinite lengths: recognise the PFX by its
  // first field (version INTEGER 3) without walking the rest; node-forge reads BER.
  const firstChild = readTlv(bytes, top.start, top.end < 0 ? bytes.length : top.end);
  if (top.end < 0 || top.end !== bytes.length) {
    return top.end < 0 && smallInteger(bytes, firstChild) === 3 ? 'pkcs12' : 'unknown';
  }
  if (smallInteger(bytes, firstChild) === 3 && firstChild && firstChild.end < top.end) {
    const second = readTlv(bytes, firstChild.end, top.end);
    if (second?.tag === TAG_SEQUENCE) return 'pkcs12';
  }
  const children = childrenOf(bytes, top);
  if (!children || children.length === 0) return 'unknown';
  const tags = children.map((c) => c.tag);
  const [a, b, c] = children;
  if (tags.length >= 3 && tags[0] === TAG_INTEGER && tags[1] === TAG_SEQUENCE && tags[2] === TAG_OCTET_STRING) {
    return 'pkcs8';
  }
  if (tags.length === 2 && tags[0] === TAG_SEQUENCE && tags[1] === TAG_OCTET_STRING && algorithmOidOf(bytes, a)) {
    return 'encrypted-pkcs8';
  }
  if (tags.length === 2 && tags[0] === TAG_SEQUENCE && tags[1] === TAG_BIT_STRING && algorithmOidOf(bytes, a)) {
    return 'spki';
  }
  if (tags.length === 3 && tags[0] === TAG_SEQUENCE && tags[1] === TAG_SEQUENCE && tags[2] === TAG_BIT_STRING) {
    return 'certificate';
  }
  if (tags.length >= 9 && tags.slice(0, 9).every((t) => t === TAG_INTEGER)) return 'pkcs1';
  if (tags.length === 2 && tags.every((t) => t === TAG_INTEGER)) return 'pkcs1-public';
  if (smallInteger(bytes, a) === 1 && b?.tag === TAG_OCTET_STRING && (c === undefined || (c.tag & 0xe0) === 0xa0)) {
    return 'sec1';
  }
  return 'unknown';
}
