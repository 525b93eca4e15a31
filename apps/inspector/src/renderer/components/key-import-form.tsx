import { useState } from 'react';
import type { ApiErrorShape, BytesInput, KeyRole } from '../../shared/api.js';
import { useI18n } from '../i18n/use-i18n.js';
import { useWorkbench } from '../state/use-workbench.js';
import { readFileInput } from '../util/read-file-input.js';
import { Card } from './card.js';
import { ErrorNotice } from './error-notice.js';

type ImportKind = 'privateKey' | 'pkcs12' | 'publicKey';

/**
 * Import of key material: a private key PEM (PKCS#8 or PKCS#1) with its certificate, a PKCS#12 file with
 * its password, or a public key / certificate. The material goes to the backend once and stays there.
 *
 * @example
 * <KeyImportForm />
 */
export function KeyImportForm() {
  const { t } = useI18n();
  const { api, refreshKeys } = useWorkbench();
  const [role, setRole] = useState<KeyRole>('merchant');
  const [kind, setKind] = useState<ImportKind>('privateKey');
  const [pem, setPem] = useState('');
  const [certPem, setCertPem] = useState('');
  const [file, setFile] = useState<BytesInput | null>(null);
  const [password, setPassword] = useState('');
  const [keyId, setKeyId] = useState('');
  const [mchid, setMchid] = useState('');
  const [error, setError] = useState<ApiErrorShape | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const submit = async () => {
    setError(null);
    setDone(null);
    const material: Record<string, BytesInput> = {};
    if (kind === 'privateKey') {
      if (pem.trim()) material['privateKey'] = { text: pem };
      else if (file) material['privateKey'] = file;
      if (certPem.trim()) material['certificate'] = { text: certPem };
    } else if (kind === 'pkcs12') {
      if (file) material['pkcs12'] = file;
    } else if (pem.trim()) {
      material[pem.includes('CERTIFICATE') ? 'certificate' : 'publicKey'] = { text: pem };
    } else if (file) material['publicKey'] = file;
    const result = await api.keys.import({
      role,
      ...material,
      ...(password ? { password } : {}),
      ...(keyId.trim() ? { keyId: keyId.trim() } : {}),
      ...(mchid.trim() ? { mchid: mchid.trim() } : {}),
    });
    if (!result.ok) return setError(result.error);
    setDone(`${result.data.key.keyId} · ${result.data.key.fingerprint.slice(0, 23)}…`);
    setPem('');
    setCertPem('');
    await refreshKeys();
  };

  return (
    <Card title={t('keys.importTitle')} testId="key-import">
      <div className="stack" style={{ gap: 8 }}>
        <div className="row">
          <select className="select" data-testid="import-role" value={role} onChange={(e) => setRole(e.target.value as KeyRole)}>
            <option value="merchant">merchant · serial_no</option>
            <option value="platform">platform · PUB_KEY_ID_</option>
          </select>
          <div className="tabs" style={{ margin: 0, border: 0 }}>
            {(['privateKey', 'pkcs12', 'publicKey'] as const).map((k) => (
              <button
                key={k}
                type="button"
                data-testid={`import-kind-${k}`}
                className={kind === k ? 'active' : ''}
                onClick={() => {
                  // A file chosen for one kind is never submitted as another.
                  if (k !== kind) {
                    setFile(null);
                    setError(null);
                    setDone(null);
                  }
                  setKind(k);
                }}
              >
                {t(k === 'privateKey' ? 'keys.kind.privateKey' : k === 'pkcs12' ? 'keys.kind.pkcs12' : 'keys.kind.publicKey')}
              </button>
            ))}
          </div>
        </div>
        {kind !== 'pkcs12' ? (
          <textarea className="textarea mono" rows={4} data-testid="import-pem" placeholder={t('keys.pastePem')} value={pem} onChange={(e) => setPem(e.target.value)} />
        ) : null}
        {kind === 'privateKey' ? (
          <textarea className="textarea mono" rows={3} data-testid="import-cert" placeholder={t('keys.kind.certificate')} value={certPem} onChange={(e) => setCertPem(e.target.value)} />
        ) : null}
        <div className="row">
          <label className="btn small">
            {t('keys.chooseFile')}
            <input
              type="file"
              hidden
              data-testid="import-file"
              onChange={(e) => {
                setDone(null);
                setError(null);
                if (e.target.files?.[0]) void readFileInput(e.target.files[0]).then(setFile);
              }}
            />
          </label>
          {file ? <span className="pill info" data-testid="import-file-chosen">{'base64' in file ? `${Math.round((file.base64.length * 3) / 4)} B` : 'PEM'}</span> : null}
          {kind === 'pkcs12' ? (
            <input className="input" type="password" data-testid="import-password" placeholder={t('keys.password')} value={password} onChange={(e) => setPassword(e.target.value)} />
          ) : null}
          <input className="input mono" data-testid="import-keyid" placeholder={role === 'platform' ? 'PUB_KEY_ID_…' : 'serial_no'} value={keyId} onChange={(e) => setKeyId(e.target.value)} />
          <input className="input mono" style={{ width: 110 }} data-testid="import-mchid" placeholder="mchid" value={mchid} onChange={(e) => setMchid(e.target.value)} />
          <span className="grow" />
          <button type="button" className="btn primary" data-testid="import-run" onClick={() => void submit()}>
            {t('keys.import')}
          </button>
        </div>
        {error ? <ErrorNotice error={error} testId="import-error" /> : null}
        {done ? <div className="notice info">✓ {done}</div> : null}
      </div>
    </Card>
  );
}
