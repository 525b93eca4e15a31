import type { FieldReport } from '../../shared/api.js';
import { useI18n } from '../i18n/use-i18n.js';

/**
 * Parsed notification fields with the documentation's labels (Chinese and English), values and issues.
 *
 * @example
 * <FieldValues fields={out.fields} />
 */
export function FieldValues({ fields }: { fields: FieldReport[] }) {
  const { lang } = useI18n();
  return (
    <table className="bytes-table" data-testid="decode-fields">
      <tbody>
        {fields
          .filter((f) => f.present || f.required)
          .map((f) => (
            <tr key={f.name} data-testid={`decode-field-${f.name}`}>
              <th style={{ width: 190 }}>
                {lang === 'zh' ? f.labelZh : f.labelEn}
                <div className="mono small muted">{f.name}</div>
              </th>
              <td className="mono">
                {f.present ? (typeof f.value === 'string' ? f.value : JSON.stringify(f.value)) : <span className="muted">—</span>}
                {f.issue ? <div className="small" style={{ color: 'var(--err)' }}>{f.issue}</div> : null}
              </td>
            </tr>
          ))}
      </tbody>
    </table>
  );
}
