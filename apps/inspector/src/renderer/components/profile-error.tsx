import type { ApiErrorShape } from '../../shared/api.js';
import { MESSAGES, type MessageKey } from '../i18n/messages.js';
import { useI18n } from '../i18n/use-i18n.js';
import { ErrorNotice } from './error-notice.js';

/**
 * A typed error of a profile or of the receiver's port, in the UI language (its code first, the values of
 * its `detail` filled in); any other error as the backend wrote it.
 *
 * @example
 * {error ? <ProfileError error={error} testId="profile-error" /> : null}
 */
export function ProfileError({ error, testId }: { error: ApiErrorShape; testId: string }) {
  const { t } = useI18n();
  const key = `profiles.error.${error.code}`;
  if (!Object.hasOwn(MESSAGES.en, key)) return <ErrorNotice error={error} testId={testId} />;
  const vars: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(error.detail ?? {})) if (typeof value === 'string' || typeof value === 'number') vars[name] = value;
  return (
    <div className="notice err" data-testid={testId} data-code={error.code}>
      <code>{error.code}</code> {t(key as MessageKey, vars)}
    </div>
  );
}
