/** The hand-entered ledger in the store: list, add, edit, delete with Undo. */
import type { SpendbarBridge } from './bridge/types';
import { errorMessage as message } from './errors';
import type { EntriesSlice, EntryChanges, EntryDraft, GetState, SetState } from './store-types';

export type { EntryChanges, EntryDraft, EntriesSlice };

export const EMPTY_DRAFT: EntryDraft = { kind: 'spend', amount: '', date: '', note: '' };

export function createEntriesSlice(api: SpendbarBridge, set: SetState, get: GetState, reloadOverview: () => Promise<void>): EntriesSlice {
  const reloadEntries = async () => {
    try {
      const { entries } = await api.listEntries({});
      set({ entries, entriesError: null });
    } catch (error) {
      set({ entriesError: message(error) });
    }
  };
  // Totals and bars come from the engine, so every change re-reads the overview rather than guessing it.
  const reloadAll = () => Promise.all([reloadOverview(), reloadEntries()]).then(() => undefined);

  return {
    entries: [],
    entryDraft: EMPTY_DRAFT,
    setEntryDraft: (changes) => set({ entryDraft: { ...get().entryDraft, ...changes } }),
    entriesError: null,
    lastDeleted: null,
    reloadEntries,

    async addEntry(input) {
      await api.addEntry(input);
      set({ lastDeleted: null });
      await reloadAll();
    },

    async updateEntry(id, changes) {
      await api.updateEntry({ id, ...changes });
      await reloadAll();
    },

    async deleteEntry(id) {
      try {
        const { deleted } = await api.deleteEntry({ id });
        set({ lastDeleted: deleted });
      } catch (error) {
        set({ entriesError: message(error) });
      }
      await reloadAll();
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
      await reloadAll();
    },
  };
}
