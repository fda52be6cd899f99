/**
 * History in Spendbar's own format, written through the engine's own stores (HistoryStore for each
 * account's month files, EntriesStore for the ledger), so it stays faithful when the format changes.
 * Each month of each account gets the figures a real poll leaves: daily spend for every day, a breakdown,
 * a balance that moves a few times a month, month-to-date.
 */
import { HistoryStore } from '../../src/core/ledger/history-store.js';
import { EntriesStore, type LedgerEntry } from '../../src/core/ledger/entries-store.js';
import { Dec, money } from '../../src/core/model/money.js';
import type { Snapshot } from '../../src/core/model/snapshot.js';

const quiet = () => {};

/** "YYYY-MM" of the month `back` months before `now`'s (UTC). */
export function monthBack(now: Date, back: number): string {
  const date = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
  return date.toISOString().slice(0, 7);
}

function daysIn(month: string, now: Date): string[] {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, mon, 0)).getUTCDate();
  const current = now.toISOString().slice(0, 7) === month;
  const until = current ? now.getUTCDate() : last;
  return Array.from({ length: until }, (_, day) => `${month}-${String(day + 1).padStart(2, '0')}`);
}

/** Writes one month of history for each account: `polls` snapshots, the balance falling with each. */
export function writeMonth(dataDir: string, accountIds: readonly string[], month: string, now: Date, polls = 3): void {
  const history = new HistoryStore(dataDir, quiet);
  const days = daysIn(month, now);
  accountIds.forEach((accountId, index) => {
    const daily = days.map((date, day) => ({ date, money: money(new Dec(index + 1).plus(new Dec(day % 7).div(4)), 'USD') }));
    const total = daily.reduce((sum, item) => sum.plus(item.money.amount), new Dec(0));
    for (let poll = 1; poll <= polls; poll += 1) {
      const fetchedAt = `${days[Math.min(days.length - 1, Math.floor((poll * days.length) / polls) - 1)] ?? days[0]}T12:00:00.000Z`;
      const snapshot: Snapshot = {
        month,
        monthToDate: { money: money(total, 'USD'), confidence: 'official' },
        dailySpend: daily,
        balance: { money: money(new Dec(500).minus(total.mul(poll).div(polls)).toDecimalPlaces(2), 'USD'), confidence: 'official' },
        breakdown: [
          { dimension: 'model', label: 'model-large', money: money(total.mul(0.75), 'USD') },
          { dimension: 'model', label: 'model-small', money: money(total.mul(0.25), 'USD') },
        ],
        usage: [{ model: 'model-large', inputTokens: 120_000 * (index + 1), outputTokens: 30_000 }],
        notes: [],
        fetchedAt,
      };
      history.recordSuccess(accountId, snapshot);
    }
  });
}

/** Adds `count` manual spend entries spread over the accounts and the last `months` months. */
export function writeEntries(dataDir: string, accounts: readonly { provider: string; name: string }[], count: number, months: number, now: Date): void {
  const store = new EntriesStore(dataDir, quiet);
  const entries: LedgerEntry[] = [...store.list()];
  for (let index = 0; index < count; index += 1) {
    const account = accounts[index % accounts.length]!;
    const month = monthBack(now, index % months);
    const day = String((index % 28) + 1).padStart(2, '0');
    entries.push({
      id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
      provider: account.provider,
      account: account.name,
      kind: 'spend',
      amount: `${(index % 50) + 1}.25`,
      currency: 'USD',
      date: `${month}-${day}`,
      note: `bench entry ${index}`,
      createdAt: now.toISOString(),
    });
  }
  // One write of the whole ledger through the store (its private writer; adding 5,000 entries one by
  // one would rewrite the file 5,000 times). Falls back to add() if the store's writer changes.
  const writer = (store as unknown as { write?: (all: LedgerEntry[]) => void }).write;
  if (typeof writer === 'function') writer.call(store, entries);
  else for (const entry of entries.slice(store.list().length)) store.add(entry, now);
}
