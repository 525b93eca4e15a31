/**
 * `detail.sign_information` of a SIGN_ERROR answer to a signature mismatch: what the receiver computed, in
 * the shape of WeChat Pay's own answers (docs/protocol.md, "Fidelity"), so a sender can compare it with the
 * message it signed.
 */
import type { AuthorizationFields } from '../protocol/index.js';
import { buildRequestMessage } from '../protocol/index.js';

/**
 * How many bytes of the body the truncated message keeps after the four head lines: WeChat Pay's answers cut
 * it a few bytes in (`{"amount` of a payment request: 8 bytes).
 */
const BODY_PREVIEW_BYTES = 8;

/**
 * `detail.sign_information` of a SIGN_ERROR answer.
 *
 * @example
 * ```ts
 * const info = (errorBody.detail as { sign_information?: SignInformation }).sign_information;
 * console.log(info?.sign_message_length, info?.truncated_sign_message);
 * ```
 */
export interface SignInformation {
  method: string;
  url: string;
  /** Length in bytes of the whole message the receiver verified against. */
  sign_message_length: number;
  /** The message's four head lines in full, then the first bytes of the body (whole characters) and `\n`. */
  truncated_sign_message: string;
}

const decoder = new TextDecoder();

/** The first `limit` bytes of `body` that end on a UTF-8 character boundary. */
function bodyPreview(body: Uint8Array, limit: number): Uint8Array {
  if (body.byteLength <= limit) return body;
  let end = limit;
  // Step back over continuation bytes (10xxxxxx) so no character is cut in half.
  while (end > 0 && ((body[end] ?? 0) & 0xc0) === 0x80) end -= 1;
  return body.subarray(0, end);
}

/**
 * Describes the request message (protocol.md §3) the receiver built from the request as received.
 *
 * @example
 * ```ts
 * const info = describeSignedMessage({ method: 'POST', url: NOTIFY_PATH, body }, authorization);
 * info.truncated_sign_message; // 'POST\n/v3/…/notify\n1757900000\n593BEC…\n{"out_re\n'
 * ```
 */
export function describeSignedMessage(
  request: { method: string; url: string; body: Uint8Array },
  authorization: Pick<AuthorizationFields, 'timestamp' | 'nonce'>,
): SignInformation {
  const message = buildRequestMessage({
    method: request.method,
    url: request.url,
    timestamp: authorization.timestamp,
    nonce: authorization.nonce,
    body: request.body,
  });
  const head = message.byteLength - request.body.byteLength - 1;
  const text = `${decoder.decode(message.subarray(0, head))}${decoder.decode(bodyPreview(request.body, BODY_PREVIEW_BYTES))}\n`;
  return { method: request.method, url: request.url, sign_message_length: message.byteLength, truncated_sign_message: text };
}
