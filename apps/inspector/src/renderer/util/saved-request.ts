import type { KeySummary, SavedRequestView, SendRunOutput } from '../../shared/api.js';
import type { SignParams } from '../state/workbench-context.js';
import { formatBody } from './format-body.js';

/** How the Compose text is kept in a saved request: as notification fields, or as the exact bytes. */
export type SavedBodyKind = 'notification' | 'raw';

/**
 * The body kind a Compose text suggests: notification fields when it is a JSON object that passed the
 * schema, the exact bytes otherwise (a failure case must keep its broken bytes).
 *
 * @example
 * suggestedBodyKind('{"out_request_no":"R1"}', true); // 'notification'
 * suggestedBodyKind('{"a":1,}', false); // 'raw'
 */
export function suggestedBodyKind(text: string, valid: boolean): SavedBodyKind {
  if (!valid) return 'raw';
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? 'notification' : 'raw';
  } catch {
    return 'raw';
  }
}

/**
 * Expectations taken from the last send: its status, the answer's code and reason, and whether the answer
 * verified; without a send, an accepted notification (200, answer verified).
 *
 * @example
 * expectationsFrom(null); // { status: 200, answerVerified: true }
 */
export function expectationsFrom(send: SendRunOutput | null): SavedRequestView['expect'] {
  if (!send?.response) return { status: 200, answerVerified: true };
  const verdict = send.verdict;
  return {
    status: send.response.status,
    ...(verdict.kind === 'rejected' && verdict.code ? { code: verdict.code } : {}),
    ...(verdict.kind === 'rejected' && verdict.reason ? { reason: verdict.reason } : {}),
    answerVerified: verdict.kind === 'accepted' || verdict.kind === 'rejected',
  };
}

/**
 * A saved request from what Compose and Sign hold: the body as `kind` says, the method and path only when
 * they differ from POST and the notify path, a millisecond timestamp when one is pinned, and the
 * merchant key's `serial_no`.
 *
 * @example
 * buildSavedRequest({ name: 'Accepted', bodyText, kind: 'notification', signParams, notifyPath, key, expect });
 */
export function buildSavedRequest(input: {
  name: string;
  bodyText: string;
  kind: SavedBodyKind;
  signParams: SignParams;
  notifyPath: string;
  key: KeySummary | undefined;
  expect: SavedRequestView['expect'];
}): SavedRequestView {
  const method = input.signParams.method.trim();
  const path = input.signParams.url.trim();
  const timestamp = input.signParams.timestamp.trim();
  return {
    name: input.name.trim(),
    body: input.kind === 'notification' ? { notification: JSON.parse(input.bodyText) as Record<string, unknown> } : { raw: input.bodyText },
    ...(method && method !== 'POST' ? { method } : {}),
    ...(path && path !== input.notifyPath ? { path } : {}),
    ...(/^\d{13}$/.test(timestamp) ? { timestampUnit: 'milliseconds' as const } : {}),
    ...(input.key ? { key: input.key.keyId } : {}),
    expect: input.expect,
  };
}

/**
 * What Compose and Sign show for a saved request: the body text (notification fields pretty-printed, exact
 * bytes as they are) and the method and path it overrides.
 *
 * @example
 * const { bodyText, signParams } = openSavedRequest(request, '/v3/…/notify');
 */
export function openSavedRequest(request: SavedRequestView, notifyPath: string): { bodyText: string; signParams: Partial<SignParams> } {
  return {
    bodyText: 'raw' in request.body ? request.body.raw : formatBody(request.body.notification, 'pretty'),
    signParams: {
      method: request.method ?? 'POST',
      url: request.path ?? notifyPath,
      timestamp: request.timestampUnit === 'milliseconds' ? String(Date.now()) : '',
      nonce: '',
    },
  };
}
