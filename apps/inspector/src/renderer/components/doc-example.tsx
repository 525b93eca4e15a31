import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/use-i18n.js';
import { useWorkbench } from '../state/use-workbench.js';
import { Dialog, useEscapeToClose } from './dialog.js';

/**
 * The pages the endpoint's documentation cites for what its example needs (its own URL is not known, so it
 * is named, not linked). They open in the system browser: the desktop app hands `pay.weixin.qq.com` links to
 * the shell and never navigates its window (`lockDown` in `src/main/electron-app.ts`).
 */
const CITED_PAGES = [
  { key: 'docExample.page.parameters', url: 'https://pay.weixin.qq.com/doc/v3/merchant/4013070756' },
  { key: 'docExample.page.serial', url: 'https://pay.weixin.qq.com/doc/v3/merchant/4013053053' },
  { key: 'docExample.page.publicKeyId', url: 'https://pay.weixin.qq.com/doc/v3/merchant/4013038816' },
] as const;

const NOTIFY_PATH = '/v3/aggracct-bc/wb-channel/control-orders/info/update/result/notify';

/**
 * A link that says what "the documentation's example" is: it opens a dialog with the example request of
 * WeChat Pay's page 资料更新请求审核结果回调通知, verbatim (method and path, the curl request and its body), the
 * document it comes from, and links to the pages that document cites for keys and serials.
 *
 * @example
 * <DocExampleLink testId="compose-doc-example" />
 */
export function DocExampleLink({ testId }: { testId: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="link-button" data-testid={testId} onClick={() => setOpen(true)}>
        {t('docExample.link')}
      </button>
      {open ? <DocExampleDialog onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function DocExampleDialog({ onClose }: { onClose(): void }) {
  const { t } = useI18n();
  const { api } = useWorkbench();
  const [example, setExample] = useState<{ curl: string; body: string } | null>(null);
  useEffect(() => {
    let cancelled = false;
    void api.compose.sample({}).then((result) => {
      if (!cancelled && result.ok) setExample({ curl: result.data.curlExample, body: result.data.text });
    });
    return () => {
      cancelled = true;
    };
  }, [api]);
  useEscapeToClose(onClose);
  return (
    <Dialog className="doc-example" title={t('docExample.title')} testId="doc-example" closeTestId="doc-example-close" onClose={onClose}>
        <div className="doc-example-body">
          <p data-testid="doc-example-source">{t('docExample.source')}</p>
          <dl className="kv">
            <dt>{t('docExample.document')}</dt>
            <dd data-testid="doc-example-document">资料更新请求审核结果回调通知</dd>
            <dt>{t('docExample.request')}</dt>
            <dd>
              <code data-testid="doc-example-request">POST {NOTIFY_PATH}</code>
            </dd>
          </dl>
          <h4>{t('docExample.curl')}</h4>
          <pre className="msg-view" data-testid="doc-example-curl">{example?.curl ?? ''}</pre>
          <h4>{t('docExample.body')}</h4>
          <pre className="msg-view" data-testid="doc-example-body">{example?.body ?? ''}</pre>
          <h4>{t('docExample.cited')}</h4>
          <ul data-testid="doc-example-links">
            {CITED_PAGES.map((page) => (
              <li key={page.url}>
                <a href={page.url} target="_blank" rel="noopener noreferrer">
                  {t(page.key)}
                </a>
              </li>
            ))}
          </ul>
        </div>
    </Dialog>
  );
}
