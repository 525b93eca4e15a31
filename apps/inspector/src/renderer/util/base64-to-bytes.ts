/**
 * Decodes standard Base64 (how the API carries exact bytes) into bytes.
 *
 * @example
 * base64ToBytes('e30='); // Uint8Array [123, 125]
 */
export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
