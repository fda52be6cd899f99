import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { installHttpApi } from './bridge/http-api';
import { App } from './components/App';
import { hostNotifies, webNotifier } from './notifications';
import { createSpendbarStore, StoreContext } from './store';
import './styles.css';
import './alerts.css';

// Inside Electron the preload has already set window.spendbar; in a browser (spendbar serve) we add it.
installHttpApi(window);
const api = window.spendbar;
const root = document.getElementById('root');
if (!api || !root) throw new Error('Spendbar could not start: no API bridge or no #root element.');

createRoot(root).render(
  <StrictMode>
    <StoreContext.Provider value={createSpendbarStore(api, { notifier: api.inBrowser ? webNotifier(window) : hostNotifies })}>
      <App />
    </StoreContext.Provider>
  </StrictMode>,
);
