import { useCallback, useEffect, useState } from 'react';
import type { CollectionListOutput } from '../../shared/api.js';
import { BackendText } from '../components/backend-text.js';
import { Card } from '../components/card.js';
import { PaneTitle } from '../components/pane-title.js';
import { useI18n } from '../i18n/use-i18n.js';
import { useWorkbench } from '../state/use-workbench.js';
import { openSavedRequest } from '../util/saved-request.js';

/**
 * Saved requests: the collection folder (one file per request, kept in git and run by `auditnotify run`),
 * its requests with their expectations, opened into Compose or removed after a confirmation.
 *
 * @example
 * <CollectionPane />
 */
export function CollectionPane() {
  const { t } = useI18n();
  const wb = useWorkbench();
  const [folder, setFolder] = useState(wb.collectionDir);
  const [listed, setListed] = useState<CollectionListOutput | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);

  useEffect(() => setFolder(wb.collectionDir), [wb.collectionDir]);

  const load = useCallback(async () => {
    if (!wb.collectionDir) return;
    const result = await wb.api.collection.list({ dir: wb.collectionDir });
    if (result.ok) {
      setListed(result.data);
      setError(null);
    } else {
      setListed(null);
      setError(result.error.message);
    }
  }, [wb.api, wb.collectionDir]);
  useEffect(() => void load(), [load, wb.collectionVersion]);

  const open = (file: string) => {
    const entry = listed?.entries.find((e) => e.file === file);
    if (!entry) return;
    const opened = openSavedRequest(entry.request, wb.info?.notifyPath ?? '');
    wb.setBodyText(opened.bodyText);
    wb.setSignParams(opened.signParams);
    const key = wb.keys.find((k) => k.role === 'merchant' && k.hasPrivateKey && k.keyId === entry.request.key);
    if (key) wb.setMerchantKeyId(key.id);
    wb.setPane('compose');
  };
  const remove = async (file: string) => {
    setConfirming(null);
    const result = await wb.api.collection.remove({ dir: wb.collectionDir, file });
    if (!result.ok) setError(result.error.message);
    wb.bumpCollection();
  };

  return (
    <div data-testid="collection-pane">
      <PaneTitle pane="collection" />
      <Card title={t('collection.folder')} hint={t('collection.folderHint')}>
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            wb.setCollectionDir(folder.trim());
          }}
        >
          <input className="input mono grow" data-testid="collection-dir" value={folder} spellCheck={false} onChange={(e) => setFolder(e.target.value)} />
          <button type="submit" className="btn" data-testid="collection-open-dir">
            {t('collection.openFolder')}
          </button>
        </form>
        <p className="small muted" style={{ marginBottom: 0 }}>
          {t('collection.runHint')} <code data-testid="collection-run-command">auditnotify run {wb.collectionDir} --keys DIR --url URL</code>
        </p>
      </Card>
      {error ? (
        <div className="notice err" data-testid="collection-error">
          <BackendText text={error} />
        </div>
      ) : null}
      <Card title={t('collection.requests')} hint={listed?.name ? <code data-testid="collection-name">{listed.name}</code> : undefined} testId="collection-list">
        {listed && listed.entries.length === 0 ? <span className="muted" data-testid="collection-empty">{t('collection.empty')}</span> : null}
        <table className="bytes-table">
          <tbody>
            {(listed?.entries ?? []).map(({ file, request }) => (
              <tr key={file} data-testid="collection-row" data-file={file}>
                <td>
                  {/* The name is the user's data, in whatever language they wrote it. */}
                  <div data-raw>{request.name}</div>
                  <code className="small muted" style={{ whiteSpace: 'nowrap' }}>
                    {file}
                  </code>
                </td>
                <td className="small">
                  {'raw' in request.body ? t('collection.exactBytes') : t('collection.fields')}
                  {request.method ? <code> {request.method}</code> : null}
                  {request.path ? <code> {request.path}</code> : null}
                  {request.timestampUnit === 'milliseconds' ? <span> · {t('collection.milliseconds')}</span> : null}
                </td>
                <td className="small" data-testid="collection-expect">
                  <code>
                    {request.expect.status}
                    {request.expect.code ? ` ${request.expect.code}` : ''}
                    {request.expect.reason ? `/${request.expect.reason}` : ''}
                  </code>{' '}
                  {request.expect.answerVerified ? t('collection.answerVerified') : t('collection.answerNotVerified')}
                </td>
                <td style={{ whiteSpace: 'nowrap' }}>
                  <button type="button" className="btn small" data-testid="collection-open" onClick={() => open(file)}>
                    {t('collection.openInCompose')}
                  </button>
                  {confirming === file ? (
                    <span data-testid="collection-remove-confirm">
                      <span className="small">{t('collection.removeConfirm')}</span>{' '}
                      <button type="button" className="btn small danger" data-testid="collection-remove-yes" onClick={() => void remove(file)}>
                        {t('keys.removeYes')}
                      </button>{' '}
                      <button type="button" className="btn small" data-testid="collection-remove-no" onClick={() => setConfirming(null)}>
                        {t('keys.removeNo')}
                      </button>
                    </span>
                  ) : (
                    <button type="button" className="btn small danger" data-testid="collection-remove" onClick={() => setConfirming(file)}>
                      {t('keys.remove')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </div>
  );
}
