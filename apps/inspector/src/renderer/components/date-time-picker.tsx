import { useI18n } from '../i18n/use-i18n.js';
import { joinRfc3339 } from '../util/join-rfc3339.js';
import { nowRfc3339 } from '../util/now-rfc3339.js';
import { splitRfc3339 } from '../util/split-rfc3339.js';
import { daysInMonth, localeDateParts, monthNames, type LocaleDatePart } from '../util/locale-date-parts.js';

const OFFSETS = ['+08:00', 'Z', '+00:00', '+09:00', '+05:30', '+01:00', '-05:00', '-08:00'];

/**
 * RFC 3339 date-time picker with an explicit offset (`audit_finish_time`, e.g. `2015-05-20T13:29:35+08:00`):
 * the text stays editable, the picker and offset list write the same text. The picker's fields are laid out
 * in the UI language's own order and words (`2015年5月20日 13:29:35`, `May 20, 2015 at 13:29:35`).
 *
 * @example
 * <DateTimePicker name="audit_finish_time" value={v} onChange={set} />
 */
export function DateTimePicker(props: { name: string; value: string; invalid?: boolean; onChange(value: string): void }) {
  const { t } = useI18n();
  const parts = splitRfc3339(props.value);
  const offset = parts?.offset ?? '+08:00';
  const offsets = OFFSETS.includes(offset) ? OFFSETS : [offset, ...OFFSETS];
  return (
    <div className="row">
      <input
        className={`input mono dt-text${props.invalid ? ' invalid' : ''}`}
        data-testid={`field-${props.name}`}
        value={props.value}
        spellCheck={false}
        onChange={(e) => props.onChange(e.target.value)}
      />
      <LocalFields name={props.name} local={parts?.local} onChange={(local) => props.onChange(joinRfc3339({ local, offset }))} />
      <select
        className="select mono"
        aria-label={t('compose.offset')}
        data-testid={`field-${props.name}-offset`}
        value={offset}
        onChange={(e) => parts && props.onChange(joinRfc3339({ local: parts.local, offset: e.target.value }))}
      >
        {offsets.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
      <button type="button" className="btn small" onClick={() => props.onChange(nowRfc3339(offset))}>
        {t('compose.now')}
      </button>
    </div>
  );
}

const LIMITS: Record<Exclude<LocaleDatePart['type'], 'literal' | 'month'>, [number, number]> = {
  year: [1, 9999],
  day: [1, 31],
  hour: [0, 23],
  minute: [0, 59],
  second: [0, 59],
};

/** The wall-clock fields of the picker, in the UI language's order; disabled while the text does not parse. */
function LocalFields(props: { name: string; local: string | undefined; onChange(local: string): void }) {
  const { t, lang } = useI18n();
  const locale = lang === 'zh' ? 'zh-CN' : 'en';
  const local = props.local ?? '2000-01-01T00:00:00';
  const [date = '', time = ''] = local.split('T');
  const [year = 2000, month = 1, day = 1] = date.split('-').map(Number);
  const [hour = 0, minute = 0, second = 0] = time.split(':').map(Number);
  const values = { year, month, day, hour, minute, second };
  const set = (field: keyof typeof values, value: number) => {
    if (!Number.isInteger(value)) return;
    const next = { ...values, [field]: value };
    next.day = Math.min(next.day, daysInMonth(next.year, next.month));
    const pad = (n: number, width = 2) => String(n).padStart(width, '0');
    props.onChange(`${pad(next.year, 4)}-${pad(next.month)}-${pad(next.day)}T${pad(next.hour)}:${pad(next.minute)}:${pad(next.second)}`);
  };
  const disabled = props.local === undefined;
  return (
    <span className="dt-fields" data-testid={`field-${props.name}-picker`} data-locale={locale} role="group" aria-label={t('compose.pickTime')}>
      {localeDateParts(local, locale).map((part, i) => {
        if (part.type === 'literal') return <span key={i} className="dt-sep">{part.value}</span>;
        if (part.type === 'month') {
          return (
            <select key={i} className="select" data-testid={`field-${props.name}-picker-month`} disabled={disabled} value={month} onChange={(e) => set('month', Number(e.target.value))}>
              {monthNames(locale).map((label, m) => (
                <option key={label} value={m + 1}>
                  {label}
                </option>
              ))}
            </select>
          );
        }
        const [min, max] = LIMITS[part.type];
        return (
          <input
            key={i}
            type="number"
            className={`input dt-num dt-${part.type}`}
            data-testid={`field-${props.name}-picker-${part.type}`}
            disabled={disabled}
            min={min}
            max={part.type === 'day' ? daysInMonth(year, month) : max}
            value={values[part.type]}
            onChange={(e) => {
              const n = Number(e.target.value);
              if (e.target.value !== '' && n >= min && n <= (part.type === 'day' ? daysInMonth(year, month) : max)) set(part.type, n);
            }}
          />
        );
      })}
    </span>
  );
}
