/**
 * The popover's state: the latest overview, which view is open, the Refresh under way, plus the entry
 * and settings slices. A vanilla zustand store made per bridge, so tests can give it a fake one.
 */
import { createContext, useContext } from 'react';
import { createStore, useStore } from 'zustand';
import type { Overview } from '../shared/api';
import type { SpendbarBridge } from './bridge/types';
import { errorMessage as message } from './errors';
import { afterNextPaint } from './first-paint';
import { baselineOf, withPollProgress } from './model/refresh-progress';
import { hostNotifies, type PageNotifier } from './notifications';
import { createAlertsSlice } from './store-alerts';
import { createEntriesSlice } from './store-entries';
import { createSettingsSlice } from './store-settings';
import type { CoreSlice, GetState, SetState, SpendbarState, SpendbarStore, View } from './store-types';

export type { CoreSlice, GetState, SetState, SpendbarState, SpendbarStore, View };

export interface StoreOptions {
  /** Who raises desktop notifications for new alerts; by default the host does (Electron), never the page. */
  notifier?: PageNotifier;
  now?: () => number;
  /** Resolves once what is on screen has been painted; tests pass their own to decide when. */
  afterPaint?: () => Promise<void>;
}

export function createSpendbarStore(api: SpendbarBridge, options: StoreOptions = {}): SpendbarStore {
  const afterPaint = options.afterPaint ?? afterNextPaint;
  return createStore<SpendbarState>()((set, get) => {
    /** Poll answers and Refresh answers can cross; an older overview never replaces a newer one. */
    const acceptOverview = (overview: Overview) => {
      const current = get().overview;
      if (current && Date.parse(overview.generatedAt) < Date.parse(current.generatedAt)) return;
      set({ overview, overviewError: null });
      get().deliverAlerts(overview);
    };

    const reloadOverview = async () => {
      try {
        acceptOverview(await api.getOverview({}));
      } catch (error) {
        set({ overviewError: message(error) });
      }
    };

    return {
      ...createEntriesSlice(api, set, get, reloadOverview),
      ...createSettingsSlice(api, set, get, reloadOverview),
      ...createAlertsSlice(api, set, get, reloadOverview, { notifier: options.notifier ?? hostNotifies, now: options.now ?? Date.now }),
      overview: null,
      overviewError: null,
      refreshing: false,
      refreshBaseline: null,
      view: { name: 'home' },
      previousViews: [],
      returnFocus: null,

      start() {
        const stop = api.onOverview(acceptOverview, (error) => set({ overviewError: error.message }));
        const stopFocus = api.onFocusAccount?.((accountId) => get().focusAccount(accountId));
        const stopProgress = api.onPollProgress?.((event) => {
          const overview = get().overview;
          if (overview) set({ overview: withPollProgress(overview, event) });
        });
        // The total paints from the overview (and the budget beside it) alone. The manual entries (about
        // 1 MB at 5,000) and the lists only Settings and the entry form use wait until it has painted,
        // so neither the server nor the page's main thread works on them before the total is shown.
        let stopped = false;
        void Promise.all([reloadOverview(), get().loadPreferences()])
          .then(() => afterPaint())
          .then(() => {
            if (stopped) return;
            get().readNotificationAccess();
            void get().reloadEntries();
            void get().loadSettings();
          });
        return () => {
          stopped = true;
          stop();
          stopFocus?.();
          stopProgress?.();
        };
      },

      async refresh() {
        if (get().refreshing) return;
        set({ refreshing: true, refreshBaseline: baselineOf(get().overview) });
        try {
          acceptOverview(await api.refresh({}));
        } catch (error) {
          set({ overviewError: message(error) });
        } finally {
          set({ refreshing: false, refreshBaseline: null });
        }
      },

      reloadOverview,

      open(view, returnFocus) {
        const { view: current, previousViews } = get();
        set({
          view,
          previousViews: [...previousViews, current],
          ...(current.name === 'home' ? { returnFocus: returnFocus ?? null } : {}),
        });
      },

      back() {
        const previousViews = get().previousViews;
        set({ view: previousViews.at(-1) ?? { name: 'home' }, previousViews: previousViews.slice(0, -1) });
      },

      home(returnFocus) {
        set({ view: { name: 'home' }, previousViews: [], ...(returnFocus ? { returnFocus } : {}) });
      },
    };
  });
}

export const StoreContext = createContext<SpendbarStore | null>(null);

/** Reads a slice of the popover's state; components re-render only when their slice changes. */
export function useSpendbar<T>(selector: (state: SpendbarState) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useSpendbar needs <StoreContext.Provider> around the app.');
  return useStore(store, selector);
}
