import { useEffect, useState, type ReactNode } from 'react';
import { AppHeader } from './components/app-header.js';
import { PaneNav } from './components/pane-nav.js';
import { CollectionPane } from './panes/collection-pane.js';
import { ComposePane } from './panes/compose-pane.js';
import { DecodePane } from './panes/decode-pane.js';
import { HistoryPane } from './panes/history-pane.js';
import { KeysPane } from './panes/keys-pane.js';
import { ReceiverPane } from './panes/receiver-pane.js';
import { SendPane } from './panes/send-pane.js';
import { SignPane } from './panes/sign-pane.js';
import type { PaneId } from './state/pane-id.js';
import { useWorkbench } from './state/use-workbench.js';

const PANES: Record<PaneId, () => ReactNode> = {
  keys: () => <KeysPane />,
  compose: () => <ComposePane />,
  sign: () => <SignPane />,
  send: () => <SendPane />,
  decode: () => <DecodePane />,
  receiver: () => <ReceiverPane />,
  history: () => <HistoryPane />,
  collection: () => <CollectionPane />,
};

/**
 * The inspector window: header, pane list, and the active pane. A pane mounts when first opened (so the
 * first paint only renders Compose) and then stays mounted, so its inputs survive switching back and forth.
 *
 * @example
 * <App />
 */
export function App() {
  const { pane } = useWorkbench();
  const [opened, setOpened] = useState<ReadonlySet<PaneId>>(() => new Set([pane]));
  useEffect(() => setOpened((old) => (old.has(pane) ? old : new Set([...old, pane]))), [pane]);
  return (
    <div className="app" data-testid="app">
      <AppHeader />
      <PaneNav />
      <main className="pane" data-testid={`pane-${pane}`}>
        {(Object.keys(PANES) as PaneId[]).map((id) =>
          opened.has(id) || id === pane ? (
            <div key={id} hidden={pane !== id}>
              {PANES[id]()}
            </div>
          ) : null,
        )}
      </main>
    </div>
  );
}
