import { useEffect, useState } from 'react';
import type { Diagnosis } from '../../shared/api.js';
import { useI18n } from '../i18n/use-i18n.js';
import { ByteDiffView } from './byte-diff-view.js';
import { Card } from './card.js';
import { VisibleText } from './visible-text.js';

/**
 * Why a signature fails: the single most likely cause, the checks in the order a receiver runs them,
 * every variant the diagnosis re-built (which ones would have verified), and a byte diff between the
 * message the verifier computed and the selected variant.
 *
 * @example
 * <DiagnosisView diagnosis={out.diagnosis} />
 */
export function DiagnosisView({ diagnosis }: { diagnosis: Diagnosis }) {
  const { t } = useI18n();
  const firstVerifying = diagnosis.variants.findIndex((v) => v.verifies);
  const [selected, setSelected] = useState(firstVerifying);
  useEffect(() => setSelected(diagnosis.variants.findIndex((v) => v.verifies)), [diagnosis]);
  const variant = selected >= 0 ? diagnosis.variants[selected] : undefined;
  return (
    <div className="stack" data-testid="diagnosis">
      {!diagnosis.verified && diagnosis.likelyCause ? (
        <div className="cause" data-testid="likely-cause" data-code={diagnosis.likelyCause.code}>
          <div className="small muted">{t('decode.likelyCause')}</div>
          <div className="code">{diagnosis.likelyCause.code}</div>
          <h3>{diagnosis.likelyCause.title}</h3>
          <p>{diagnosis.likelyCause.explanation}</p>
        </div>
      ) : null}
      <div className="grid-2">
        <Card title={t('decode.checks')} testId="decode-checks">
          <ul className="checks">
            {diagnosis.checks.map((c) => (
              <li key={c.name} data-ok={c.ok}>
                <span className={`mark ${c.ok ? 'ok' : 'err'}`}>{c.ok ? '✓' : '✗'}</span>
                <span className="name">{c.name}</span>
                <span className="detail">{c.detail}</span>
              </li>
            ))}
          </ul>
        </Card>
        <Card title={t('decode.variants')} flush testId="decode-variants">
          <table className="bytes-table">
            <tbody>
              {diagnosis.variants.map((v, i) => (
                <tr
                  key={v.name}
                  className={`clickable${i === selected ? ' selected' : ''}`}
                  data-testid={`variant-${v.name}`}
                  data-verifies={v.verifies}
                  onClick={() => setSelected(i)}
                >
                  <td className="mono" style={{ whiteSpace: 'nowrap' }}>
                    {v.name}
                  </td>
                  <td>{v.description}</td>
                  <td>
                    <span className={`pill ${v.verifies ? 'ok' : 'muted'}`}>{v.verifies ? t('decode.variantVerifies') : t('decode.variantFails')}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      </div>
      {variant ? (
        <Card title={t('decode.diff', { name: variant.name })} flush testId="decode-diff">
          <ByteDiffView computed={diagnosis.message.text} variant={variant.message.text} variantName={variant.name} />
        </Card>
      ) : (
        <Card title={t('decode.computed')} flush hint={`${diagnosis.message.byteLength} B · sha256 ${diagnosis.message.sha256.slice(0, 16)}…`}>
          <pre className="msg-view" data-testid="decode-computed">
            <VisibleText text={diagnosis.message.text} />
          </pre>
        </Card>
      )}
    </div>
  );
}
