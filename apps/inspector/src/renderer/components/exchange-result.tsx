import type { SendRunOutput } from '../../shared/api.js';
import { useI18n } from '../i18n/use-i18n.js';
import { useWorkbench } from '../state/use-workbench.js';
import { toRawHttpResponse } from '../util/to-raw-http-response.js';
import { BodyView } from './body-view.js';
import { Card } from './card.js';
import { ErrorNotice } from './error-notice.js';
import { HeadersTable } from './headers-table.js';
import { StatusCode } from './status-code.js';
import { VerdictBanner } from './verdict-banner.js';
import { BackendText } from './backend-text.js';

/**
 * One send's outcome: verdict, timing, the request as sent (with the signed-body and sent-body hashes
 * side by side), the answer and its signature verdict. Used by Send and by History's re-send.
 *
 * @example
 * <ExchangeResult result={sendOutput} />
 */
export function ExchangeResult({ result }: { result: SendRunOutput }) {
  const { t } = useI18n();
  const { openInDecode } = useWorkbench();
  const v = result.verdict;
  const level = v.ok ? 'ok' : v.kind === 'answer-unverified' ? 'warn' : 'err';
  const same = result.request.signedBodySha256 === result.request.sentBodySha256;
  const answerVerified = v.kind === 'accepted';
  return (
    <div className="stack" data-testid="exchange-result">
      <VerdictBanner
        level={level}
        kind={v.kind}
        code={v.ok ? undefined : (v.reason ?? v.code)}
        testId="send-verdict"
        title={t(`verdict.send.${v.kind}`)}
        detail={
          <>
            <BackendText text={v.title} />: <BackendText text={v.message} /> · <span data-testid="send-timing">{t('send.timing', { ms: result.timing.durationMs.toFixed(1) })}</span>
          </>
        }
      />
      {result.error ? <ErrorNotice error={result.error} testId="send-error" /> : null}
      <div className="grid-2">
        <Card
          title={t('send.request')}
          flush
          hint={
            <span className="mono">
              {result.request.method} {result.request.url}
            </span>
          }
        >
          <HeadersTable headers={result.request.headers} testId="send-request-headers" />
          <BodyView bytes={result.request.body} testId="send-request-body" />
          <div className="diff-head" style={{ flexDirection: 'column', gap: 2 }} data-testid="send-hashes" data-match={same}>
            <span>
              {t('send.bodySigned')}: <span className={`hash ${same ? 'match' : 'mismatch'}`}>{result.request.signedBodySha256}</span>
            </span>
            <span>
              {t('send.bodySent')}: <span className={`hash ${same ? 'match' : 'mismatch'}`}>{result.request.sentBodySha256}</span>
            </span>
            <span className={same ? 'pill ok' : 'pill err'} style={{ alignSelf: 'flex-start' }}>
              {same ? `✓ ${t('send.hashesMatch')}` : `✗ ${t('send.hashesDiffer')}`}
            </span>
          </div>
        </Card>
        <Card
          title={t('send.answer')}
          flush
          hint={<StatusCode status={result.response?.status} testId="send-status" />}
          actions={
            result.response ? (
              <button
                type="button"
                className="btn small"
                data-testid="send-open-decode"
                onClick={() => result.response && openInDecode('answer', toRawHttpResponse(result.response.status, result.response.headers, result.response.body.text))}
              >
                {t('send.openDecode')}
              </button>
            ) : null
          }
        >
          {result.response ? (
            <>
              <div className="diff-head">
                <span>{t('send.answerVerdict')}:</span>
                {result.response.status >= 200 && result.response.status < 300 ? (
                  <span className={`pill ${answerVerified ? 'ok' : 'err'}`} data-testid="send-answer-verdict">
                    {answerVerified ? t('send.verified', { key: v.answerKeyId ?? '' }) : t('send.notVerified')}
                  </span>
                ) : (
                  <span className="pill muted" data-testid="send-answer-verdict">
                    {t('send.errorAnswer')}
                  </span>
                )}
              </div>
              <HeadersTable headers={result.response.headers} testId="send-response-headers" />
              <BodyView bytes={result.response.body} testId="send-response-body" />
            </>
          ) : (
            <div className="empty">—</div>
          )}
        </Card>
      </div>
    </div>
  );
}
