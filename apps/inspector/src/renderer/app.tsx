import { AppHeader } from './components/app-header.js';
import { PaneNav } from './components/pane-nav.js';
import { ComposePane } from './panes/compose-pane.js';
import { DecodePane } from './panes/decode-pane.js';
import { HistoryPane } from './panes/history-pane.js';
import { KeysPane } from './panes/keys-pane.js';
import { ReceiverPane } from './panes/receiver-pane.js';
import { SendPane } from './panes/send-pane.js';
import { SignPane } from './panes/sign-pane.js';
import { useWorkbench } from './state/use-workbench.js';

/**
 * The inspector window: header, pane list, and the active pane. Every pane stays mounted so its inputs
 * survive switching back and forth.
 *
 * @example
 * <App />
 */
export function App() {
  const { pane } = useWorkbench();
  return (
    <div className="app" data-testid="app">
      <AppHeader />
      <PaneNav />
      <main className="pane" data-testid={`pane-${pane}`}>
        <div hidden={pane !== 'keys'}><KeysPane /></div>
        <div hidden={pane !== 'compose'}><ComposePane /></div>
        <div hidden={pane !== 'sign'}><SignPane /></div>
        <div hidden={pane !== 'send'}><SendPane /></div>
        <div hidden={pane !== 'decode'}><DecodePane /></div>
        <div hidden={pane !== 'receiver'}><ReceiverPane /></div>
        <div hidden={pane !== 'history'}><HistoryPane /></div>
      </main>
    </div>
  );
}
