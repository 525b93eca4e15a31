import { useEffect, useState } from 'react';
import type { ApiErrorShape, DecodeRunOutput } from '../../shared/api.js';
import { BodyView } from '../components/body-view.js';
import { Card } from '../components/card.js';
import { DiagnosisView } from '../components/diagnosis-view.js';
import { ErrorNotice } from '../components/error-notice.js';
import { FieldValues } from '../components/field-values.js';
import { HeadersTable } from '../components/headers-table.js';
import { BackendText } from '../components/backend-text.js';
import { DocExampleLink } from '../components/doc-example.js';
import { LabelledValues } from '../components/labelled-values.js';
import { LikelyCause } from '../components/likely-cause.js';
import { PaneTitle } from '../components/pane-title.js';
import { VerdictBanner } from '../components/verdict-banner.js';
import { useI18n } from '../i18n/use-i18n.js';
import type { MessageKey } from '../i18n/messages.js';
import { useWorkbench } from '../state/use-workbench.js';
import type { DecodeKind } from '../state/workbench-context.js';
import { buildDecodeSource } from '../util/build-decode-source.js';
import { detectDecodeKind } from '../util/detect-decode-kind.js';

const KINDS: Array<{ kind: DecodeKind; label: MessageKey }> = [
  { kind: 'auto', label: 'decode.kind.auto' },
  { kind: 'raw-http', label: 'decode.kind.http' },
  { kind: 'curl', label: 'decode.kind.curl' },
  { kind: 'parts', label: 'decode.kind.headers' },
  { kind: 'answer', label: 'decode.kind.response' },
  { kind: 'callback', label: 'decode.kind.callback' },
];

/**
 * Decode: paste a raw HTTP request, a curl command, headers + body, a signed answer or an encrypted
 * callback; see the labelled fields, the verdict and, on failure, the byte diff and the likely cause.
 *
 * @example
 * <DecodePane />
 */
export function DecodePane() {
  const { t, backend } = useI18n();
  const { api, decodeRequest, setBodyText, setSignParams, setPane } = useWorkbench();
  // A captured or pasted request (a curl, a raw request) becomes the next one to compose: its exact body
  // text, its method and its path + query.
  const openInCompose = (request: { method: string; url: string; body: { text: string } }) => {
    const path = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*(.*)$/i.exec(request.url)?.[1] ?? request.url;
    setBodyText(request.body.text);
    setSignParams({ method: request.method, url: path || '/', timestamp: '', nonce: '' });
    setPane('compose');
  };
  const [kind, setKind] = useState<DecodeKind>('auto');
  const [text, setText] = useState('');
  const [apiV3Key, setApiV3Key] = useState('');
  const [busy, setBusy] = useState(false);
  const [out, setOut] = useState<DecodeRunOutput | null>(null);
  /** The input the shown result was computed from: a result beside other input is marked stale. */
  const [ranOn, setRanOn] = useState<string | null>(null);
  const [error, setError] = useState<ApiErrorShape | null>(null);
  // The documentation's curl example comes from core's testing entry, through the backend.
  const [curlExample, setCurlExample] = useState('');

  useEffect(() => {
    let cancelled = false;
    void api.compose.sample({}).then((result) => {
      if (!cancelled && result.ok) setCurlExample(result.data.curlExample);
    });
    return () => {
      cancelled = true;
    };
  }, [api]);

  const run = async (k: DecodeKind, input: string) => {
    setBusy(true);
    setError(null);
    const result = await api.decode.run({ input: buildDecodeSource(k, input, apiV3Key) });
    setBusy(false);
    setRanOn(`${k}\u0000${input}\u0000${apiV3Key}`);
    if (result.ok) setOut(result.data);
    else {
      setOut(null);
      setError(result.error);
    }
  };

  useEffect(() => {
    if (!decodeRequest) return;
    setKind(decodeRequest.kind);
    setText(decodeRequest.text);
    void run(decodeRequest.kind, decodeRequest.text);
    // Only a new request from another pane re-runs the decoder, not edits of the key or kind.
  }, [decodeRequest]);

  const detected = kind === 'auto' && text.trim() ? detectDecodeKind(text) : null;
  const stale = (out !== null || error !== null) && ranOn !== null && ranOn !== `${kind}\u0000${text}\u0000${apiV3Key}`;
  const verdicts = out?.diagnosis ? splitVerdicts(out.diagnosis.checks) : null;
  const v = out?.verdict;
  const level = !v ? 'err' : v.ok ? 'ok' : v.kind === 'body-invalid' || v.kind === 'unverifiable' ? 'warn' : 'err';

  return (
    <div data-testid="decode-pane">
      <PaneTitle pane="decode" />
      <div className="grid-2">
        <Card
          title={t('decode.input')}
          actions={
            <span className="row">
              <DocExampleLink testId="decode-doc-example" />
              <button
              type="button"
              className="btn small"
              data-testid="decode-sample-curl"
              disabled={!curlExample}
              onClick={() => {
                setKind('curl');
                setText(curlExample);
              }}
            >
              {t('decode.sampleCurl')}
              </button>
            </span>
          }
        >
          <div className="tabs">
            {KINDS.map((k) => (
              <button key={k.kind} type="button" data-testid={`decode-kind-${k.kind}`} className={kind === k.kind ? 'active' : ''} onClick={() => setKind(k.kind)}>
                {t(k.label)}
                {k.kind === 'auto' && detected ? <span className="muted small"> ({detected})</span> : null}
              </button>
            ))}
          </div>
          <textarea
            className="textarea mono"
            rows={13}
            data-testid="decode-input"
            // Never soft-wrap: a wrapped line would look like a line break inside the captured bytes.
            wrap="off"
            spellCheck={false}
            placeholder={t('decode.paste')}
            value={text}
            onChange={(e) => setText(e.target.value)}
            // Pasted text brings its own type (a curl after a raw request from a receiver row): detect it.
            onPaste={() => setKind('auto')}
          />
          {kind === 'callback' || detected === 'callback' ? (
            <input className="input mono" style={{ width: '100%', marginTop: 6 }} data-testid="decode-apiv3-key" placeholder={t('decode.apiV3Key')} value={apiV3Key} onChange={(e) => setApiV3Key(e.target.value)} />
          ) : null}
          <div className="row end" style={{ marginTop: 8 }}>
            <button type="button" className="btn primary" data-testid="decode-run" disabled={busy || !text.trim()} onClick={() => void run(kind, text)}>
              {t('decode.decode')}
            </button>
          </div>
        </Card>
        <div className={`stack${stale ? ' stale' : ''}`} data-stale={stale}>
          {stale ? (
            <div className="notice warn" data-testid="decode-stale">
              {t('decode.stale')}
            </div>
          ) : null}
          {error ? <ErrorNotice error={error} testId="decode-error" /> : null}
          {out && v ? (
            <>
              <VerdictBanner level={level} kind={v.kind} code={v.ok ? undefined : v.code} testId="decode-verdict" title={v.kind === 'signature-invalid' && verdicts?.signature === 'ok' ? t('verdict.decode.signature-valid-stale') : t(`verdict.decode.${v.kind}`)} detail={out.diagnosis?.likelyCause && !v.ok ? backend('causeTitle', out.diagnosis.likelyCause.code, v.title) : <><BackendText text={v.title} /> — <BackendText text={v.message} /></>} />
              {verdicts ? (
                <ul className="checks" data-testid="decode-verdicts">
                  {(['signature', 'freshness'] as const).map((part) => (
                    <li key={part} data-testid={`decode-verdict-${part}`} data-state={verdicts[part]}>
                      <span className={`mark ${verdicts[part] === 'ok' ? 'ok' : verdicts[part] === 'failed' ? 'err' : ''}`}>{verdicts[part] === 'ok' ? '✓' : verdicts[part] === 'failed' ? '✗' : '–'}</span>
                      <span className="name">{t(`verdict.part.${part}`)}</span>
                      <span className="detail">{t(`verdict.part.${verdicts[part]}`)}</span>
                    </li>
                  ))}
                </ul>
              ) : null}
              {out.diagnosis?.likelyCause && !out.diagnosis.verified ? <LikelyCause cause={out.diagnosis.likelyCause} /> : null}
              {out.signatureFields.length > 0 ? (
                <Card title={t('decode.verdict')} flush>
                  <LabelledValues values={out.signatureFields} testId="decode-signature-fields" />
                </Card>
              ) : null}
              {out.schemaErrors.length + out.warnings.length > 0 ? (
                <div className="stack" style={{ gap: 4 }}>
                  {out.schemaErrors.map((e) => (
                    <div key={`${e.field}:${e.issue}`} className="notice err">
                      <code>{e.field}</code> <code>{e.issue}</code>: <BackendText text={e.message} />
                    </div>
                  ))}
                  {out.warnings.map((w) => (
                    <div key={`${w.code}:${w.field ?? ''}`} className="notice warn" data-testid="decode-warning" data-code={w.code}>
                      <code>{w.code}</code> {backend('lint', w.code, w.message, { field: w.field ?? '' })}
                    </div>
                  ))}
                </div>
              ) : null}
            </>
          ) : !error ? (
            <div className="empty">{t('decode.nothing')}</div>
          ) : null}
        </div>
      </div>
      {out ? (
        <div className="stack" style={{ marginTop: 14 }}>
          {out.diagnosis ? <DiagnosisView diagnosis={out.diagnosis} /> : null}
          {out.decrypted ? (
            <Card title={t('decode.plaintext')} flush testId="decode-plaintext">
              <pre className="msg-view">{out.decrypted.json !== undefined ? JSON.stringify(out.decrypted.json, null, 2) : out.decrypted.plaintext}</pre>
            </Card>
          ) : null}
          <div className="grid-2">
            {out.fields.length > 0 ? (
              <Card title={t('decode.fields')} flush>
                <FieldValues fields={out.fields} />
              </Card>
            ) : null}
            {out.request ? (
              <Card
                title={t('decode.headers')}
                flush
                hint={<span className="mono">{out.request.method} {out.request.url}</span>}
                actions={
                  <button type="button" className="btn small" data-testid="decode-open-compose" onClick={() => openInCompose(out.request!)}>
                    {t('decode.openInCompose')}
                  </button>
                }
              >
                <HeadersTable headers={out.request.headers} />
                <BodyView bytes={out.request.body} testId="decode-body" />
              </Card>
            ) : null}
          </div>
          {out.response ? (
            <Card title={t('send.answer')} flush hint={<span className="mono">{out.response.status}</span>}>
              <HeadersTable headers={out.response.headers} />
              <BodyView bytes={out.response.body} testId="decode-body" />
            </Card>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

type PartState = 'ok' | 'failed' | 'unchecked';

/**
 * The two separate verdicts of a decoded request: does the signature verify, and are timestamp and nonce
 * acceptable (inside the 5-minute window). A valid signature on a stale request is not a bad signature.
 */
function splitVerdicts(checks: { name: string; ok: boolean }[]): { signature: PartState; freshness: PartState } {
  const state = (name: string): PartState => {
    const check = checks.find((c) => c.name === name);
    return check === undefined ? 'unchecked' : check.ok ? 'ok' : 'failed';
  };
  return { signature: state('signature'), freshness: state('timestamp_window') };
}
