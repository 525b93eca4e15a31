import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createClient } from './api/create-client.js';
import { App } from './app.js';
import { I18nProvider } from './i18n/i18n-provider.js';
import { WorkbenchProvider } from './state/workbench-provider.js';
import './styles.css';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <I18nProvider>
        <WorkbenchProvider api={createClient()}>
          <App />
        </WorkbenchProvider>
      </I18nProvider>
    </StrictMode>,
  );
}
