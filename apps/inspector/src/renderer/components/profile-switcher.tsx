import { useState } from 'react';
import { createPortal } from 'react-dom';
import { useI18n } from '../i18n/use-i18n.js';
import { useWorkbench } from '../state/use-workbench.js';
import { ProfileManager } from './profile-manager.js';

/**
 * The header's profile switcher: the profile names (choosing one fills Compose and Send), a production
 * marker for a production profile, and the button that opens the profile manager.
 *
 * @example
 * <ProfileSwitcher />
 */
export function ProfileSwitcher() {
  const { t } = useI18n();
  const { profiles, selectProfile } = useWorkbench();
  const [managing, setManaging] = useState(false);
  if (!profiles) return null;
  const current = profiles.profiles.find((p) => p.id === profiles.currentId);
  return (
    <div className="profile-switch" data-testid="header-profile">
      <span>{t('profiles.label')}</span>
      <select className="select" data-testid="profile-select" aria-label={t('profiles.label')} value={profiles.currentId} onChange={(e) => void selectProfile(e.target.value)}>
        {profiles.profiles.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
      {current?.production ? (
        <span className="pill err" data-testid="header-production">
          {t('profiles.production')}
        </span>
      ) : null}
      <button type="button" className="btn small" data-testid="profile-manage" onClick={() => setManaging(true)}>
        {t('profiles.manage')}
      </button>
      {/* Over the panes, outside the header's styles; the header (language, profile) stays usable. */}
      {managing ? createPortal(<ProfileManager onClose={() => setManaging(false)} />, document.body) : null}
    </div>
  );
}
