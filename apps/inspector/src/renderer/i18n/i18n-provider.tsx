import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { I18nContext, type I18n } from './i18n-context.js';
import { MESSAGES, type Lang, type MessageKey } from './messages.js';

const STORAGE_KEY = 'auditnotify.lang';

function initialLang(): Lang {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
  if (stored === 'zh' || stored === 'en') return stored;
  return globalThis.navigator?.language?.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/**
 * Holds the UI language (zh-CN or English), remembers it across starts and translates keys.
 *
 * @example
 * createRoot(el).render(<I18nProvider><App /></I18nProvider>);
 */
export function I18nProvider({ children, lang: forced }: { children: ReactNode; lang?: Lang }) {
  const [lang, setLangState] = useState<Lang>(forced ?? initialLang);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    globalThis.localStorage?.setItem(STORAGE_KEY, next);
    document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
  }, []);
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t(key: MessageKey, vars?: Record<string, string | number>) {
        let text: string = MESSAGES[lang][key] ?? MESSAGES.en[key] ?? key;
        if (vars) for (const [name, v] of Object.entries(vars)) text = text.replaceAll(`{${name}}`, String(v));
        return text;
      },
    }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}
