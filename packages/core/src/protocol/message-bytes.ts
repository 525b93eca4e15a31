// Internal: the signing messages are built over bytes (protocol.md §3–4). The text lines are encoded to
// UTF-8 once and the body is copied in unchanged, so a body given as bytes is never decoded and re-encoded.

const encoder = new TextEncoder();

/**
 * A body as the wire carries it: raw bytes (preferred) or a string that is sent as its UTF-8 bytes.
 *
 * @example
 * ```ts
 * const body: MessageBody = new Uint8Array(await request.arrayBuffer());
 * ```
 */
export type MessageBody = Uint8Array | string;

/**
 * `head` (the lines before the body, each already ending in `\n`), then the body, then the final `\n`.
 *
 * @example
 * ```ts
 * encodeMessage('1757900001\nC0FFEE00C0FFEE00C0FFEE00C0FFEE00\n', '{"ret_msg":"SUCC"}');
 * ```
 */
export function encodeMessage(head: string, body: MessageBody): Uint8Array {
  if (typeof body === 'string') return encoder.encode(head + body + '\n');
  // Exact-size output (no oversized backing buffer for callers that write `message.buffer` out).
  const message = new Uint8Array(head.length + body.byteLength + 1);
  // The head is ASCII in practice (method, path, digits, nonce), written in place; any other head is encoded.
  if (!writeAscii(head, message)) return encodeWithUtf8Head(head, body);
  message.set(body, head.length);
  message[message.byteLength - 1] = 0x0a;
  return message;
}

function encodeWithUtf8Head(head: string, body: Uint8Array): Uint8Array {
  const headBytes = encoder.encode(head);
  const message = new Uint8Array(headBytes.byteLength + body.byteLength + 1);
  message.set(headBytes, 0);
  message.set(body, headBytes.byteLength);
  message[message.byteLength - 1] = 0x0a;
  return message;
}

/**
 * `text` as UTF-8 bytes, exactly as TextEncoder gives them; ASCII text (the common case: JSON answers) is
 * copied unit by unit, which costs a fraction of a TextEncoder call for short text.
 *
 * @example
 * ```ts
 * encodeUtf8('{"ret_msg":"SUCC"}').byteLength; // 18
 * ```
 */
export function encodeUtf8(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  return writeAscii(text, bytes) ? bytes : encoder.encode(text);
}

/** Writes `text` into the start of `target` when every UTF-16 unit of it is ASCII; false (target partly written) otherwise. */
function writeAscii(text: string, target: Uint8Array): boolean {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit > 0x7f) return false;
    target[i] = unit;
  }
  return true;
}
