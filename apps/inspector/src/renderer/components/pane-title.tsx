import type { ReactNode } from 'react';
import { useI18n } from '../i18n/use-i18n.js';
import type { PaneId } from '../state/pane-id.js';

/**
 * Heading of a pane with its one-line purpose and optional actions on the right.
 *
 * @example
 * <PaneTitle pane="compose"><button>…</button></PaneTitle>
 */
export function PaneTitle({ pane, children }: { pane: PaneId; children?: ReactNode }) {
  const { t } = useI18n();
  return (
    <div className="pane-title">
      <h1>{t(`pane.${pane}`)}</h1>
      <span className="sub">{t(`pane.${pane}.sub`)}</span>
      <span className="grow" />
      {children}
    </div>
  );
}
