import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/use-i18n.js';
import { PANE_IDS } from '../state/pane-id.js';
import { useWorkbench } from '../state/use-workbench.js';

/**
 * The pane list on the left, numbered in workflow order; Receiver shows how many requests arrived since it
 * was last opened (the badge clears when Receiver is shown).
 *
 * @example
 * <PaneNav />
 */
export function PaneNav() {
  const { t } = useI18n();
  const { pane, setPane, events } = useWorkbench();
  const newest = events.reduce((max, e) => Math.max(max, e.seq), 0);
  const [seen, setSeen] = useState(0);
  useEffect(() => {
    if (pane === 'receiver') setSeen(newest);
  }, [pane, newest]);
  const unseen = events.filter((e) => e.seq > seen).length;
  return (
    <nav className="pane-nav">
      {PANE_IDS.map((id, i) => (
        <button
          key={id}
          type="button"
          data-testid={`nav-${id}`}
          className={pane === id ? 'active' : ''}
          onClick={() => setPane(id)}
        >
          <span className="num">{i + 1}</span>
          {t(`pane.${id}`)}
          {id === 'receiver' && unseen > 0 ? (
            <span className="badge" data-testid="receiver-badge">
              {unseen}
            </span>
          ) : null}
        </button>
      ))}
    </nav>
  );
}
