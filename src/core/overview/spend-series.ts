/**
 * Day-by-day spend series an account's figures are judged by: the provider's daily buckets, and the
 * ledger's (manual spend entries and priced tracked usage). The runway and the month-end figure read them.
 */
import { parseMonth } from '../model/billing-month.js';
import { Dec } from '../model/money.js';
import { balanceInputsFromEntries } from '../ledger/ledger.js';
import { lastGoodOf, type MonthFile } from '../ledger/history-store.js';
import { dayKey, type DatedAmount, type SpendSeries } from './runway.js';
import type { AccountData } from './account-data.js';
import type { LedgerEntry } from '../ledger/entries-store.js';

const DAY_MS = 86_400_000;

/**
 * The provider's daily spend, when it reports any this month. Last month's buckets count only when its
 * last good poll came at the very end of it; otherwise its final days are unknown, not zero.
 */
export function providerDailySeries(current: MonthFile | undefined, previous: MonthFile | undefined): SpendSeries | undefined {
  const days = (file: MonthFile | undefined): DatedAmount[] =>
    (lastGoodOf(file)?.dailySpend ?? []).map((bucket) => ({ date: bucket.date, money: bucket.money }));
  const thisMonth = days(current);
  if (!current || thisMonth.length === 0) return undefined;
  const lastMonth = previous && parseMonth(previous.month);
  const lastMonthComplete =
    lastMonth && previous?.lastGood && lastMonth.end.getTime() - Date.parse(previous.lastGood.fetchedAt) <= DAY_MS && parseMonth(current.month)?.start.getTime() === lastMonth.end.getTime();
  return lastMonthComplete ? { days: [...days(previous), ...thisMonth], coversFrom: `${previous!.month}-01` } : { days: thisMonth, coversFrom: `${current.month}-01` };
}

/**
 * Manual spend entries and priced tracked usage, each on its day; `entries: false` leaves the entries
 * out (the month-end figure projects only what accrues day by day).
 */
export function ledgerSeries(data: AccountData, options: { entries?: boolean } = {}): SpendSeries | undefined {
  const trackedDays = data.tracked
    .filter((record) => record.cost !== null)
    .map((record) => ({ date: dayKey(new Date(record.timestamp)), money: { amount: new Dec(record.cost!), currency: 'USD' } }));
  const days: DatedAmount[] = [...(options.entries === false ? [] : balanceInputsFromEntries(data.entries).spend), ...trackedDays];
  if (days.length === 0) return undefined;
  // The user has been keeping this ledger since their first entry of any kind (a top-up on the 1st,
  // spend typed on the 21st): measuring burn only from the first spend would overstate it.
  const starts = [...trackedDays.map((day) => day.date), firstEntryDate(data.entries)].filter((date): date is string => date !== undefined);
  return { days, coversFrom: starts.reduce((first, date) => (date < first ? date : first), starts[0]!) };
}

const firstDates = new WeakMap<readonly LedgerEntry[], string | undefined>();

/** The earliest date of any entry, remembered per list (the store hands out the same lists until the ledger changes). */
function firstEntryDate(entries: readonly LedgerEntry[]): string | undefined {
  if (!firstDates.has(entries)) firstDates.set(entries, entries.reduce<string | undefined>((first, entry) => (first === undefined || entry.date < first ? entry.date : first), undefined));
  return firstDates.get(entries);
}
