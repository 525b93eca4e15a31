import { useEffect, useState } from 'react';
import type { ApiErrorShape, ExportLanguage, HistoryEntry, HistorySummary, SendRunOutput } from '../../shared/api.js';
import { BodyView } from '../components/body-view.js';
import { Card } from '../components/card.js';
import { CopyButton } from '../components/copy-button.js';
import { ErrorNotice } from '../components/error-notice.js';
import { ExchangeResult } from '../components/exchange-result.js';
import { HeadersTable } from '../components/headers-table.js';
import { PaneTitle } from '../components/pane-title.js';
import { SendConfirmation } from '../components/send-confirmation.js';
import { StatusCode } from '../components/status-code.js';
import { useI18n } from '../i18n/use-i18n.js';
import { useWorkbench } from '../state/use-workbench.js';
import { targetUrl } from '../util/target-url.js';
import { toRawHttpRequest } from '../util/to-raw-http-request.js';
import { isWechatPayUrl } from '../../shared/wechatpay-host.js';
import type { MessageKey } from '../i18n/messages.js';
import { confirmationQuestion } from '../util/confirmation-question.js';

const LANGUAGES: ExportLanguage[] = ['curl', 'node', 'java', 'go'];

/**
 * History: every sent and received exchange, searchable; each can be re-sent with a fresh signature,
 * opened in Decode or exported as a curl / Node / Java / Go snippet.
 *
 * @example
 * <HistoryPane />
 */
export function HistoryPane() {
  const { t } = useI18n();
  const { api, historyVersion, bumpHistory, openInDecode, pane, info, receiver } = useWorkbench();
  const [query, setQuery] = useState('');
  const [entries, setEntries] = useState<HistorySummary[]>([]);
  const [total, setTotal] = useState(0);
  const [entry, setEntry] = useState<HistoryEntry | null>(null);
  const [snippet, setSnippet] = useState<{ language: ExportLanguage; code: string; filename: string } | null>(null);
  const [resent, setResent] = useState<SendRunOutput | null>(null);
  const [error, setError] = useState<ApiErrorShape | null>(null);
  // A re-send is a new request: it asks first, naming where it goes, and sends nothing until the user says yes.
  // A production key or profile behind the entry is found by the backend guard: then it asks again, naming why.
  const [confirming, setConfirming] = useState<{ destination: string; production: boolean; message?: MessageKey; yes?: MessageKey } | null>(null);

  useEffect(() => {
    if (pane !== 'history') return;
    let cancelled = false;
    const q = query.trim();
    void (q ? api.history.search({ query: q, limit: 200 }) : api.history.list({ limit: 200 })).then((r) => {
      if (cancelled || !r.ok) return;
      setEntries(r.data.entries);
      setTotal(r.data.total);
      // The details shown must belong to a listed row.
      setEntry((current) => (current && r.data.entries.some((e) => e.id === current.id) ? current : null));
    });
    return () => {
      cancelled = true;
    };
  }, [api, query, historyVersion, pane]);

  const select = async (id: string) => {
    setConfirming(null);
    setSnippet(null);
    setResent(null);
    setError(null);
    const r = await api.history.get({ id });
    if (r.ok) setEntry(r.data.entry);
    else setError(r.error);
  };
  const exportAs = async (language: ExportLanguage) => {
    if (!entry) return;
    const r = await api.history.export({ id: entry.id, language });
    if (r.ok) setSnippet(r.data);
    else setError(r.error);
  };
  const askResend = () => {
    if (!entry) return;
    const destination = targetUrl(entry.target ?? { kind: 'local' }, info, receiver?.url) ?? entry.url;
    setResent(null);
    setConfirming({ destination, production: isWechatPayUrl(destination) });
  };
  const resend = async () => {
    if (!entry || !confirming) return;
    const { production, destination } = confirming;
    setConfirming(null);
    const r = await api.history.resend({ id: entry.id, ...(production ? { confirmProduction: true as const } : {}) });
    const question = r.ok ? undefined : confirmationQuestion(r.error);
    if (r.ok) {
      setResent(r.data);
      bumpHistory();
    } else if (question && !production) setConfirming({ destination, production: true, message: question.message, yes: question.yes });
    else setError(r.error);
  };

  return (
    <div data-testid="history-pane">
      <PaneTitle pane="history">
        <span className="muted small">{total}</span>
      </PaneTitle>
      <div className="stack">
        <input className="input" data-testid="history-search" placeholder={t('history.search')} value={query} onChange={(e) => setQuery(e.target.value)} />
        <Card title={t('pane.history')} flush>
          {entries.length === 0 ? (
            <div className="empty" data-testid="history-empty">
              {query.trim() ? t('history.noMatch', { query: query.trim() }) : t('history.empty')}
            </div>
          ) : (
            <table className="bytes-table">
              <thead>
                <tr>
                  <th>{t('common.time')}</th>
                  <th>{t('history.col.dir')}</th>
                  <th>HTTP</th>
                  <th>{t('receiver.col.code')}</th>
                  <th>{t('receiver.col.request')}</th>
                  <th>URL</th>
                  <th>ms</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => (
                  <tr key={e.id} className={`clickable${entry?.id === e.id ? ' selected' : ''}`} data-testid="history-row" data-ok={e.ok} onClick={() => void select(e.id)}>
                    <td className="mono nowrap">{e.at.slice(11, 19)}</td>
                    <td>
                      <span className={`pill ${e.direction === 'sent' ? 'info' : 'muted'}`}>{e.direction === 'sent' ? `↑ ${t('history.sent')}` : `↓ ${t('history.received')}`}</span>
                    </td>
                    <td>
                      <StatusCode status={e.status} />
                    </td>
                    <td>
                      <code className={`pill ${e.ok ? 'ok' : 'err'}`}>{e.code}</code>
                    </td>
                    <td className="mono">{e.outRequestNo ?? ''}</td>
                    <td className="mono truncate" style={{ maxWidth: 280 }}>
                      {e.url}
                    </td>
                    <td className="mono nowrap">{e.durationMs !== undefined ? e.durationMs.toFixed(1) : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Card>
        {error ? <ErrorNotice error={error} testId="history-error" /> : null}
        {entry ? (
          <>
            <div className="row">
              <button type="button" className="btn primary" data-testid="history-resend" disabled={entry.direction !== 'sent'} onClick={askResend}>
                {t('history.resend')}
              </button>
              <button
                type="button"
                className="btn"
                data-testid="history-open-decode"
                onClick={() => openInDecode('raw-http', toRawHttpRequest(entry.request.method, entry.request.url, entry.request.headers, entry.request.body.text))}
              >
                {t('history.openDecode')}
              </button>
              <span className="grow" />
              <span className="muted">{t('history.export')}</span>
              {LANGUAGES.map((l) => (
                <button key={l} type="button" className="btn small" data-testid={`history-export-${l}`} onClick={() => void exportAs(l)}>
                  {l}
                </button>
              ))}
            </div>
            {confirming ? (
              <SendConfirmation
                testId="history-confirm-resend"
                prefix="history-confirm"
                destination={confirming.destination}
                message={t(confirming.message ?? (confirming.production ? 'send.confirmProduction' : 'history.confirmResend'))}
                yes={t(confirming.yes ?? (confirming.production ? 'send.confirmYes' : 'history.confirmResendYes'))}
                no={t('send.confirmNo')}
                production={confirming.production}
                onYes={() => void resend()}
                onNo={() => setConfirming(null)}
              />
            ) : null}
            {snippet ? (
              <Card title={snippet.filename} flush actions={<CopyButton text={snippet.code} />} testId="history-snippet">
                <pre className="code">{snippet.code}</pre>
              </Card>
            ) : null}
            {resent ? <ExchangeResult result={resent} /> : null}
            <div className="grid-2">
              <Card title={`${entry.request.method} ${entry.request.url}`} flush>
                <HeadersTable headers={entry.request.headers} />
                <BodyView bytes={entry.request.body} />
              </Card>
              <Card title={t('send.answer')} flush hint={<StatusCode status={entry.response?.status} />}>
                {entry.response ? (
                  <>
                    <HeadersTable headers={entry.response.headers} />
                    <BodyView bytes={entry.response.body} />
                  </>
                ) : entry.error ? (
                  <ErrorNotice error={entry.error} />
                ) : null}
              </Card>
            </div>
          </>
        ) : (
          <div className="empty">{t('history.select')}</div>
        )}
      </div>
    </div>
  );
}
