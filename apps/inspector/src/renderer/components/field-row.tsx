import type { FieldReport, LintWarningView } from '../../shared/api.js';
import { useI18n } from '../i18n/use-i18n.js';
import { findUnsupportedCharacter, utf8ByteLength } from '@auditnotify/core';
import { DateTimePicker } from './date-time-picker.js';
import { EnumPicker } from './enum-picker.js';

/**
 * One field of the composer, generated from core's field metadata: label (the documentation's wording), JSON name,
 * the right input for its type, a UTF-8 byte counter against its limit, its schema issue and lint warnings.
 *
 * @example
 * <FieldRow field={report} warnings={[]} onChange={(v) => edit(report.name, v)} />
 */
export function FieldRow(props: { field: FieldReport; warnings: LintWarningView[]; onChange(value: string | undefined): void }) {
  const { t, lang, backend } = useI18n();
  const f = props.field;
  const text = f.value === undefined ? '' : typeof f.value === 'string' ? f.value : JSON.stringify(f.value);
  const bytes = utf8ByteLength(text);
  const over = f.maxBytes !== undefined && bytes > f.maxBytes;
  const primary = lang === 'zh' ? f.labelZh : f.labelEn;
  const secondary = lang === 'zh' ? f.labelEn : f.labelZh;
  // The documentation's labels of the allowed values (PASS 审核通过 / REJECT 审核驳回) come with the field metadata from core.
  const labels = Object.fromEntries((f.enumValues ?? []).map((v) => [v.value, lang === 'zh' ? v.labelZh : v.labelEn]));
  let input;
  if (f.enum) {
    input = <EnumPicker name={f.name} values={f.enum} labels={labels} value={typeof f.value === 'string' ? f.value : undefined} onChange={props.onChange} />;
  } else if (f.name === 'audit_finish_time') {
    input = <DateTimePicker name={f.name} value={text} invalid={Boolean(f.issue)} onChange={props.onChange} />;
  } else {
    const Tag = f.maxBytes !== undefined && f.maxBytes > 64 ? 'textarea' : 'input';
    input = (
      <Tag
        className={`${Tag === 'textarea' ? 'textarea' : 'input'} mono${f.issue || over ? ' invalid' : ''}`}
        data-testid={`field-${f.name}`}
        value={text}
        rows={Tag === 'textarea' ? 2 : undefined}
        spellCheck={false}
        placeholder={f.required ? '' : t('compose.omit')}
        onChange={(e) => props.onChange(e.target.value === '' && !f.required ? undefined : e.target.value)}
      />
    );
  }
  return (
    <>
      {/* The description comes from core in English: the Chinese UI shows its translation, by field name. */}
      <div className="field-label" title={backend('fieldDescription', f.name, f.description)}>
        <span className="zh" lang={lang === 'zh' ? 'zh-CN' : undefined}>
          {primary}
        </span>
        {f.required ? <span className="req">*</span> : null}
        <span className="name">
          {/* The documentation's label in the other language, as the documentation writes it: data, not UI text. */}
          <code>{f.name}</code> · <span lang={lang === 'zh' ? 'en' : 'zh-CN'} data-raw>{secondary}</span>
        </span>
      </div>
      <div className="field-input" data-testid={`row-${f.name}`}>
        {input}
        <div className="field-meta">
          <span className="small">
            {f.type}
            {f.maxBytes !== undefined ? `(${f.maxBytes})` : ''} · {f.required ? t('common.required') : t('common.optional')}
          </span>
          {f.type === 'string' && !f.enum ? (
            <span className={over ? 'over' : ''} data-testid={`bytes-${f.name}`}>
              {f.maxBytes !== undefined ? t('compose.byteCount', { n: bytes, max: f.maxBytes }) : t('compose.byteCountNoMax', { n: bytes })}
              {over ? ` — ${t('compose.overLimit', { max: f.maxBytes ?? 0 })}` : ''}
            </span>
          ) : null}
          {findUnsupportedCharacter(text) ? <span className="issue" data-testid={`unsupported-${f.name}`}>{t('compose.fourByte')}</span> : null}
          {f.issue ? (
            <span className="issue" data-testid={`issue-${f.name}`}>
              {f.issue}
            </span>
          ) : null}
          {props.warnings.map((w) => (
            <span key={w.code} className="lint" data-testid={`lint-${f.name}`}>
              ⚠ {w.code}: {backend('lint', w.code, w.message, { field: w.field ?? '' })}
            </span>
          ))}
        </div>
      </div>
    </>
  );
}
