/**
 * What needs the user's eye first, as pure functions over the overview: the row order, the runway
 * colour and the "loaded" reference a balance bar is drawn against.
 */
import type { AccountView } from '../../shared/api';
import { amountToNumber, compareAmounts, toMicros } from './amounts';

/** Below this many days of runway a row is "low" (amber) and sorts near the top. */
export const LOW_RUNWAY_DAYS = 14;
/** Below this many days it is critical (red). */
export const CRITICAL_RUNWAY_DAYS = 3;

export type RunwayTone = 'good' | 'warn' | 'bad' | 'none';

/** green > 14 d, amber 3–14 d, red < 3 d; no colour when the runway is unknown. */
export function runwayTone(days: number | null | undefined): RunwayTone {
  if (days === null || days === undefined || Number.isNaN(days)) return 'none';
  if (days < CRITICAL_RUNWAY_DAYS) return 'bad';
  if (days <= LOW_RUNWAY_DAYS) return 'warn';
  return 'good';
}

/** 0 broken (error, unconfigured), 1 low runway, 2 stale or not polled yet, 3 fine. */
export function attentionRank(account: AccountView): number {
  if (account.status === 'error' || account.status === 'unconfigured') return 0;
  if (runwayTone(account.runway?.days) === 'warn' || runwayTone(account.runway?.days) === 'bad') return 1;
  if (account.status === 'stale' || account.status === 'pending') return 2;
  return 3;
}

/**
 * Errors and missing keys first, then low runway (fewest days first), then stale figures, then the
 * biggest month-to-date. Amounts in different currencies are compared by number only to order rows;
 * nothing is converted or added across currencies.
 */
export function sortByAttention(accounts: readonly AccountView[]): AccountView[] {
  return [...accounts].sort((a, b) => {
    const rank = attentionRank(a) - attentionRank(b);
    if (rank !== 0) return rank;
    if (attentionRank(a) === 1) {
      const days = (a.runway?.days ?? 0) - (b.runway?.days ?? 0);
      if (days !== 0) return days;
    }
    const spend = compareAmounts(b.monthToDate?.amount ?? '-1', a.monthToDate?.amount ?? '-1');
    if (spend !== 0) return spend;
    return a.providerName.localeCompare(b.providerName) || a.account.localeCompare(b.account);
  });
}

export interface BalanceBarModel {
  /** Remaining credit, as the engine gave it. */
  amount: string;
  currency: string;
  /** What was loaded (spend limit or the highest balance seen this month); null when unknown. */
  reference: string | null;
  /** Share of the reference still left, 0..1; null draws no bar, only the figure. */
  fraction: number | null;
  tone: RunwayTone;
}

/**
 * The bar compares the balance with what was loaded. The reference is the largest of the spend limit
 * and this month's balance points in the balance's currency (a top-up raises it); a balance above all
 * of them fills the bar. Without any reference there is nothing honest to draw against.
 */
export function balanceBar(account: AccountView): BalanceBarModel | null {
  const balance = account.balance;
  if (!balance) return null;
  const candidates = [
    ...(account.spendLimit && account.spendLimit.currency === balance.currency ? [account.spendLimit.amount] : []),
    ...account.balanceHistory.filter((point) => point.currency === balance.currency).map((point) => point.amount),
  ].filter((amount) => (toMicros(amount) ?? 0n) > 0n);
  const tone = runwayTone(account.runway?.days);
  if (candidates.length === 0) return { amount: balance.amount, currency: balance.currency, reference: null, fraction: null, tone };
  const reference = [...candidates, balance.amount].sort(compareAmounts).at(-1)!;
  const ratio = amountToNumber(balance.amount) / amountToNumber(reference);
  return { amount: balance.amount, currency: balance.currency, reference, fraction: Math.min(1, Math.max(0, ratio)), tone };
}
