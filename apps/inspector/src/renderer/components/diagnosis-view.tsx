import { useEffect, useState } from 'react';
import type { Diagnosis } from '../../shared/api.js';
import { useI18n } from '../i18n/use-i18n.js';
import { ByteDiffView } from './byte-diff-view.js';
import { Card } from './card.js';
import { VisibleText } from './visible-text.js';
import { BackendText } from './backend-text.js';

const VISIBLE_VARIANTS = 6;

/**
 * Why a signature fails: the checks in the order a receiver runs them,
 * every variant the diagnosis re-built (which ones would have verified), and a byte diff between the
 * message the verifier computed and the selected variant.
 *
 * @example
 * <DiagnosisView diagnosis={out.diagnosis} />
 */
export function DiagnosisView({ diagnosis }: { diagnosis: Diagnosis }) {
  const { t, lang, backend } = useI18n();
  // Variants that verify first: they are the answer to "what would have worked".
  const variants = [...diagnosis.variants].sort((a, b) => Number(b.verifies) - Number(a.verifies));
  const [selected, setSelected] = useState(variants[0]?.verifies ? 0 : -1);
  const [showAll, setShowAll] = useState(false);
  useEffect(() => {
    setSelected(diagnosis.variants.some((v) => v.verifies) ? 0 : -1);
    setShowAll(false);
  }, [diagnosis]);
  const variant = selected >= 0 ? variants[selected] : undefined;
  const shown = showAll ? variants : variants.slice(0, Math.max(VISIBLE_VARIANTS, selected + 1));
  return (
    <div className="stack" data-testid="diagnosis">
      {variant ? (
        <Card title={t('decode.diff', { name: variant.name })} flush testId="decode-diff">
          <ByteDiffView diff={variant.diff} />
        </Card>
      ) : diagnosis.message.byteLength === 0 ? null : (
        <Card title={t('decode.computed')} flush hint={`${diagnosis.message.byteLength} B · sha256 ${diagnosis.message.sha256.slice(0, 16)}…`}>
          <pre className="msg-view" data-testid="decode-computed">
            <VisibleText text={diagnosis.message.text} />
          </pre>
        </Card>
      )}
      <div className={diagnosis.variants.length > 0 ? 'grid-2' : 'stack'}>
        <Card title={t('decode.checks')} testId="decode-checks">
          <ul className="checks">
            {diagnosis.checks.map((c) => (
              <li key={c.name} data-ok={c.ok}>
                <span className={`mark ${c.ok ? 'ok' : 'err'}`}>{c.ok ? '✓' : '✗'}</span>
                <span className="name" data-testid={`check-${c.name}`}>
                  {backend('check', c.name, c.name)}
                  {lang === 'zh' && backend('check', c.name, c.name) !== c.name ? <span className="muted"> {c.name}</span> : null}
                </span>
                <span className="detail"><BackendText text={c.detail} /></span>
              </li>
            ))}
          </ul>
        </Card>
        {variants.length > 0 ? (
          <Card title={t('decode.variants')} flush testId="decode-variants">
            <table className="bytes-table">
              <tbody>
                {shown.map((v, i) => (
                  <tr
                    key={v.name}
                    className={`clickable${i === selected ? ' selected' : ''}`}
                    data-testid={`variant-${v.name}`}
                    data-verifies={v.verifies}
                    onClick={() => setSelected(i)}
                  >
                    <td className="mono" style={{ width: '38%', wordBreak: 'break-all' }}>
                      {v.name}
                    </td>
                    <td><BackendText text={v.description} /></td>
                    <td>
                      <span className={`pill ${v.verifies ? 'ok' : 'muted'}`}>{v.verifies ? t('decode.variantVerifies') : t('decode.variantFails')}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {shown.length < variants.length ? (
              <button type="button" className="btn small" style={{ margin: 8 }} data-testid="decode-more-variants" onClick={() => setShowAll(true)}>
                {t('decode.moreVariants', { n: variants.length - shown.length })}
              </button>
            ) : null}
          </Card>
        ) : null}
      </div>
    </div>
  );
}
