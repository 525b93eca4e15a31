import type { LabelledValue } from '../../shared/api.js';
import { useI18n } from '../i18n/use-i18n.js';
import { BackendText } from './backend-text.js';

/**
 * Authorization fields or `Wechatpay-*` headers with their labels and per-value verdicts.
 *
 * @example
 * <LabelledValues values={out.signatureFields} />
 */
export function LabelledValues({ values, testId }: { values: LabelledValue[]; testId?: string }) {
  const { lang } = useI18n();
  // Labels are bilingual (`timestamp — 时间戳 (Unix seconds)`): the Chinese UI drops the English gloss.
  const label = (text: string): string => (lang === 'zh' ? text.replace(/\s*\([A-Za-z][^()]*\)$/, '') : text);
  return (
    <table className="bytes-table" data-testid={testId}>
      <tbody>
        {values.map((v) => (
          <tr key={v.name}>
            <th style={{ width: 150 }}>
              {label(v.label)}
              <div className="mono small muted">{v.name}</div>
            </th>
            <td>
              {v.ok === false ? <span className="pill err">✗</span> : v.ok === true ? <span className="pill ok">✓</span> : null} <span className="mono">{v.value}</span>
              {/* The note is prose, not data: outside the monospaced value, so it is read (and translated) as text. */}
              {v.note ? <div className="small muted"><BackendText text={v.note} /></div> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
