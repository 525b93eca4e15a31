/**
 * Defence in depth for error output: whatever an unexpected error says, PEM blocks and long Base64 runs
 * (key material, if anything ever quoted it) never reach the terminal.
 */

const PEM_BLOCK = /-----BEGIN [^-]+-----[\s\S]*?(-----END [^-]+-----|$)/g;
const LONG_BASE64 = /[A-Za-z0-9+/]{64,}={0,2}/g;

/**
 * Replaces PEM blocks and Base64 runs of 64 characters or more with `[redacted]`.
 *
 * @example
 * ```ts
 * redact('bad key -----BEGIN PRIVATE KEY-----MIIE…-----END PRIVATE KEY-----'); // 'bad key [redacted]'
 * ```
 */
export function redact(text: string): string {
  return text.replace(PEM_BLOCK, '[redacted]').replace(LONG_BASE64, '[redacted]');
}
