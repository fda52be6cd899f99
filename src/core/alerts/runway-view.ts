/**
 * The popover's runway line for one account, from what is stored: this month's and last month's
 * history files (daily spend, balance points) and the account's manual spend entries and tracked usage.
 */
import type { AccountView } from '../../shared/api.js';
import { parseMonth } from '../model/billing-month.js';
import { Dec, formatAmount, money } from '../model/money.js';
import type { Figure } from '../model/snapshot.js';
import type { AccountData } from '../overview.js';
import { snapshotFromJson, type MonthFile } from '../store/history-store.js';
import { computeRunway, dayKey, type BalancePoint, type DatedAmount, type SpendSeries } from './runway.js';

const DAY_MS = 86_400_000;

export function runwayView(data: AccountData, balance: Figure | undefined, now: Date): AccountView['runway'] {
  if (!balance) return null;
  const current = data.monthFile;
  const previous = data.earlierFiles.at(-1);
  const lastGood = current?.lastGood ? snapshotFromJson(current.lastGood) : undefined;
  // Judged as of the figures' fetch time, so the same figures always show the same runway.
  const asOf = lastGood && data.account.provider.kind === 'api' ? new Date(lastGood.fetchedAt) : now;
  const runway = computeRunway({
    balance: balance.money,
    asOf,
    dailySpend: dailySpendSeries(current, previous),
    balancePoints: [previous, current].flatMap((file) => (file?.balances ?? []).map((point): BalancePoint => ({ at: point.at, money: money(point.amount, point.currency) }))),
    entrySpend: entrySeries(data),
  });
  if (!runway) return null;
  return {
    days: runway.days,
    depletionDate: runway.depletionDate,
    burnPerDay7: runway.burnPerDay7 ? formatAmount(runway.burnPerDay7) : null,
    burnPerDay30: runway.burnPerDay30 ? formatAmount(runway.burnPerDay30) : null,
    currency: runway.currency,
  };
}

/**
 * The provider's daily spend, when it reports any this month. Last month's buckets count only when its
 * last good poll came at the very end of it; otherwise its final days are unknown, not zero.
 */
function dailySpendSeries(current: MonthFile | undefined, previous: MonthFile | undefined): SpendSeries | undefined {
  const days = (file: MonthFile | undefined): DatedAmount[] =>
    (file?.lastGood?.dailySpend ?? []).map((bucket) => ({ date: bucket.date, money: money(bucket.amount, bucket.currency) }));
  const thisMonth = days(current);
  if (!current || thisMonth.length === 0) return undefined;
  const lastMonth = previous && parseMonth(previous.month);
  const lastMonthComplete =
    lastMonth && previous?.lastGood && lastMonth.end.getTime() - Date.parse(previous.lastGood.fetchedAt) <= DAY_MS && parseMonth(current.month)?.start.getTime() === lastMonth.end.getTime();
  return lastMonthComplete ? { days: [...days(previous), ...thisMonth], coversFrom: `${previous!.month}-01` } : { days: thisMonth, coversFrom: `${current.month}-01` };
}

/** Manual spend entries and priced tracked usage, each on its day. */
function entrySeries(data: AccountData): SpendSeries | undefined {
  const days: DatedAmount[] = [
    ...data.entries.filter((entry) => entry.kind === 'spend').map((entry) => ({ date: entry.date, money: money(entry.amount, entry.currency) })),
    ...data.tracked
      .filter((record) => record.cost !== null)
      .map((record) => ({ date: dayKey(new Date(record.timestamp)), money: { amount: new Dec(record.cost!), currency: 'USD' } })),
  ];
  if (days.length === 0) return undefined;
  // The user has been keeping this ledger since their first entry of any kind (a top-up on the 1st,
  // spend typed on the 21st): measuring burn only from the first spend would overstate it.
  const allDates = [...days.map((day) => day.date), ...data.entries.map((entry) => entry.date)];
  return { days, coversFrom: allDates.reduce((first, date) => (date < first ? date : first), allDates[0]!) };
}
