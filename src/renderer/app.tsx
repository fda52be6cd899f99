/**
 * The popover proper: React, the API contract's schemas and the store. main.tsx loads this chunk once
 * the served page has painted the total from the first overview (at once inside Electron).
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { installHttpApi } from './bridge/http-api';
import type { PageSession } from './bridge/page-session';
import { App } from './components/App';
import { hostNotifies, webNotifier } from './notifications';
import { firstAnswer } from './first-answer';
import { afterNextPaint } from './first-paint';
import { createSpendbarStore, StoreContext } from './store';

/**
 * How long the first render waits for the first overview. Rendering the empty popover first ("Loading…")
 * and then again with the figures costs a whole render and layout before the total can show; on a
 * normal start the overview is already there or arrives within this, on a slow one the loading state
 * shows after it.
 */
export const FIRST_RENDER_WAIT_MS = 250;

export function startApp(session: PageSession | null): void {
  // The page's CSP forbids eval, so zod's compiled fast path can never run here; saying so up front skips
  // its probe (a refused `new Function`, reported as a CSP violation) on the first answer it checks.
  z.config({ jitless: true });

  // Inside Electron the preload has already set window.spendbar; in a browser (spendbar serve) we add it.
  installHttpApi(window, session);
  const api = window.spendbar;
  const root = document.getElementById('root');
  if (!api || !root) throw new Error('Spendbar could not start: no API bridge or no #root element.');

  const store = createSpendbarStore(api, { notifier: api.inBrowser ? webNotifier(window) : hostNotifies });
  // Started before React's first render, so the engine works on the overview while the page renders; it
  // runs for the page's lifetime.
  store.getState().start();

  void firstAnswer(store, FIRST_RENDER_WAIT_MS)
    .then(() => {
      // Replaces the totals the entry may have painted early (early-total.ts), and their busy mark.
      root.removeAttribute('aria-busy');
      createRoot(root).render(
        <StrictMode>
          <StoreContext.Provider value={store}>
            <App />
          </StoreContext.Provider>
        </StrictMode>,
      );
      return afterNextPaint();
    })
    .then(() => session?.keepForReload());
}

