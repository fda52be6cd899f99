/** The hand-entered ledger in the store: list, add, edit, delete with Undo. */
import type { EntryInput, LedgerEntryDto } from '../shared/api';
import type { SpendbarBridge } from './bridge/types';
import { errorMessage as message } from './errors';
import type { GetState, SetState } from './store';

export interface EntryChanges {
  amount?: string;
  currency?: string;
  date?: string;
  note?: string;
  kind?: LedgerEntryDto['kind'];
}

/** What the entry form holds; kept in the store so closing the panel (Escape) loses nothing typed. */
export interface EntryDraft {
  provider?: string;
  account?: string;
  kind: LedgerEntryDto['kind'];
  amount: string;
  currency?: string;
  /** Empty means today, worked out when the form is shown (so a popover left open overnight is right). */
  date: string;
  note: string;
}

export const EMPTY_DRAFT: EntryDraft = { kind: 'spend', amount: '', date: '', note: '' };

export interface EntriesSlice {
  entries: LedgerEntryDto[];
  entryDraft: EntryDraft;
  setEntryDraft(changes: Partial<EntryDraft>): void;
  entriesError: string | null;
  /** The entry deleted last, so the list can offer Undo. */
  lastDeleted: LedgerEntryDto | null;
  reloadEntries(): Promise<void>;
  /** Adds an entry and shows its effect at once; rethrows the API error so the form can place it. */
  addEntry(input: EntryInput): Promise<void>;
  /** Saves an edit; rethrows the API error (with its field) so the edit row can show it. */
  updateEntry(id: string, changes: EntryChanges): Promise<void>;
  deleteEntry(id: string): Promise<void>;
  undoDelete(): Promise<void>;
}

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
