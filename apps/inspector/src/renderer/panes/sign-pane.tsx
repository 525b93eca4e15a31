import { useState } from 'react';
import type { ApiErrorShape } from '../../shared/api.js';
import { AuthorizationView } from '../components/authorization-view.js';
import { Card } from '../components/card.js';
import { ControlPicture } from '../components/control-picture.js';
import { CopyButton } from '../components/copy-button.js';
import { ErrorNotice } from '../components/error-notice.js';
import { KeySelect } from '../components/key-select.js';
import { MessageView } from '../components/message-view.js';
import { PaneTitle } from '../components/pane-title.js';
import { useI18n } from '../i18n/use-i18n.js';
import { useWorkbench } from '../state/use-workbench.js';
import { signOverrides } from '../util/sign-overrides.js';

/**
 * Sign: the exact signing message with visible line ends, its length and SHA-256, the signature and the
 * Authorization header, each part traceable to its source. Timestamp and nonce can be pinned to
 * reproduce a failure seen elsewhere.
 *
 * @example
 * <SignPane />
 */
export function SignPane() {
  const { t } = useI18n();
  const wb = useWorkbench();
  const { signParams: p, setSignParams, signed } = wb;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiErrorShape | null>(null);
  const [hl, setHl] = useState<string | null>(null);

  const sign = async () => {
    if (!wb.merchantKeyId) return;
    setBusy(true);
    setError(null);
    const body = wb.bodyText;
    const result = await wb.api.sign.compute({
      keyId: wb.merchantKeyId,
      answerKeyId: wb.platformKeyId,
      body: { kind: 'text', text: body },
      ...signOverrides(p),
    });
    setBusy(false);
    if (result.ok) wb.setSigned({ output: result.data, bodyText: body });
    else setError(result.error);
  };

  const out = signed?.output;
  const stale = signed !== null && signed.bodyText !== wb.bodyText;
  const ts = Number(p.timestamp);
  const tsNote =
    /^\d+$/.test(p.timestamp) && ts > 0
      ? ts > 1e11
        ? t('sign.tsWarn')
        : Math.abs(Date.now() / 1000 - ts) >= 300
          ? t('sign.tsOld', { n: Math.round(Date.now() / 1000 - ts) })
          : null
      : null;
  const hover = (part: string) => ({ onMouseEnter: () => setHl(part), onMouseLeave: () => setHl(null) });

  return (
    <div data-testid="sign-pane">
      <PaneTitle pane="sign">
        <button type="button" className="btn primary" data-testid="sign-to-send" disabled={!out} onClick={() => wb.setPane('send')}>
          {t('sign.toSend')}
        </button>
      </PaneTitle>
      <div className="stack">
        <Card title={t('sign.request')}>
          <div className="kv" style={{ alignItems: 'center', gridTemplateColumns: 'max-content minmax(0,1fr) max-content minmax(0,1fr)' }}>
            <dt>{t('sign.method')}</dt>
            <dd>
              <input className="input mono part-method" style={{ borderLeftWidth: 3 }} data-testid="sign-method" value={p.method} onChange={(e) => setSignParams({ method: e.target.value })} {...hover('method')} />
            </dd>
            <dt>{t('sign.key')}</dt>
            <dd>
              <KeySelect keys={wb.keys} role="merchant" value={wb.merchantKeyId} onChange={wb.setMerchantKeyId} testId="sign-key" />
            </dd>
            <dt>{t('sign.url')}</dt>
            <dd style={{ gridColumn: '2 / 5' }}>
              <input className="input mono part-url" style={{ width: '100%', borderLeftWidth: 3 }} data-testid="sign-url" value={p.url} onChange={(e) => setSignParams({ url: e.target.value })} {...hover('url')} />
            </dd>
            <dt>{t('sign.timestamp')}</dt>
            <dd className="row">
              <input className="input mono part-timestamp grow" style={{ borderLeftWidth: 3 }} data-testid="sign-timestamp" placeholder={t('sign.auto')} value={p.timestamp} onChange={(e) => setSignParams({ timestamp: e.target.value })} {...hover('timestamp')} />
              <button type="button" className="btn small" onClick={() => setSignParams({ timestamp: String(Math.floor(Date.now() / 1000)) })}>
                {t('compose.now')}
              </button>
            </dd>
            <dt>{t('sign.nonce')}</dt>
            <dd className="row">
              <input className="input mono part-nonce grow" style={{ borderLeftWidth: 3 }} data-testid="sign-nonce" placeholder={t('sign.auto')} value={p.nonce} onChange={(e) => setSignParams({ nonce: e.target.value })} {...hover('nonce')} />
              <button type="button" className="btn small" onClick={() => setSignParams({ nonce: '', timestamp: '' })}>
                {t('sign.fresh')}
              </button>
            </dd>
          </div>
          {tsNote ? <div className="notice warn" style={{ marginTop: 8 }} data-testid="sign-ts-note">{tsNote}</div> : null}
          <div className="row end" style={{ marginTop: 8 }}>
            {stale ? <span className="notice warn" data-testid="sign-stale">{t('sign.stale')}</span> : null}
            <button type="button" className="btn primary" data-testid="sign-run" disabled={busy || !wb.merchantKeyId} onClick={() => void sign()}>
              {busy ? t('sign.signing') : t('sign.sign')}
            </button>
          </div>
        </Card>
        {error ? <ErrorNotice error={error} testId="sign-error" /> : null}
        {out ? (
          <>
            <Card
              title={t('sign.message')}
              hint={
                <>
                  <ControlPicture code="LF" /> {t('sign.messageHint')}
                </>
              }
              testId="sign-message-card"
              flush
              actions={
                <>
                  <span className="pill info" data-testid="sign-length">
                    {t('sign.length')}: {t('common.bytes', { n: out.message.byteLength })}
                  </span>
                  <CopyButton text={out.message.text} />
                </>
              }
            >
              <MessageView message={out.message} parts={out.parts} highlight={hl} onHighlight={setHl} />
              <div className="diff-head">
                <span>
                  {t('common.sha256')}({t('sign.ofMessage')}) <span className="hash" data-testid="sign-message-sha256">{out.message.sha256}</span>
                </span>
              </div>
              <div className="diff-head">
                <span>
                  {t('common.sha256')}({t('sign.ofBody')}) <span className="hash" data-testid="sign-body-sha256">{out.body.sha256}</span> · {t('common.bytes', { n: out.body.byteLength })}
                </span>
              </div>
            </Card>
            <Card title={t('sign.signature')} actions={<CopyButton text={out.signature} />}>
              <div className={`hash part-signature${hl === 'signature' ? ' hl' : ''}`} data-testid="sign-signature" {...hover('signature')}>
                {out.signature}
              </div>
            </Card>
            <Card title={t('sign.authorization')} flush actions={<CopyButton text={out.authorization} testId="copy-authorization" />}>
              <AuthorizationView value={out.authorization} highlight={hl} onHighlight={setHl} />
              <table className="bytes-table">
                <tbody>
                  {Object.entries(out.headers)
                    .filter(([name]) => name.toLowerCase() !== 'authorization')
                    .map(([name, value]) => (
                    <tr key={name}>
                      <th style={{ width: 170 }}>{name}</th>
                      <td className="mono">{value}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Card>
          </>
        ) : (
          <div className="empty">{t('sign.notSigned')}</div>
        )}
      </div>
    </div>
  );
}
