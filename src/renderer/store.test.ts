import { describe, expect, it, vi } from 'vitest';
import type { LedgerEntryDto, Overview } from '../shared/api';
import type { OverviewListener, SpendbarBridge } from './bridge/types';
import { ApiCallError } from './errors';
import { createSpendbarStore } from './store';
import { makeBridge, makeEntry, makeOverview } from './test-support';

/** An in-memory bridge: entries live in an array and the overview total follows them. */
function fakeBridge() {
  let entries: LedgerEntryDto[] = [];
  let listener: OverviewListener = () => {};
  let clock = Date.parse('2026-11-21T10:00:00.000Z');
  const overview = (): Overview => {
    clock += 1000;
    const total = (12.5 + entries.reduce((sum, entry) => sum + Number(entry.amount), 0)).toFixed(2);
    return makeOverview({
      generatedAt: new Date(clock).toISOString(),
      totals: [{ currency: 'USD', monthToDate: total, byConfidence: { official: '12.50', estimated: '0', manual: '0' } }],
    });
  };
  const bridge: SpendbarBridge = makeBridge({
    getOverview: vi.fn(async () => overview()),
    refresh: vi.fn(async () => overview()),
    listEntries: vi.fn(async () => ({ entries })),
    addEntry: vi.fn(async (input) => {
      if (!/^\d+(\.\d+)?$/.test(input.amount)) throw new ApiCallError('Amount must be a number', { field: 'amount' });
      const entry = makeEntry({ id: `e${entries.length + 1}`, amount: input.amount });
      entries = [...entries, entry];
      return { id: entry.id };
    }),
    updateEntry: vi.fn(),
    deleteEntry: vi.fn(async ({ id }) => {
      const deleted = entries.find((entry) => entry.id === id);
      if (!deleted) throw new ApiCallError('No such entry');
      entries = entries.filter((entry) => entry !== deleted);
      return { deleted };
    }),
    restoreEntry: vi.fn(async (entry) => {
      entries = [...entries, entry];
      return { id: entry.id };
    }),
    listProviders: vi.fn(async () => ({ providers: [] })),
    listAccounts: vi.fn(async () => ({ accounts: [] })),
    getPreferences: vi.fn(async () => ({ launchAtLogin: false, launchAtLoginAvailable: false, monthlyBudget: {}, otlpReceiver: { enabled: false, port: 4318 } })),
    onOverview: vi.fn((next) => {
      listener = next;
      return () => (listener = () => {});
    }),
  });
  return { bridge, push: (next: Overview) => listener(next), overview };
}

const totalOf = (state: { overview: Overview | null }) => state.overview?.totals[0]?.monthToDate;

describe('createSpendbarStore', () => {
  it('shows a new entry in the total as soon as it is added', async () => {
    const { bridge } = fakeBridge();
    const store = createSpendbarStore(bridge);
    await store.getState().reloadOverview();
    expect(totalOf(store.getState())).toBe('12.50');
    await store.getState().addEntry({ provider: 'groq', kind: 'spend', amount: '3.20' });
    expect(totalOf(store.getState())).toBe('15.70');
    expect(store.getState().entries.map((entry) => entry.amount)).toEqual(['3.20']);
  });

  it('rethrows a rejected entry with its field and leaves the figures alone', async () => {
    const { bridge } = fakeBridge();
    const store = createSpendbarStore(bridge);
    await store.getState().reloadOverview();
    await expect(store.getState().addEntry({ provider: 'groq', kind: 'spend', amount: 'abc' })).rejects.toMatchObject({
      field: 'amount',
    });
    expect(totalOf(store.getState())).toBe('12.50');
  });

  it('never lets an older overview replace a newer one when answers cross', async () => {
    const { bridge, push, overview } = fakeBridge();
    const store = createSpendbarStore(bridge);
    const stop = store.getState().start();
    const older = overview();
    const newer = { ...overview(), demo: true };
    push(newer);
    push(older);
    expect(store.getState().overview?.generatedAt).toBe(newer.generatedAt);
    stop();
  });

  it('marks a Refresh as pending until the engine answers, and reports its failure', async () => {
    const { bridge } = fakeBridge();
    let finish: (overview: Overview) => void = () => {};
    bridge.refresh = vi.fn(() => new Promise<Overview>((resolve) => (finish = resolve)));
    const store = createSpendbarStore(bridge);
    const pending = store.getState().refresh();
    expect(store.getState().refreshing).toBe(true);
    finish(makeOverview());
    await pending;
    expect(store.getState().refreshing).toBe(false);

    bridge.refresh = vi.fn(async () => {
      throw new ApiCallError('Cannot reach Spendbar.');
    });
    await store.getState().refresh();
    expect(store.getState().overviewError).toBe('Cannot reach Spendbar.');
  });

  it('deletes an entry and puts it back on Undo', async () => {
    const { bridge } = fakeBridge();
    const store = createSpendbarStore(bridge);
    await store.getState().addEntry({ provider: 'groq', kind: 'spend', amount: '3.20' });
    await store.getState().deleteEntry('e1');
    expect(store.getState().entries).toEqual([]);
    expect(totalOf(store.getState())).toBe('12.50');
    expect(store.getState().lastDeleted?.id).toBe('e1');
    await store.getState().undoDelete();
    expect(store.getState().entries.map((entry) => entry.id)).toEqual(['e1']);
    expect(totalOf(store.getState())).toBe('15.70');
    expect(store.getState().lastDeleted).toBeNull();
  });

  it('edits an entry and shows the new total, rethrowing a refusal with its field', async () => {
    const { bridge } = fakeBridge();
    bridge.updateEntry = vi.fn(async ({ id, amount }) => {
      if (amount === '-1') throw new ApiCallError('A spend amount must be positive; got -1.', { field: 'amount' });
      return makeEntry({ id, amount: amount ?? '0' });
    });
    const store = createSpendbarStore(bridge);
    await expect(store.getState().updateEntry('e1', { amount: '-1' })).rejects.toMatchObject({ field: 'amount' });
    await store.getState().updateEntry('e1', { amount: '4.10' });
    expect(bridge.updateEntry).toHaveBeenLastCalledWith({ id: 'e1', amount: '4.10' });
    expect(bridge.getOverview).toHaveBeenCalled();
  });

  it('opens views over each other, goes back one at a time, and remembers what to focus on the list', () => {
    const { bridge } = fakeBridge();
    const store = createSpendbarStore(bridge);
    store.getState().open({ name: 'settings' }, 'toolbar:settings');
    store.getState().open({ name: 'add-account', provider: 'openrouter' }, 'ignored');
    expect(store.getState().view).toEqual({ name: 'add-account', provider: 'openrouter' });
    store.getState().back();
    expect(store.getState().view).toEqual({ name: 'settings' });
    store.getState().back();
    expect(store.getState().view).toEqual({ name: 'home' });
    expect(store.getState().returnFocus).toBe('toolbar:settings');
    store.getState().back();
    expect(store.getState().view).toEqual({ name: 'home' });

    store.getState().open({ name: 'settings' });
    store.getState().open({ name: 'add-account' });
    store.getState().home('row:openrouter:default');
    expect(store.getState()).toMatchObject({ view: { name: 'home' }, previousViews: [], returnFocus: 'row:openrouter:default' });
  });

  it('remembers each polled account as it was when a Refresh began, and forgets it when done', async () => {
    const { bridge } = fakeBridge();
    let finish: (overview: Overview) => void = () => {};
    bridge.refresh = vi.fn(() => new Promise<Overview>((resolve) => (finish = resolve)));
    const store = createSpendbarStore(bridge);
    await store.getState().reloadOverview();
    const pending = store.getState().refresh();
    expect(Object.keys(store.getState().refreshBaseline ?? {})).toEqual(['openrouter:env']);
    finish(makeOverview({ generatedAt: '2026-11-21T11:00:00.000Z' }));
    await pending;
    expect(store.getState().refreshBaseline).toBeNull();
  });

  it('loads providers, accounts and preferences, and reports the first failure', async () => {
    const { bridge } = fakeBridge();
    bridge.listAccounts = vi.fn(async () => {
      throw new ApiCallError('No keychain is available.');
    });
    const store = createSpendbarStore(bridge);
    await store.getState().loadSettings();
    expect(store.getState().preferences).toMatchObject({ launchAtLoginAvailable: false });
    expect(store.getState().settingsError).toBe('No keychain is available.');
  });

  it('shows the total and budget before asking for the manual entries, which come once it has painted', async () => {
    const { bridge } = fakeBridge();
    await bridge.addEntry({ provider: 'groq', kind: 'spend', amount: '3.20' });
    let painted: () => void = () => {};
    const store = createSpendbarStore(bridge, { afterPaint: () => new Promise<void>((resolve) => (painted = resolve)) });
    const stop = store.getState().start();
    await vi.waitFor(() => expect(totalOf(store.getState())).toBe('15.70'));
    await vi.waitFor(() => expect(store.getState().preferences).not.toBeNull());
    // The 1 MB of entries and the Settings lists neither delay the server's overview nor the first paint.
    expect(bridge.listEntries).not.toHaveBeenCalled();
    expect(bridge.listProviders).not.toHaveBeenCalled();
    painted();
    await vi.waitFor(() => expect(store.getState().entries.map((entry) => entry.amount)).toEqual(['3.20']));
    expect(bridge.listProviders).toHaveBeenCalled();
    stop();
  });

  it('still loads the entries after the first paint when the overview fails', async () => {
    const { bridge } = fakeBridge();
    bridge.getOverview = vi.fn(async () => {
      throw new ApiCallError('Cannot reach Spendbar.');
    });
    const store = createSpendbarStore(bridge, { afterPaint: async () => {} });
    const stop = store.getState().start();
    await vi.waitFor(() => expect(bridge.listEntries).toHaveBeenCalled());
    expect(store.getState().overviewError).toBe('Cannot reach Spendbar.');
    stop();
  });
});
