/**
 * Shows a signing message so that every byte that matters is visible: line ends as `␊` (and `␍` for a
 * carriage return), other control characters as `\xNN`, plus the byte length and SHA-256 (protocol.md §3:
 * the five lines each end in `\n`, also the last).
 */
import { createHash } from 'node:crypto';

function visible(line: string): string {
  let out = '';
  for (const char of line) {
    const code = char.charCodeAt(0);
    if (char === '\r') out += '␍';
    else if (char === '\t') out += '␉';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += char;
  }
  return out;
}

/**
 * Renders `message` line by line with visible line ends, headed by its byte length and SHA-256.
 *
 * @example
 * ```ts
 * explainMessage(new TextEncoder().encode('POST\n/v3/x\n1757900000\nNONCE\n{}\n'));
 * // message: 5 lines, 36 bytes, SHA-256 9f…
 * //    1  POST␊
 * //    …
 * ```
 */
export function explainMessage(message: Uint8Array, indent = '  '): string {
  const text = Buffer.from(message).toString('utf8');
  const sha256 = createHash('sha256').update(message).digest('hex');
  const parts = text.split('\n');
  // split() leaves one empty string after a final "\n": that is the end of the message, not a line.
  const endsWithNewline = parts.length > 1 && parts.at(-1) === '';
  if (endsWithNewline) parts.pop();
  const width = String(parts.length).length;
  const lines = parts.map((part, index) => {
    const end = index < parts.length - 1 || endsWithNewline ? '␊' : '   (no final line feed)';
    return `${indent}${String(index + 1).padStart(width + 2)}  ${visible(part)}${end}`;
  });
  return [
    `${indent}message: ${parts.length} lines, ${message.byteLength} bytes, SHA-256 ${sha256}`,
    ...lines,
    '',
  ].join('\n');
}
