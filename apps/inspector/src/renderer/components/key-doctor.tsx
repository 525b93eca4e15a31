import { useState } from 'react';
import type { ApiErrorShape, BytesInput, KeyFinding } from '../../shared/api.js';
import { useI18n } from '../i18n/use-i18n.js';
import { useWorkbench } from '../state/use-workbench.js';
import { readFileInput } from '../util/read-file-input.js';
import { Card } from './card.js';
import { ErrorNotice } from './error-notice.js';
import { KeyFindings } from './key-findings.js';

/**
 * The key doctor: checks pasted or chosen key material (format, PKCS#1 vs PKCS#8, encryption, RSA size,
 * certificate serial and expiry, key/certificate match) without storing it (protocol.md §7.10).
 *
 * Findings of a stored key are shown in the key's own row (keys pane), never here.
 *
 * @example
 * <KeyDoctor />
 */
export function KeyDoctor() {
  const { t } = useI18n();
  const { api } = useWorkbench();
  const [text, setText] = useState('');
  const [file, setFile] = useState<BytesInput | null>(null);
  const [password, setPassword] = useState('');
  const [result, setResult] = useState<{ title: string; findings: KeyFinding[] } | null>(null);
  const [error, setError] = useState<ApiErrorShape | null>(null);
  const shown = result;
  // Findings describe the material they were run on: any change of it clears them.
  const changed = (): void => {
    setResult(null);
    setError(null);
  };

  const run = async () => {
    setError(null);
    const material: BytesInput | null = text.trim() ? { text } : file;
    if (!material) return;
    const r = await api.keys.doctor({ material, ...(password ? { password } : {}) });
    if (r.ok) setResult({ title: t('keys.doctor'), findings: r.data.findings });
    else setError(r.error);
  };

  return (
    <Card title={t('keys.doctor')} hint={t('keys.doctorHint')} testId="key-doctor">
      <div className="stack" style={{ gap: 8 }}>
        <textarea className="textarea mono" rows={4} data-testid="doctor-input" placeholder={t('keys.pastePem')} value={text} onChange={(e) => {
            setText(e.target.value);
            changed();
          }}
        />
        <div className="row">
          <label className="btn small">
            {t('keys.chooseFile')}
            <input type="file" hidden data-testid="doctor-file" onChange={(e) => {
                changed();
                if (e.target.files?.[0]) void readFileInput(e.target.files[0]).then(setFile);
              }}
            />
          </label>
          <input className="input" type="password" placeholder={t('keys.password')} value={password} onChange={(e) => { setPassword(e.target.value); changed(); }} />
          <span className="grow" />
          <button type="button" className="btn primary" data-testid="doctor-run" onClick={() => void run()}>
            {t('keys.diagnose')}
          </button>
        </div>
        {error ? <ErrorNotice error={error} testId="doctor-error" /> : null}
        {shown ? (
          <div>
            <div className="small muted">{shown.title}</div>
            <KeyFindings findings={shown.findings} />
          </div>
        ) : null}
      </div>
    </Card>
  );
}
