import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { userText } from '../util/user-text.js';
import { BACKEND_MESSAGES_ZH } from './backend-messages.js';
import { I18nContext, type I18n } from './i18n-context.js';
import { MESSAGES, type Lang, type MessageKey } from './messages.js';

const STORAGE_KEY = 'auditnotify.lang';

function initialLang(): Lang {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
  if (stored === 'zh' || stored === 'en') return stored;
  return globalThis.navigator?.language?.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

function fill(text: string, vars?: Record<string, string | number>): string {
  let out = text;
  if (vars) for (const [name, v] of Object.entries(vars)) out = out.replaceAll(`{${name}}`, String(v));
  return out;
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
        const text: string = MESSAGES[lang][key] ?? MESSAGES.en[key] ?? key;
        return fill(text, vars);
      },
      backend(kind, code, fallback, vars) {
        const table = BACKEND_MESSAGES_ZH[kind];
        // hasOwn: a code such as `constructor` must not find Object.prototype's members.
        if (lang !== 'zh' || !Object.hasOwn(table, code)) return userText(fallback);
        return fill(table[code] ?? userText(fallback), vars);
      },
    }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}
