import { useState } from 'react';
import type { ReceiverEvent } from '../../shared/api.js';
import { BodyView } from '../components/body-view.js';
import { Card } from '../components/card.js';
import { HeadersTable } from '../components/headers-table.js';
import { PaneTitle } from '../components/pane-title.js';
import { StatusCode } from '../components/status-code.js';
import { useI18n } from '../i18n/use-i18n.js';
import { useWorkbench } from '../state/use-workbench.js';
import { base64ToText } from '../util/base64-to-text.js';
import { BackendText } from '../components/backend-text.js';
import { ProfileError } from '../components/profile-error.js';

/**
 * Receiver: the local receiver's status and URL, and a live list of every request it accepted or
 * rejected (with the rejection code), each openable in Decode.
 *
 * @example
 * <ReceiverPane />
 */
export function ReceiverPane() {
  const { t } = useI18n();
  const { api, receiver, events, refreshReceiver, openInDecode } = useWorkbench();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const selected: ReceiverEvent | undefined = events.find((e) => e.id === selectedId) ?? events[0];

  const toggle = async () => {
    if (receiver?.running) await api.receiver.stop();
    else await api.receiver.start({});
    await refreshReceiver();
  };
  const open = (e: ReceiverEvent) => openInDecode('raw-http', base64ToText(e.rawRequestBase64));

  return (
    <div data-testid="receiver-pane">
      <PaneTitle pane="receiver" />
      <div className="stack">
        <Card
          title={t('receiver.status')}
          actions={
            <button type="button" className="btn small" data-testid="receiver-toggle" onClick={() => void toggle()}>
              {receiver?.running ? t('receiver.stop') : t('receiver.start')}
            </button>
          }
        >
          <dl className="kv">
            <dt>{t('receiver.status')}</dt>
            <dd>
              <span className={`pill ${receiver?.running ? 'ok' : 'muted'}`} data-testid="receiver-running">
                {receiver?.running ? t('receiver.running') : t('receiver.stopped')}
              </span>{' '}
              <span className="pill ok">
                {t('receiver.accepted')} {receiver?.accepted ?? 0}
              </span>{' '}
              <span className="pill err">
                {t('receiver.rejected')} {receiver?.rejected ?? 0}
              </span>
            </dd>
            <dt>{t('receiver.url')}</dt>
            <dd data-testid="receiver-url">{receiver?.url ?? '—'}</dd>
            {receiver?.pinnedPort !== undefined ? (
              <>
                <dt>{t('profiles.port')}</dt>
                <dd data-testid="receiver-pinned-port">
                  {receiver.pinnedPort} ({t('profiles.pinned')})
                </dd>
              </>
            ) : null}
            <dt>{t('receiver.senders')}</dt>
            <dd>{receiver?.senders.join(', ') || '—'}</dd>
            <dt>{t('receiver.answerKeys')}</dt>
            <dd>{receiver?.answerKeys.join(', ') || '—'}</dd>
          </dl>
          {receiver?.error ? <ProfileError error={receiver.error} testId="receiver-error" /> : null}
        </Card>
        <Card title={t('receiver.incoming')} flush testId="receiver-events">
          {events.length === 0 ? (
            <div className="empty">{t('receiver.empty')}</div>
          ) : (
            <table className="bytes-table">
              <thead>
                <tr>
                  <th>{t('receiver.col.time')}</th>
                  <th>{t('receiver.col.result')}</th>
                  <th>HTTP</th>
                  <th>{t('receiver.col.code')}</th>
                  <th>{t('receiver.col.request')}</th>
                  <th>{t('receiver.col.serial')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {events.map((e) => (
                  <tr
                    key={e.id}
                    className={`clickable${selected?.id === e.id ? ' selected' : ''}`}
                    data-testid="receiver-event"
                    data-outcome={e.outcome}
                    data-code={e.code ?? ''}
                    onClick={() => setSelectedId(e.id)}
                  >
                    <td className="mono nowrap">{e.at.slice(11, 19)}</td>
                    <td>
                      <span className={`pill ${e.outcome === 'accepted' ? 'ok' : 'err'}`}>
                        {e.outcome === 'accepted' ? `✓ ${t('receiver.accepted')}` : `✗ ${t('receiver.rejected')}`}
                      </span>
                    </td>
                    <td>
                      <StatusCode status={e.status} />
                    </td>
                    <td>
                      <code>{e.code ?? ''}</code>
                    </td>
                    <td className="mono">{e.outRequestNo ?? ''}</td>
                    <td className="mono truncate" style={{ maxWidth: 160 }}>
                      {e.serialNo ?? ''}
                    </td>
                    <td>
                      <button
                        type="button"
                        className="btn small"
                        data-testid="receiver-open-decode"
                        disabled={!e.rawRequestBase64}
                        title={e.rawRequestBase64 ? undefined : t('receiver.noRawRequest')}
                        onClick={(ev) => {
                          ev.stopPropagation();
                          open(e);
                        }}
                      >
                        {t('receiver.openDecode')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Card>
        {selected ? (
          <div className="grid-2">
            <Card title={`${selected.request.method} ${selected.request.url}`} flush>
              <div className="diff-head"><BackendText text={selected.message} /></div>
              <HeadersTable headers={selected.request.headers} />
              <BodyView bytes={selected.request.body} />
            </Card>
            <Card title={t('send.answer')} flush hint={<StatusCode status={selected.response.status} />}>
              <HeadersTable headers={selected.response.headers} />
              <BodyView bytes={selected.response.body} />
            </Card>
          </div>
        ) : null}
      </div>
    </div>
  );
}
