import { useEffect, useState } from 'react';
import type { SavedRequestView } from '../../shared/api.js';
import { useI18n } from '../i18n/use-i18n.js';
import { useWorkbench } from '../state/use-workbench.js';
import { buildSavedRequest, expectationsFrom, suggestedBodyKind, type SavedBodyKind } from '../util/saved-request.js';
import { BackendText } from './backend-text.js';
import { Card } from './card.js';

/**
 * Saves what Compose holds into the collection folder as one request file: a name, the body as
 * notification fields or as the exact bytes (a failure case), and what the answer must be (taken from the
 * last send, editable). The file is written by the collection format's own writer in the backend.
 *
 * @example
 * <SaveRequestForm valid={validation.ok} />
 */
export function SaveRequestForm({ valid }: { valid: boolean }) {
  const { t } = useI18n();
  const wb = useWorkbench();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<SavedBodyKind>('notification');
  const [kindTouched, setKindTouched] = useState(false);
  const [expect, setExpect] = useState<SavedRequestView['expect']>(() => expectationsFrom(wb.lastSend));
  const [result, setResult] = useState<{ ok: true; file: string } | { ok: false; message: string } | null>(null);

  // Until the user picks, the body kind follows the text: broken bytes are kept as they are.
  const suggested = suggestedBodyKind(wb.bodyText, valid);
  useEffect(() => {
    if (!kindTouched) setKind(suggested);
  }, [suggested, kindTouched]);
  useEffect(() => setExpect(expectationsFrom(wb.lastSend)), [wb.lastSend]);
  // A result belongs to the text it saved.
  useEffect(() => setResult(null), [wb.bodyText, name]);

  const save = async () => {
    const key = wb.keys.find((k) => k.id === wb.merchantKeyId);
    let request: SavedRequestView;
    try {
      request = buildSavedRequest({ name, bodyText: wb.bodyText, kind, signParams: wb.signParams, notifyPath: wb.info?.notifyPath ?? '', key, expect });
    } catch {
      setResult({ ok: false, message: t('save.notJson') });
      return;
    }
    const saved = await wb.api.collection.save({ dir: wb.collectionDir, request });
    if (saved.ok) {
      setResult({ ok: true, file: saved.data.file });
      wb.bumpCollection();
    } else setResult({ ok: false, message: saved.error.message });
  };

  return (
    <Card title={t('save.title')} testId="save-request">
      <div className="stack" style={{ gap: 6 }}>
        <label className="row small">
          <span className="muted">{t('save.name')}</span>
          <input className="input grow" data-testid="save-name" value={name} onChange={(e) => setName(e.target.value)} placeholder={t('save.namePlaceholder')} />
        </label>
        <div className="row small">
          <span className="muted">{t('save.body')}</span>
          <select
            className="select small"
            data-testid="save-body-kind"
            value={kind}
            onChange={(e) => {
              setKindTouched(true);
              setKind(e.target.value as SavedBodyKind);
            }}
          >
            <option value="notification" disabled={suggestedBodyKind(wb.bodyText, true) === 'raw'}>
              {t('save.body.notification')}
            </option>
            <option value="raw">{t('save.body.raw')}</option>
          </select>
        </div>
        <div className="row small">
          <span className="muted">{t('save.expect')}</span>
          <input
            className="input mono"
            style={{ width: '5em' }}
            data-testid="save-expect-status"
            inputMode="numeric"
            value={String(expect.status)}
            onChange={(e) => setExpect((old) => ({ ...old, status: Number(e.target.value.replace(/\D/g, '').slice(0, 3)) || 0 }))}
          />
          <input
            className="input mono"
            style={{ width: '10em' }}
            data-testid="save-expect-code"
            placeholder={t('save.code')}
            value={expect.code ?? ''}
            onChange={(e) => setExpect(({ code: _c, ...old }) => (e.target.value ? { ...old, code: e.target.value } : old))}
          />
          <input
            className="input mono"
            style={{ width: '14em' }}
            data-testid="save-expect-reason"
            placeholder={t('save.reason')}
            value={expect.reason ?? ''}
            onChange={(e) => setExpect(({ reason: _r, ...old }) => (e.target.value ? { ...old, reason: e.target.value } : old))}
          />
          <label className="row">
            <input type="checkbox" data-testid="save-expect-verified" checked={expect.answerVerified} onChange={(e) => setExpect((old) => ({ ...old, answerVerified: e.target.checked }))} />
            {t('save.answerVerified')}
          </label>
        </div>
        <div className="row small">
          <span className="muted">{t('save.folder')}</span>
          <code className="grow" data-testid="save-folder">{wb.collectionDir}</code>
          <button type="button" className="btn primary" data-testid="save-run" disabled={!name.trim() || !wb.collectionDir} onClick={() => void save()}>
            {t('save.save')}
          </button>
        </div>
        {result?.ok ? (
          <div className="notice ok" data-testid="save-result">
            {t('save.saved', { file: result.file })}
          </div>
        ) : result ? (
          <div className="notice err" data-testid="save-error">
            <BackendText text={result.message} />
          </div>
        ) : null}
      </div>
    </Card>
  );
}
