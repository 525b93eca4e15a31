import type { LabelledValue } from '../../shared/api.js';
import { userText } from '../util/user-text.js';

/**
 * Authorization fields or `Wechatpay-*` headers with their labels and per-value verdicts.
 *
 * @example
 * <LabelledValues values={out.signatureFields} />
 */
export function LabelledValues({ values, testId }: { values: LabelledValue[]; testId?: string }) {
  return (
    <table className="bytes-table" data-testid={testId}>
      <tbody>
        {values.map((v) => (
          <tr key={v.name}>
            <th style={{ width: 150 }}>
              {v.label}
              <div className="mono small muted">{v.name}</div>
            </th>
            <td className="mono">
              {v.ok === false ? <span className="pill err">✗</span> : v.ok === true ? <span className="pill ok">✓</span> : null} {v.value}
              {v.note ? <div className="small muted" style={{ fontFamily: 'var(--sans)' }}>{userText(v.note)}</div> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
