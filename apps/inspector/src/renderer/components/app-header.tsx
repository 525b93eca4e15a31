import { useI18n } from '../i18n/use-i18n.js';
import { useWorkbench } from '../state/use-workbench.js';
import { ProfileSwitcher } from './profile-switcher.js';

/**
 * Top bar: product name, the endpoint, the profile switcher, receiver and key status, and the language toggle.
 *
 * @example
 * <AppHeader />
 */
export function AppHeader() {
  const { t, lang, setLang } = useI18n();
  const { info, receiver, keys } = useWorkbench();
  return (
    <header className="app-header">
      <div className="brand">
        <span className="logo" />
        {t('app.title')}
      </div>
      <span className="endpoint" title={info?.notifyPath} data-raw>
        POST {info?.notifyPath ?? ''}
      </span>
      <span className="spacer" />
      <ProfileSwitcher />
      <div className="status">
        <span data-testid="header-receiver">
          <span className={`dot${receiver?.running ? ' on' : ''}`} />
          {t('header.receiver')}: {receiver?.running ? `:${receiver.port ?? ''}` : t('header.receiverOff')}
          {receiver?.pinnedPort !== undefined ? ` (${t('profiles.pinned')} :${receiver.pinnedPort})` : ''}
        </span>
        <span data-testid="header-keys">
          {t('header.keys')}: {keys.length}
        </span>
      </div>
      <div className="lang-toggle" role="group" aria-label="language">
        <button type="button" data-testid="lang-zh" className={lang === 'zh' ? 'active' : ''} onClick={() => setLang('zh')}>
          {t('lang.zh')}
        </button>
        <button type="button" data-testid="lang-en" className={lang === 'en' ? 'active' : ''} onClick={() => setLang('en')}>
          {t('lang.en')}
        </button>
      </div>
    </header>
  );
}
