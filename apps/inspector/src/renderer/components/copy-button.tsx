import { useState } from 'react';
import { useI18n } from '../i18n/use-i18n.js';

/**
 * A small button that copies `text` to the clipboard and says so for a moment.
 *
 * @example
 * <CopyButton text={authorization} testId="copy-authorization" />
 */
export function CopyButton({ text, testId }: { text: string; testId?: string }) {
  const { t } = useI18n();
  const [done, setDone] = useState(false);
  return (
    <button
      type="button"
      className="btn small"
      data-testid={testId}
      onClick={() => {
        void navigator.clipboard?.writeText(text).then(
          () => {
            setDone(true);
            setTimeout(() => setDone(false), 1200);
          },
          () => setDone(false),
        );
      }}
    >
      {done ? t('common.copied') : t('common.copy')}
    </button>
  );
}
