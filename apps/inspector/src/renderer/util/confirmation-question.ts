import type { ApiErrorShape } from '../../shared/api.js';
import type { MessageKey } from '../i18n/messages.js';

/**
 * What to ask when the backend answers `CONFIRMATION_REQUIRED` (the rule lives in the backend guard): the
 * host the request would go to and the question for its `detail.reason`; `undefined` for any other error.
 *
 * @example
 * ```ts
 * const question = confirmationQuestion(result.error); // { host: '127.0.0.1:5000', message: 'profiles.confirmKey', yes: 'profiles.confirmYes' }
 * ```
 */
export function confirmationQuestion(error: ApiErrorShape): { host: string; message: MessageKey; yes: MessageKey } | undefined {
  if (error.code !== 'CONFIRMATION_REQUIRED') return undefined;
  const host = typeof error.detail?.['host'] === 'string' ? error.detail['host'] : '';
  const reason = error.detail?.['reason'];
  const message: MessageKey = reason === 'production-key' ? 'profiles.confirmKey' : reason === 'production-profile' ? 'profiles.confirmProfile' : 'send.confirmProduction';
  return { host, message, yes: reason === 'production-key' || reason === 'production-profile' ? 'profiles.confirmYes' : 'send.confirmYes' };
}
