import { useI18n } from '../i18n/use-i18n.js';
import { translateBackendProse } from '../i18n/backend-prose-zh.js';
import { userText } from '../util/user-text.js';

/**
 * Prose the backend writes in English (check details, verdict messages, key doctor findings), as a user
 * reads it ({@link userText}). In the Chinese UI it is translated with its values kept
 * ({@link translateBackendProse}), the English original kept in `data-en`; a sentence
 * without a translation stays English, marked `lang="en"`.
 *
 * @example
 * <BackendText text={check.detail} />
 */
export function BackendText({ text }: { text: string }) {
  const { lang } = useI18n();
  const shown = userText(text);
  if (lang !== 'zh') return <span>{shown}</span>;
  const zh = translateBackendProse(shown);
  return zh === undefined ? <span lang="en">{shown}</span> : <span data-en={shown}>{zh}</span>;
}
