/**
 * `detail.sign_information` of a SIGN_ERROR answer: what the receiver computed, as WeChat Pay's own SIGN_ERROR
 * answers show it (protocol.md §2), so a sender can compare it with the message it signed.
 */
import type { AuthorizationFields } from '../protocol/index.js';
import { buildRequestMessage } from '../protocol/index.js';

/** How many characters of the body the truncated message keeps after the four head lines. */
const BODY_PREVIEW_CHARS = 32;

/**
 * `detail.sign_information` of a SIGN_ERROR answer.
 *
 * @example
 * ```ts
 * const info = (errorBody.detail as { sign_information?: SignInformation }).sign_information;
 * console.log(info?.message_len, info?.truncated_sign_message);
 * ```
 */
export interface SignInformation {
  method: string;
  url: string;
  /** Length in bytes of the whole message the receiver verified against. */
  message_len: number;
  /** The message's four head lines in full, then the start of the body and the final `\n`. */
  truncated_sign_message: string;
}

/**
 * Describes the request message (protocol.md §3) the receiver built from the request as received.
 *
 * @example
 * ```ts
 * const info = describeSignedMessage({ method: 'POST', url: NOTIFY_PATH, body }, authorization);
 * info.truncated_sign_message; // 'POST\n/v3/…/notify\n1757900000\n593BEC…\n{"out_request_no":"htozr8de\n'
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
  const text = new TextDecoder().decode(message);
  // End of the head: method, url, timestamp and nonce lines.
  let head = 0;
  for (let line = 0; line < 4 && head >= 0; line++) {
    const end = text.indexOf('\n', head);
    head = end === -1 ? -1 : end + 1;
  }
  const body = head > 0 ? text.slice(head, -1) : '';
  const truncated =
    body.length > BODY_PREVIEW_CHARS ? `${text.slice(0, head)}${body.slice(0, BODY_PREVIEW_CHARS)}\n` : text;
  return { method: request.method, url: request.url, message_len: message.byteLength, truncated_sign_message: truncated };
}
