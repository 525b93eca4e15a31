import { useI18n } from '../i18n/use-i18n.js';
import { joinRfc3339 } from '../util/join-rfc3339.js';
import { nowRfc3339 } from '../util/now-rfc3339.js';
import { splitRfc3339 } from '../util/split-rfc3339.js';

const OFFSETS = ['+08:00', 'Z', '+00:00', '+09:00', '+05:30', '+01:00', '-05:00', '-08:00'];

/**
 * RFC 3339 date-time picker with an explicit offset (`audit_finish_time`, e.g. `2015-05-20T13:29:35+08:00`):
 * the text stays editable, the picker and offset list write the same text.
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
      <input
        type="datetime-local"
        step={1}
        className="input"
        data-testid={`field-${props.name}-picker`}
        value={parts?.local ?? ''}
        onChange={(e) => e.target.value && props.onChange(joinRfc3339({ local: e.target.value, offset }))}
      />
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
