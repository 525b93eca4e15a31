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
  const headBytes = encoder.encode(head);
  const message = new Uint8Array(headBytes.byteLength + body.byteLength + 1);
  message.set(headBytes, 0);
  message.set(body, headBytes.byteLength);
  message[message.byteLength - 1] = 0x0a;
  return message;
}
