import { Fragment, useState } from 'react';
import type { ApiErrorShape, KeyFinding } from '../../shared/api.js';
import { Card } from '../components/card.js';
import { ErrorNotice } from '../components/error-notice.js';
import { KeyDoctor } from '../components/key-doctor.js';
import { KeyFindings } from '../components/key-findings.js';
import { KeyImportForm } from '../components/key-import-form.js';
import { PaneTitle } from '../components/pane-title.js';
import { useI18n } from '../i18n/use-i18n.js';
import { useWorkbench } from '../state/use-workbench.js';

/**
 * Keys: generate a test key set, import PEM / certificate / PKCS#12, list what is loaded (serial or key
 * id, fingerprint, source, certificate expiry) and run the key doctor. Only summaries reach this pane.
 *
 * @example
 * <KeysPane />
 */
export function KeysPane() {
  const { t } = useI18n();
  const wb = useWorkbench();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiErrorShape | null>(null);
  // The key doctor's findings for a stored key, shown under that key's row only.
  const [doctor, setDoctor] = useState<{ id: string; findings: KeyFinding[] } | null>(null);
  // Removing asks first: the row shows a confirmation instead of removing on the first click.
  const [confirming, setConfirming] = useState<string | null>(null);

  const generate = async () => {
    setBusy(true);
    setError(null);
    const r = await wb.api.keys.generate({});
    setBusy(false);
    if (!r.ok) return setError(r.error);
    wb.setMerchantKeyId(r.data.merchant.id);
    wb.setPlatformKeyId(r.data.platform.id);
    await wb.refreshKeys();
    await wb.refreshReceiver();
  };
  const examine = async (id: string) => {
    setDoctor(null);
    const r = await wb.api.keys.doctor({ id });
    if (r.ok) setDoctor({ id, findings: r.data.findings });
    else setError(r.error);
  };
  const remove = async (id: string) => {
    setConfirming(null);
    if (doctor?.id === id) setDoctor(null);
    const r = await wb.api.keys.remove({ id });
    if (!r.ok) setError(r.error);
    await wb.refreshKeys();
  };

  return (
    <div data-testid="keys-pane">
      <PaneTitle pane="keys">
        <button type="button" className="btn primary" data-testid="keys-generate" disabled={busy} onClick={() => void generate()}>
          {busy ? t('keys.generating') : t('keys.generate')}
        </button>
      </PaneTitle>
      <div className="stack">
        {error ? <ErrorNotice error={error} testId="keys-error" /> : null}
        <Card title={t('keys.list')} flush testId="keys-list">
          {wb.keys.length === 0 ? (
            <div className="empty">{t('keys.empty')}</div>
          ) : (
            <table className="bytes-table">
              <thead>
                <tr>
                  <th>{t('keys.col.role')}</th>
                  <th>{t('keys.col.id')}</th>
                  <th>{t('keys.col.fingerprint')}</th>
                  <th>{t('keys.col.details')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {wb.keys.map((k) => {
                  const active = k.id === wb.merchantKeyId || k.id === wb.platformKeyId;
                  return (
                    <Fragment key={k.id}>
                    <tr data-testid="key-row" data-role={k.role}>
                      <td>
                        <span className={`pill ${k.role === 'merchant' ? 'info' : 'muted'}`}>{t(`keys.role.${k.role}`)}</span>
                        {active ? <span className="pill ok" style={{ marginLeft: 4 }}>{t('keys.active')}</span> : null}
                      </td>
                      <td className="mono">
                        <div data-testid="key-id">{k.keyId}</div>
                        <div className="small muted">
                          {k.label}
                          {k.mchid ? ` · mchid ${k.mchid}` : ''}
                        </div>
                      </td>
                      <td className="hash" style={{ maxWidth: 260 }}>
                        {k.fingerprint}
                      </td>
                      <td className="small">
                        <div>
                          RSA {k.bits} · {t(`keys.source.${k.source}`)} · {k.hasPrivateKey ? t('keys.halves.both') : t('keys.halves.public')}
                        </div>
                        {k.certificate ? (
                          <div className={k.certificate.expired ? 'muted' : 'muted'} style={k.certificate.expired ? { color: 'var(--err)' } : undefined}>
                            {t('keys.certUntil', { date: k.certificate.notAfter.slice(0, 10) })}
                          </div>
                        ) : null}
                      </td>
                      <td style={{ whiteSpace: 'nowrap' }}>
                        {k.hasPrivateKey ? (
                          <button
                            type="button"
                            className="btn small"
                            onClick={() => (k.role === 'merchant' ? wb.setMerchantKeyId(k.id) : wb.setPlatformKeyId(k.id))}
                          >
                            {t('keys.use')}
                          </button>
                        ) : null}{' '}
                        <button type="button" className="btn small" data-testid="key-doctor-run" onClick={() => void examine(k.id)}>
                          {t('keys.doctor')}
                        </button>{' '}
                        {confirming === k.id ? (
                          <span data-testid="key-remove-confirm">
                            <span className="small">{t('keys.removeConfirm')}</span>{' '}
                            <button type="button" className="btn small danger" data-testid="key-remove-yes" onClick={() => void remove(k.id)}>
                              {t('keys.removeYes')}
                            </button>{' '}
                            <button type="button" className="btn small" data-testid="key-remove-no" onClick={() => setConfirming(null)}>
                              {t('keys.removeNo')}
                            </button>
                          </span>
                        ) : (
                          <button type="button" className="btn small danger" data-testid="key-remove" onClick={() => setConfirming(k.id)}>
                            {t('keys.remove')}
                          </button>
                        )}
                      </td>
                    </tr>
                    {doctor?.id === k.id ? (
                      <tr data-testid="key-row-findings">
                        <td colSpan={5}>
                          <KeyFindings findings={doctor.findings} />
                        </td>
                      </tr>
                    ) : null}
                    </Fragment>
                  );
                })}
              </tbody>
            </table>
          )}
        </Card>
        <div className="grid-2">
          <KeyImportForm />
          <KeyDoctor />
        </div>
      </div>
    </div>
  );
}
