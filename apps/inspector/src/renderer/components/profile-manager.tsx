import { useState } from 'react';
import type { ApiErrorShape, Profile, ProfileFields } from '../../shared/api.js';
import { useI18n } from '../i18n/use-i18n.js';
import { useWorkbench } from '../state/use-workbench.js';
import { ProfileError } from './profile-error.js';
import { SendConfirmation } from './send-confirmation.js';
import { Dialog, useEscapeToClose } from './dialog.js';

type TargetKind = 'local' | 'url' | 'primary' | 'backup';

/** A profile as the form holds it (the port as typed). */
interface Draft {
  name: string;
  senderKeyId: string;
  mchid: string;
  kind: TargetKind;
  url: string;
  answerKeyIds: string[];
  production: boolean;
  port: string;
}

const NEW = 'new';

function draftOf(profile: Profile | undefined): Draft {
  const target = profile?.target ?? { kind: 'local' as const };
  return {
    name: profile?.name ?? '',
    senderKeyId: profile?.senderKeyId ?? '',
    mchid: profile?.mchid ?? '',
    kind: target.kind === 'host' ? target.host : target.kind,
    url: target.kind === 'url' ? target.url : '',
    answerKeyIds: profile?.answerKeyIds ?? [],
    production: profile?.production ?? false,
    port: profile?.receiverPort === undefined ? '' : String(profile.receiverPort),
  };
}

function fieldsOf(draft: Draft): ProfileFields {
  const target: ProfileFields['target'] = draft.kind === 'local' ? { kind: 'local' } : draft.kind === 'url' ? { kind: 'url', url: draft.url.trim() } : { kind: 'host', host: draft.kind };
  return {
    name: draft.name,
    ...(draft.senderKeyId ? { senderKeyId: draft.senderKeyId } : {}),
    mchid: draft.mchid,
    target,
    answerKeyIds: draft.answerKeyIds,
    production: draft.production,
    ...(draft.port.trim() === '' ? {} : { receiverPort: Number(draft.port) }),
  };
}

/**
 * The profile manager (a dialog over the window): the profiles on the left, the chosen one's fields on the
 * right; create, rename and edit, use, and remove after a confirmation. The backend checks every field and
 * answers with `PROFILE_*` errors, shown in the UI language. Close or Escape closes it.
 *
 * @example
 * {managing ? <ProfileManager onClose={() => setManaging(false)} /> : null}
 */
export function ProfileManager({ onClose }: { onClose(): void }) {
  const { t } = useI18n();
  const { api, keys, profiles, setProfiles, selectProfile } = useWorkbench();
  const [editingId, setEditingId] = useState<string>(profiles?.currentId ?? NEW);
  const [draft, setDraft] = useState<Draft>(() => draftOf(profiles?.profiles.find((p) => p.id === editingId)));
  const [error, setError] = useState<ApiErrorShape | null>(null);
  const [removing, setRemoving] = useState(false);
  const [saved, setSaved] = useState(false);
  useEscapeToClose(onClose);
  if (!profiles) return null;

  const edit = (id: string) => {
    setEditingId(id);
    setDraft(draftOf(profiles.profiles.find((p) => p.id === id)));
    setError(null);
    setRemoving(false);
    setSaved(false);
  };
  const change = (update: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...update }));
    setSaved(false);
  };
  const save = async () => {
    setError(null);
    const fields = fieldsOf(draft);
    const result = editingId === NEW ? await api.profiles.create(fields) : await api.profiles.update({ id: editingId, ...fields });
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setProfiles(result.data);
    // A new profile is chosen at once.
    if (editingId === NEW) setEditingId(result.data.currentId);
    setSaved(true);
  };
  const remove = async () => {
    setRemoving(false);
    const result = await api.profiles.remove({ id: editingId });
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setProfiles(result.data);
    edit(result.data.currentId);
  };

  const merchants = keys.filter((k) => k.role === 'merchant' && k.hasPrivateKey);
  const platforms = keys.filter((k) => k.role === 'platform');
  const targets: TargetKind[] = ['local', 'url', 'primary', 'backup'];
  const editing = profiles.profiles.find((p) => p.id === editingId);
  return (
    <Dialog className="profile-manager" title={t('profiles.title')} testId="profile-manager" closeTestId="profile-close" onClose={onClose}>
        <div className="profile-manager-body">
          <ul className="profile-list">
            {profiles.profiles.map((p) => (
              <li key={p.id}>
                <button type="button" data-testid={`profile-item-${p.name}`} className={p.id === editingId ? 'active' : ''} onClick={() => edit(p.id)}>
                  <span className="grow">{p.name}</span>
                  {p.production ? <span className="pill err">{t('profiles.production')}</span> : null}
                  {p.id === profiles.currentId ? <span className="pill ok">{t('profiles.inUse')}</span> : null}
                </button>
              </li>
            ))}
            <li>
              <button type="button" data-testid="profile-new" className={editingId === NEW ? 'active' : ''} onClick={() => edit(NEW)}>
                + {t('profiles.new')}
              </button>
            </li>
          </ul>
          <div className="profile-form">
            <dl className="kv">
              <dt>{t('profiles.name')}</dt>
              <dd>
                <input className="input" data-testid="profile-name" value={draft.name} onChange={(e) => change({ name: e.target.value })} />
              </dd>
              <dt>{t('profiles.senderKey')}</dt>
              <dd>
                <select className="select mono" data-testid="profile-sender-key" value={draft.senderKeyId} onChange={(e) => change({ senderKeyId: e.target.value })}>
                  <option value="">{t('profiles.noKey')}</option>
                  {merchants.map((k) => (
                    <option key={k.id} value={k.id}>
                      {k.keyId} · {k.label}
                    </option>
                  ))}
                </select>
              </dd>
              <dt>{t('profiles.mchid')}</dt>
              <dd>
                <input className="input mono" data-testid="profile-mchid" value={draft.mchid} onChange={(e) => change({ mchid: e.target.value })} />
                <div className="muted small">{t('profiles.mchidHint')}</div>
              </dd>
              <dt>{t('profiles.target')}</dt>
              <dd>
                <div className="enum-pick">
                  {targets.map((k) => (
                    <button key={k} type="button" data-testid={`profile-target-${k}`} className={draft.kind === k ? 'active pass' : ''} onClick={() => change({ kind: k })}>
                      {t(`send.target.${k === 'url' ? 'custom' : k}`)}
                    </button>
                  ))}
                </div>
                {draft.kind === 'url' ? <input className="input mono" data-testid="profile-url" value={draft.url} onChange={(e) => change({ url: e.target.value })} /> : null}
              </dd>
              <dt>{t('profiles.answerKeys')}</dt>
              <dd>
                {platforms.map((k) => (
                  <label key={k.id} className="check mono small">
                    <input
                      type="checkbox"
                      data-testid={`profile-answer-key-${k.keyId}`}
                      checked={draft.answerKeyIds.includes(k.id)}
                      onChange={(e) => change({ answerKeyIds: e.target.checked ? [...draft.answerKeyIds, k.id] : draft.answerKeyIds.filter((id) => id !== k.id) })}
                    />
                    {k.keyId} · {k.label}
                  </label>
                ))}
                <div className="muted small">{t('profiles.answerKeysHint')}</div>
              </dd>
              <dt>{t('profiles.production')}</dt>
              <dd>
                <label className="check">
                  <input type="checkbox" data-testid="profile-production" checked={draft.production} onChange={(e) => change({ production: e.target.checked })} />
                  <span className="muted small">{t('profiles.productionHint')}</span>
                </label>
              </dd>
              <dt>{t('profiles.port')}</dt>
              <dd>
                <input className="input mono port" data-testid="profile-port" inputMode="numeric" value={draft.port} onChange={(e) => change({ port: e.target.value })} />
                <div className="muted small">{t('profiles.portHint')}</div>
              </dd>
            </dl>
            {error ? <ProfileError error={error} testId="profile-error" /> : null}
            {removing && editing ? (
              <SendConfirmation
                testId="profile-confirm-remove"
                prefix="profile-remove"
                destination={editing.name}
                message={t('profiles.confirmRemove', { name: editing.name })}
                yes={t('profiles.confirmRemoveYes')}
                no={t('profiles.cancel')}
                production
                onYes={() => void remove()}
                onNo={() => setRemoving(false)}
              />
            ) : null}
            <div className="row end" style={{ marginTop: 10 }}>
              {saved ? (
                <span className="pill ok" data-testid="profile-saved">
                  {t('profiles.saved')}
                </span>
              ) : null}
              {editing ? (
                <>
                  <button type="button" className="btn danger" data-testid="profile-remove" onClick={() => setRemoving(true)}>
                    {t('profiles.remove')}
                  </button>
                  <button type="button" className="btn" data-testid="profile-use" disabled={editing.id === profiles.currentId} onClick={() => void selectProfile(editing.id)}>
                    {t('profiles.use')}
                  </button>
                </>
              ) : null}
              <button type="button" className="btn primary" data-testid="profile-save" onClick={() => void save()}>
                {editingId === NEW ? t('profiles.add') : t('profiles.save')}
              </button>
            </div>
          </div>
        </div>
    </Dialog>
  );
}
