import { base64ToBytes } from './base64-to-bytes.js';

/**
 * Base64 bytes read as UTF-8 text (invalid sequences become U+FFFD, as the backend's text views do).
 *
 * @example
 * base64ToText('e30='); // '{}'
 */
export function base64ToText(base64: string): string {
  return new TextDecoder().decode(base64ToBytes(base64));
}
