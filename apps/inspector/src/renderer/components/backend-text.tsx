import { useI18n } from '../i18n/use-i18n.js';
import { userText } from '../util/user-text.js';

/**
 * Prose the backend writes in English (check details, verdict messages, key doctor findings), as a user
 * reads it ({@link userText}). In the Chinese UI it is marked `lang="en"`: a translated heading always
 * stands beside it, and the original keeps its specifics (seconds of skew, key ids).
 *
 * @example
 * <BackendText text={check.detail} />
 */
export function BackendText({ text }: { text: string }) {
  const { lang } = useI18n();
  return <span lang={lang === 'zh' ? 'en' : undefined}>{userText(text)}</span>;
}
