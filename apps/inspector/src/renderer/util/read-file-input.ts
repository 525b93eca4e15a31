import type { BytesInput } from '../../shared/api.js';

/**
 * Reads a chosen file as the API's `BytesInput`: PEM files as text, anything else (PKCS#12, DER) as
 * exact bytes in Base64.
 *
 * @example
 * const input = await readFileInput(file); // { base64: 'MIIK…' } for a .p12
 */
export async function readFileInput(file: File): Promise<BytesInput> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const head = new TextDecoder().decode(bytes.subarray(0, 64));
  if (head.includes('-----BEGIN')) return { text: new TextDecoder().decode(bytes) };
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { base64: btoa(binary) };
}
