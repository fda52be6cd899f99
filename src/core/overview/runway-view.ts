/**
 * The popover's runway line for one account, from what is stored: this month's and last month's
 * history files (daily spend, balance points) and the account's manual spend entries and tracked usage.
 */
import type { AccountView } from '../../shared/api.js';
import { formatAmount } from '../model/money.js';
import type { Figure } from '../model/snapshot.js';
import { earlierOf, type AccountData } from './account-data.js';
import { ledgerSeries, providerDailySeries } from './spend-series.js';
import { balancePointsOf, lastGoodOf } from '../ledger/history-store.js';
import { computeRunway } from './runway.js';

export function runwayView(data: AccountData, balance: Figure | undefined, now: Date): AccountView['runway'] {
  if (!balance) return null;
  const current = data.monthFile;
  const previous = earlierOf(data).previous();
  const lastGood = lastGoodOf(current);
  // Judged as of the figures' fetch time, so the same figures always show the same runway.
  const asOf = lastGood && data.account.provider.kind === 'api' ? new Date(lastGood.fetchedAt) : now;
  const runway = computeRunway({
    balance: balance.money,
    asOf,
    dailySpend: providerDailySeries(current, previous),
    balancePoints: [...balancePointsOf(previous), ...balancePointsOf(current)],
    entrySpend: ledgerSeries(data),
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

