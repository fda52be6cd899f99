/**
 * The popover's state: the latest overview, the entry list and the providers for the entry form, plus
 * the few actions the UI takes. A vanilla zustand store made per bridge, so tests can give it a fake one.
 */
import { createContext, useContext } from 'react';
import { createStore, useStore, type StoreApi } from 'zustand';
import type { EntryInput, LedgerEntryDto, Overview, ProviderInfo } from '../shared/api';
import type { SpendbarBridge } from './bridge/types';
import { errorDetails } from './errors';

export interface SpendbarState {
  overview: Overview | null;
  /** Why the overview could not be loaded or refreshed last time; cleared by the next success. */
  overviewError: string | null;
  /** A Refresh the user asked for is under way. */
  refreshing: boolean;
  providers: ProviderInfo[];
  entries: LedgerEntryDto[];
  entriesError: string | null;
  /** The entry deleted last, so the list can offer Undo. */
  lastDeleted: LedgerEntryDto | null;

  /** Loads everything and listens for new overviews; returns the function that stops listening. */
  start(): () => void;
  refresh(): Promise<void>;
  reloadOverview(): Promise<void>;
  /** Adds an entry and shows its effect at once; rethrows the API error so the form can place it. */
  addEntry(input: EntryInput): Promise<void>;
  deleteEntry(id: string): Promise<void>;
  undoDelete(): Promise<void>;
}

export type SpendbarStore = StoreApi<SpendbarState>;

const message = (error: unknown) => errorDetails(error).message;

export function createSpendbarStore(api: SpendbarBridge): SpendbarStore {
  return createStore<SpendbarState>()((set, get) => {
    /** Poll answers and Refresh answers can cross; an older overview never replaces a newer one. */
    const acceptOverview = (overview: Overview) => {
      const current = get().overview;
      if (current && Date.parse(overview.generatedAt) < Date.parse(current.generatedAt)) return;
      set({ overview, overviewError: null });
    };

    const reloadEntries = async () => {
      try {
        const { entries } = await api.listEntries({});
        set({ entries, entriesError: null });
      } catch (error) {
        set({ entriesError: message(error) });
      }
    };

    const reloadOverview = async () => {
      try {
        acceptOverview(await api.getOverview({}));
      } catch (error) {
        set({ overviewError: message(error) });
      }
    };

    return {
      overview: null,
      overviewError: null,
      refreshing: false,
      providers: [],
      entries: [],
      entriesError: null,
      lastDeleted: null,

      start() {
        const stop = api.onOverview(acceptOverview, (error) => set({ overviewError: error.message }));
        void reloadOverview();
        void reloadEntries();
        api.listProviders({}).then(
          ({ providers }) => set({ providers }),
          (error: unknown) => set({ entriesError: message(error) }),
        );
        return stop;
      },

      async refresh() {
        if (get().refreshing) return;
        set({ refreshing: true });
        try {
          acceptOverview(await api.refresh({}));
        } catch (error) {
          set({ overviewError: message(error) });
        } finally {
          set({ refreshing: false });
        }
      },

      reloadOverview,

      async addEntry(input) {
        await api.addEntry(input);
        set({ lastDeleted: null });
        await Promise.all([reloadOverview(), reloadEntries()]);
      },

      async deleteEntry(id) {
        try {
          const { deleted } = await api.deleteEntry({ id });
          set({ lastDeleted: deleted });
        } catch (error) {
          set({ entriesError: message(error) });
        }
        await Promise.all([reloadOverview(), reloadEntries()]);
      },

      async undoDelete() {
        const entry = get().lastDeleted;
        if (!entry) return;
        try {
          await api.restoreEntry(entry);
          set({ lastDeleted: null });
        } catch (error) {
          set({ entriesError: message(error) });
        }
        await Promise.all([reloadOverview(), reloadEntries()]);
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
