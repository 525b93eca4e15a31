// Runtime-neutral: reads the PKCS#1 v1.5 block of an opened RSA signature (RFC 8017 §9.2): which hash it
// names and the digest it holds. The Node and WebCrypto openers (recover-digest*.ts) both end here.

/**
 * What a signature holds once opened with one public key.
 *
 * @example
 * ```ts
 * const opened: OpenedSignature = openSignature(publicKey, signatureBytes);
 * ```
 */
export type OpenedSignature = { kind: 'pkcs1'; algorithm: DigestAlgorithm; digest: Uint8Array } | { kind: 'garbage' };

/**
 * Hashes a PKCS#1 v1.5 block can name.
 *
 * @example
 * ```ts
 * const algorithm: DigestAlgorithm = 'sha256';
 * ```
 */
export type DigestAlgorithm = 'sha256' | 'sha1' | 'sha384' | 'sha512' | 'md5' | 'sha224';

// DER prefixes of DigestInfo for each hash (RFC 8017 §9.2 note 1).
const PREFIXES: readonly [DigestAlgorithm, string][] = [
  ['sha256', '3031300d060960864801650304020105000420'],
  ['sha256', '302f300b06096086480165030402010420'],
  ['sha1', '3021300906052b0e03021a05000414'],
  ['sha1', '301f300706052b0e03021a0414'],
  ['sha384', '3041300d060960864801650304020205000430'],
  ['sha512', '3051300d060960864801650304020305000440'],
  ['sha224', '302d300d06096086480165030402040500041c'],
  ['md5', '3020300c06082a864886f70d020505000410'],
];

/**
 * Reads an opened signature block `00 01 FF… 00 DigestInfo`; anything else is `garbage`.
 *
 * @example
 * ```ts
 * const opened = readDigestInfo(block);
 * ```
 */
export function readDigestInfo(block: Uint8Array): OpenedSignature {
  if (block[0] === 0x00 && block[1] === 0x01) {
    let i = 2;
    while (i < block.length && block[i] === 0xff) i++;
    if (i >= 10 && block[i] === 0x00) {
      const info = [...block.subarray(i + 1)].map((b) => b.toString(16).padStart(2, '0')).join('');
      for (const [algorithm, prefix] of PREFIXES) {
        if (info.startsWith(prefix) && info.length === prefix.length + 2 * parseInt(prefix.slice(-2), 16)) {
          return { kind: 'pkcs1', algorithm, digest: block.slice(i + 1 + prefix.length / 2) };
        }
      }
    }
  }
  return { kind: 'garbage' };
}
