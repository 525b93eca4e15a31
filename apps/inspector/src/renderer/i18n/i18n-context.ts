import { createContext } from 'react';
import type { BackendTextKind } from './backend-messages.js';
import type { Lang, MessageKey } from './messages.js';

/** What `useI18n()` hands to components. */
export interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  /** Translate a key; `{name}` placeholders are filled from `vars`. */
  t(key: MessageKey, vars?: Record<string, string | number>): string;
  /**
   * A text the backend sends in English, translated by its stable code when the UI is Chinese; the
   * backend's own text (`fallback`) in English mode and for any code the table does not know.
   */
  backend(kind: BackendTextKind, code: string, fallback: string, vars?: Record<string, string | number>): string;
}

/**
 * React context carrying the current language and translator.
 *
 * @example
 * <I18nContext.Provider value={i18n}>{children}</I18nContext.Provider>
 */
export const I18nContext = createContext<I18n | null>(null);
