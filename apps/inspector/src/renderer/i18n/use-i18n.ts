import { useContext } from 'react';
import { I18nContext, type I18n } from './i18n-context.js';

/**
 * The translator of the nearest `I18nProvider`.
 *
 * @example
 * const { t, lang } = useI18n();
 * return <h2>{t('pane.compose')}</h2>;
 */
export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
