import type { ApiErrorShape } from '../../shared/api.js';
import { BackendText } from './backend-text.js';

/**
 * A typed API error: its code first (callers branch on codes), then the message.
 *
 * @example
 * {error ? <ErrorNotice error={error} /> : null}
 */
export function ErrorNotice({ error, testId }: { error: ApiErrorShape; testId?: string }) {
  const reason = typeof error.detail?.['reason'] === 'string' ? ` / ${error.detail['reason']}` : '';
  return (
    <div className="notice err" data-testid={testId ?? 'error'} data-code={error.code}>
      <code>
        {error.code}
        {reason}
      </code>{' '}
      <BackendText text={error.message} />
    </div>
  );
}
