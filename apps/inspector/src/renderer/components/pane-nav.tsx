import { useI18n } from '../i18n/use-i18n.js';
import { PANE_IDS } from '../state/pane-id.js';
import { useWorkbench } from '../state/use-workbench.js';

/**
 * The pane list on the left, numbered in workflow order; Receiver shows how many requests arrived.
 *
 * @example
 * <PaneNav />
 */
export function PaneNav() {
  const { t } = useI18n();
  const { pane, setPane, events } = useWorkbench();
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
          {id === 'receiver' && events.length > 0 ? <span className="badge">{events.length}</span> : null}
        </button>
      ))}
    </nav>
  );
}
