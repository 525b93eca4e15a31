import { useEffect, type ReactNode } from 'react';
import { useI18n } from '../i18n/use-i18n.js';

/**
 * A modal dialog: the backdrop, a header with the title and a Close button, then `children`. `className` is
 * the dialog's own class (its size and body layout), `testId` its test id, `closeTestId` the Close button's.
 *
 * @example
 * ```tsx
 * <Dialog className="doc-example" title={t('docExample.title')} testId="doc-example" closeTestId="doc-example-close" onClose={close}>
 *   <p>…</p>
 * </Dialog>
 * ```
 */
export function Dialog({ className, title, testId, closeTestId, onClose, children }: { className: string; title: string; testId: string; closeTestId: string; onClose(): void; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <div className="dialog-backdrop">
      <div className={`dialog ${className}`} role="dialog" aria-modal="true" aria-label={title} data-testid={testId}>
        <header>
          <span>{title}</span>
          <span className="spacer" />
          <button type="button" className="btn small" data-testid={closeTestId} onClick={onClose}>
            {t('profiles.close')}
          </button>
        </header>
        {children}
      </div>
    </div>
  );
}

/**
 * Escape closes the dialog, as any dialog does: call it in the dialog's component, before any early return.
 *
 * @example
 * ```tsx
 * useEscapeToClose(onClose);
 * ```
 */
export function useEscapeToClose(onClose: () => void): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
}
