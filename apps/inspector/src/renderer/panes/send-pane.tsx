import { useEffect, useState } from 'react';
import type { ApiErrorShape, SendTarget } from '../../shared/api.js';
import { Card } from '../components/card.js';
import { ErrorNotice } from '../components/error-notice.js';
import { ExchangeResult } from '../components/exchange-result.js';
import { KeySelect } from '../components/key-select.js';
import { PaneTitle } from '../components/pane-title.js';
import { SendConfirmation } from '../components/send-confirmation.js';
import { useI18n } from '../i18n/use-i18n.js';
import { useWorkbench } from '../state/use-workbench.js';
import { signOverrides } from '../util/sign-overrides.js';
import { confirmationQuestion } from '../util/confirmation-question.js';
import type { MessageKey } from '../i18n/messages.js';

type TargetKind = 'local' | 'url' | 'primary' | 'backup';

/**
 * Send: sign the composed bytes and POST them to the local receiver (default), any server, or the
 * primary / backup WeChat Pay host; show request, answer, the answer's signature verdict and timing.
 *
 * @example
 * <SendPane />
 */
export function SendPane() {
  const { t } = useI18n();
  const wb = useWorkbench();
  const [kind, setKind] = useState<TargetKind>('local');
  const [url, setUrl] = useState('http://127.0.0.1:8080/v3/aggracct-bc/wb-channel/control-orders/info/update/result/notify');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiErrorShape | null>(null);
  // Real traffic asks first: the backend refuses it without the user's yes (CONFIRMATION_REQUIRED) and says
  // where it would go and why; the question stays until the user says yes or no.
  const [confirming, setConfirming] = useState<{ host: string; message: MessageKey; yes: MessageKey } | null>(null);

  // Choosing a profile sets its target.
  const applied = wb.appliedProfile;
  useEffect(() => {
    if (!applied) return;
    const to = applied.profile.target;
    setKind(to.kind === 'host' ? to.host : to.kind);
    if (to.kind === 'url') setUrl(to.url);
    setConfirming(null);
  }, [applied]);

  const target = (): SendTarget =>
    kind === 'local' ? { kind: 'local' } : kind === 'url' ? { kind: 'url', url } : { kind: 'host', host: kind };

  const send = async (confirmed = false) => {
    if (!wb.merchantKeyId) return;
    setConfirming(null);
    setBusy(true);
    setError(null);
    // The previous answer belongs to the previous request: never show it beside a new one.
    wb.setLastSend(null);
    const { url: signedUrl, ...pins } = signOverrides(wb.signParams);
    void signedUrl; // The target decides the URL; its path + query is what gets signed.
    const result = await wb.api.send.run({
      target: target(),
      keyId: wb.merchantKeyId,
      answerKeyId: wb.platformKeyId,
      body: { kind: 'text', text: wb.bodyText },
      ...(pins.timestamp !== undefined ? { timestamp: pins.timestamp } : {}),
      ...(pins.nonce !== undefined ? { nonce: pins.nonce } : {}),
      ...(confirmed ? { confirmProduction: true as const } : {}),
    });
    setBusy(false);
    const question = result.ok ? undefined : confirmationQuestion(result.error);
    if (result.ok) wb.setLastSend(result.data);
    else if (question) setConfirming(question);
    else setError(result.error);
    void wb.refreshReceiver();
    wb.bumpHistory();
  };

  const targets: TargetKind[] = ['local', 'url', 'primary', 'backup'];
  const host = kind === 'primary' ? wb.info?.primaryHost : kind === 'backup' ? wb.info?.backupHost : undefined;
  return (
    <div data-testid="send-pane">
      <PaneTitle pane="send" />
      <div className="stack">
        <Card title={t('send.target')}>
          <div className="row">
            <div className="enum-pick">
              {targets.map((k) => (
                <button key={k} type="button" data-testid={`send-target-${k}`} className={kind === k ? 'active pass' : ''} onClick={() => {
                    setKind(k);
                    setConfirming(null);
                  }}
                >
                  {t(`send.target.${k === 'url' ? 'custom' : k}`)}
                </button>
              ))}
            </div>
            <span className="mono small grow truncate" data-testid="send-target-url">
              {kind === 'local' ? (wb.receiver?.url ?? '—') : kind === 'url' ? null : `${host ?? ''}${wb.info?.notifyPath ?? ''}`}
            </span>
            {kind === 'url' ? (
              <input className="input mono grow" data-testid="send-url" value={url} onChange={(e) => setUrl(e.target.value)} />
            ) : null}
          </div>
          <div className="row" style={{ marginTop: 8 }}>
            <span className="muted">{t('sign.key')}</span>
            <KeySelect keys={wb.keys} role="merchant" value={wb.merchantKeyId} onChange={wb.setMerchantKeyId} testId="send-key" />
            <span className="muted">{t('receiver.answerKeys')}</span>
            <KeySelect keys={wb.keys} role="platform" value={wb.platformKeyId} onChange={wb.setPlatformKeyId} testId="send-answer-key" />
            <span className="grow" />
            {wb.signParams.timestamp || wb.signParams.nonce ? (
              <span className="pill warn" data-testid="send-pinned">
                {t('sign.timestamp')}: {wb.signParams.timestamp || t('sign.auto')} · {t('sign.nonce')}: {wb.signParams.nonce || t('sign.auto')}
              </span>
            ) : null}
            <button type="button" className="btn primary" data-testid="send-run" disabled={busy || !wb.merchantKeyId} onClick={() => void send()}>
              {busy ? t('send.sending') : t('send.send')}
            </button>
          </div>
          {confirming ? (
            <SendConfirmation
              testId="send-confirm-production"
              prefix="send-confirm"
              destination={confirming.host}
              message={t(confirming.message)}
              yes={t(confirming.yes)}
              no={t('send.confirmNo')}
              production
              onYes={() => void send(true)}
              onNo={() => setConfirming(null)}
            />
          ) : null}
        </Card>
        {error ? <ErrorNotice error={error} testId="send-error" /> : null}
        {wb.lastSend ? <ExchangeResult result={wb.lastSend} /> : <div className="empty">{t('send.nothing')}</div>}
      </div>
    </div>
  );
}
