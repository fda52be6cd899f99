/**
 * What an account's fresh figures say when set beside its previous fresh figures: a top-up when the
 * official balance rose, and otherwise spend seen two ways (the official month-to-date grew by X, the
 * balance fell by Y) for reconciliation. An interval with a top-up is left out of the comparison, since
 * the rise hides part of the spend; the top-up is recorded instead (auto-recharge included).
 */
import { Dec, formatAmount } from '../model/money.js';
import type { AccountTrack, DetectedTopUp } from './alert-model.js';
import type { AccountFacts } from './facts.js';

export interface TrackResult {
  readonly track: AccountTrack;
  readonly topUp?: DetectedTopUp;
}

/** Call only with fresh figures; stale ones would count the same interval twice or invent one. */
export function trackAccount(previous: AccountTrack | undefined, facts: AccountFacts, month: string): TrackResult {
  const at = facts.asOf.toISOString();
  const balance = facts.balance?.official ? facts.balance : undefined;
  const official = facts.monthToDate?.official ? facts.monthToDate : undefined;
  const next: AccountTrack = {
    balance: balance ? { amount: formatAmount(balance.amount), currency: balance.currency, at } : previous?.balance,
    official: official ? { amount: formatAmount(official.amount), currency: official.currency, month } : undefined,
    reconciliation: previous?.reconciliation?.month === month ? previous.reconciliation : undefined,
  };

  const lastBalance = previous?.balance;
  if (!balance || !lastBalance || lastBalance.currency !== balance.currency) return { track: next };
  // Same figures seen again (a later evaluation without a new poll): nothing happened in between.
  if (lastBalance.at === at) return { track: next };

  const lastOfficial = previous?.official;
  const officialGrowth =
    official && lastOfficial && lastOfficial.month === month && lastOfficial.currency === official.currency
      ? official.amount.minus(lastOfficial.amount)
      : undefined;
  const fall = new Dec(lastBalance.amount).minus(balance.amount);

  if (fall.isNegative()) {
    // The balance rose: a payment or auto-recharge. What was spent meanwhile was loaded on top of the rise.
    const loaded = fall.negated().plus(officialGrowth && officialGrowth.greaterThan(0) ? officialGrowth : 0);
    return { track: next, topUp: { accountId: facts.id, at, amount: formatAmount(loaded), currency: balance.currency } };
  }
  if (officialGrowth === undefined || officialGrowth.isNegative() || official!.currency !== balance.currency) return { track: next };

  const running = next.reconciliation ?? { month, currency: balance.currency, official: '0.00', estimated: '0.00', since: lastBalance.at };
  next.reconciliation = {
    ...running,
    official: formatAmount(new Dec(running.official).plus(officialGrowth)),
    estimated: formatAmount(new Dec(running.estimated).plus(fall)),
  };
  return { track: next };
}
