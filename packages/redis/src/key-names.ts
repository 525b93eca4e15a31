/**
 * Key names of the Redis stores: `PREFIX:KIND:{ID}`. The identifying part is a hash tag, so every key of one
 * nonce, one sender's bucket or one notification maps to one Cluster slot, and each part is percent-encoded,
 * so that no mchid or out_request_no can make two keys collide or break out of the tag.
 *
 * @example
 * ```ts
 * keyNames('auditnotify').inbox('1900016681', 'R:1'); // 'auditnotify:inbox:{1900016681:R%3A1}'
 * ```
 */
export function keyNames(prefix: string): {
  nonce(nonce: string): string;
  bucket(key: string): string;
  inbox(mchid: string, outRequestNo: string): string;
} {
  const part = encodeURIComponent;
  return {
    nonce: (nonce) => `${prefix}:nonce:{${part(nonce)}}`,
    bucket: (key) => `${prefix}:rate:{${part(key)}}`,
    inbox: (mchid, outRequestNo) => `${prefix}:inbox:{${part(mchid)}:${part(outRequestNo)}}`,
  };
}
