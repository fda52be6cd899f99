import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { installHttpApi } from './bridge/http-api';
import { App } from './components/App';
import { hostNotifies, webNotifier } from './notifications';
import { createSpendbarStore, StoreContext } from './store';
import './styles.css';
import './alerts.css';

// The page's CSP forbids eval, so zod's compiled fast path can never run here; saying so up front skips
// its probe (a refused `new Function`, reported as a CSP violation) on the first answer it checks.
z.config({ jitless: true });

// Inside Electron the preload has already set window.spendbar; in a browser (spendbar serve) we add it.
installHttpApi(window);
const api = window.spendbar;
const root = document.getElementById('root');
if (!api || !root) throw new Error('Spendbar could not start: no API bridge or no #root element.');

const store = createSpendbarStore(api, { notifier: api.inBrowser ? webNotifier(window) : hostNotifies });
// Started before React's first render, so the engine works on the overview while the page renders; it
// runs for the page's lifetime.
store.getState().start();

createRoot(root).render(
  <StrictMode>
    <StoreContext.Provider value={store}>
      <App />
    </StoreContext.Provider>
  </StrictMode>,
);
