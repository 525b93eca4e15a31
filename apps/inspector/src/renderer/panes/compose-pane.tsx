import { utf8ByteLength } from '@auditnotify/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ApiOutput } from '../../shared/api.js';
import { Card } from '../components/card.js';
import { FieldRow } from '../components/field-row.js';
import { PaneTitle } from '../components/pane-title.js';
import { useI18n } from '../i18n/use-i18n.js';
import { useWorkbench } from '../state/use-workbench.js';
import { DocExampleLink } from '../components/doc-example.js';
import { editBodyField } from '../util/edit-body-field.js';
import { formatBody, type BodyFormat } from '../util/format-body.js';
import { BackendText } from '../components/backend-text.js';
import { SaveRequestForm } from '../components/save-request-form.js';

type Validation = ApiOutput<'compose.validate'>;
const VALIDATE_DELAY_MS = 120;

/**
 * Compose: a form generated from the schema metadata and a raw JSON view of the same text, kept in
 * sync both ways. The raw text is what gets signed and sent, byte for byte.
 *
 * @example
 * <ComposePane />
 */
export function ComposePane() {
  const { t, backend } = useI18n();
  const { api, bodyText, setBodyText, setPane } = useWorkbench();
  const [format, setFormat] = useState<BodyFormat>('pretty');
  const [validation, setValidation] = useState<Validation | null>(null);
  // The first validation builds the form: no debounce for it, so the first interactive paint comes sooner.
  const validatedOnce = useRef(false);

  useEffect(() => {
    // Before the documentation's example arrives the text is empty: validating it would flash "not JSON".
    if (!validatedOnce.current && bodyText === '') return;
    let cancelled = false;
    const timer = setTimeout(() => {
      void api.compose.validate({ text: bodyText }).then((result) => {
        if (cancelled || !result.ok) return;
        validatedOnce.current = true;
        setValidation(result.data);
      });
    }, validatedOnce.current ? VALIDATE_DELAY_MS : 0);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [api, bodyText]);

  const edit = (name: string, value: string | undefined) => {
    const next = editBodyField(bodyText, name, value, format);
    if (next !== null) setBodyText(next);
  };
  const reformat = (next: BodyFormat) => {
    setFormat(next);
    try {
      setBodyText(formatBody(JSON.parse(bodyText), next));
    } catch {
      // Not JSON yet: keep the text as typed.
    }
  };
  const loadSample = async () => {
    const sample = await api.compose.sample({});
    if (sample.ok) setBodyText(sample.data.text);
  };

  // Field values come from the text itself, not from the (slightly later) validation answer, so typing
  // in a field never fights a stale value.
  const parsed = useMemo(() => {
    try {
      const value: unknown = JSON.parse(bodyText);
      return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
    } catch {
      return null;
    }
  }, [bodyText]);
  const fieldWarnings = (name: string) => (validation?.warnings ?? []).filter((w) => w.field === name);
  const generalWarnings = (validation?.warnings ?? []).filter((w) => !w.field || !validation?.fields.some((f) => f.name === w.field));
  const ok = validation?.ok ?? false;
  // One line per distinct problem: the schema can report the same field and issue more than once.
  const schemaErrors = [...new Map((validation?.errors ?? []).map((e) => [`${e.field}:${e.issue}:${e.message}`, e])).values()];

  return (
    <div data-testid="compose-pane">
      <PaneTitle pane="compose">
        <button type="button" className="btn" data-testid="compose-sample" onClick={() => void loadSample()}>
          {t('compose.loadSample')}
        </button>
        <DocExampleLink testId="compose-doc-example" />
        <button type="button" className="btn primary" data-testid="compose-to-sign" onClick={() => setPane('sign')}>
          {t('compose.toSign')}
        </button>
      </PaneTitle>
      <div className="grid-3-2">
        <Card
          title={t('compose.fields')}
          actions={
            <span className={`pill ${validation ? (ok ? 'ok' : 'err') : 'muted'}`} data-testid="compose-validity">
              {validation ? (ok ? `✓ ${t('compose.valid')}` : `✗ ${t('compose.invalid')}`) : '…'}
            </span>
          }
        >
          {parsed === null ? (
            <div className="notice warn" data-testid="compose-fields-locked">
              {t('compose.fieldsLocked')}
            </div>
          ) : null}
          {/* While the raw JSON does not parse, a field edit could not be applied: the fields are read-only. */}
          <fieldset className="fields plain" data-testid="compose-form" disabled={parsed === null}>
            {(validation?.fields ?? []).map((f) => (
              <FieldRow key={f.name} field={parsed ? { ...f, value: parsed[f.name], present: f.name in parsed } : f} warnings={fieldWarnings(f.name)} onChange={(v) => edit(f.name, v)} />
            ))}
          </fieldset>
        </Card>
        <div className="stack">
          <Card
            title={t('compose.raw')}
            actions={
              <div className="row">
                <span className="muted small">{t('compose.format')}</span>
                <select className="select small" data-testid="compose-format" value={format} onChange={(e) => reformat(e.target.value as BodyFormat)}>
                  <option value="pretty">{t('compose.format.pretty')}</option>
                  <option value="compact">{t('compose.format.compact')}</option>
                </select>
              </div>
            }
          >
            <textarea
              className={`textarea mono${validation?.jsonError ? ' invalid' : ''}`}
              data-testid="compose-raw"
              rows={14}
              // Never soft-wrap: a wrapped line would look like a line break inside the exact bytes.
              wrap="off"
              spellCheck={false}
              value={bodyText}
              onChange={(e) => setBodyText(e.target.value)}
            />
            <div className="row small muted" style={{ marginTop: 4 }}>
              <span data-testid="compose-body-bytes">{t('compose.bodySize', { n: utf8ByteLength(bodyText) })}</span>
              {validation?.jsonError ? (
                <span className="notice err" data-testid="compose-json-error">
                  {t('compose.jsonError', { msg: validation.jsonError.message })}
                </span>
              ) : null}
            </div>
          </Card>
          {schemaErrors.length > 0 ? (
            <Card title={t('compose.schemaErrors')} testId="compose-errors">
              <div className="stack" style={{ gap: 6 }}>
                {schemaErrors.map((e) => (
                  <div key={`${e.field}:${e.issue}:${e.message}`} className="notice err" data-testid="compose-error">
                    <code>{e.field}</code> <BackendText text={e.message} />
                  </div>
                ))}
              </div>
            </Card>
          ) : null}
          <Card title={t('compose.lint')} testId="compose-lint">
            <div className="stack" style={{ gap: 6 }}>
              {generalWarnings.map((w) => (
                <div key={`${w.code}:${w.field ?? ''}`} className="notice warn" data-testid="compose-warning">
                  <code>{w.code}</code> {backend('lint', w.code, w.message, { field: w.field ?? '' })}
                </div>
              ))}
              {(validation?.warnings ?? []).filter((w) => w.field && validation?.fields.some((f) => f.name === w.field)).map((w) => (
                <div key={`f:${w.code}:${w.field ?? ''}`} className="notice warn" data-testid="compose-warning">
                  <code>{w.code}</code> <code>{w.field}</code> {backend('lint', w.code, w.message, { field: w.field ?? '' })}
                </div>
              ))}
              {validation && validation.unknownFields.length > 0 ? (
                <div className="notice info">{t('compose.unknownFields', { names: validation.unknownFields.join(', ') })}</div>
              ) : null}
              {validation && validation.warnings.length === 0 && validation.unknownFields.length === 0 ? (
                <span className="muted">{t('compose.noLint')}</span>
              ) : null}
            </div>
          </Card>
          <SaveRequestForm valid={ok} />
        </div>
      </div>
    </div>
  );
}
