/**
 * Tracked usage held against the provider's bill: for an account with an official month-to-date and
 * priced tracked usage (an API account's, never a subscription's), the two figures by day and for the
 * month and how far apart they are. Computed once here; the detail view, `status --json`, `export` and
 * the reconciliation alert all read the result.
 */
import type { Reconciliation, ReconciliationFigure } from '../../shared/api.js';
import { lastGoodOf } from '../ledger/history-store.js';
import { Dec, formatAmount } from '../model/money.js';
import type { TrackedRecord } from '../tracked/tracked-store.js';
import type { AccountData } from './account-data.js';

/** Tracked costs are priced in USD (the price list's currency). */
const TRACKED_CURRENCY = 'USD';

export function reconcile(data: AccountData): Reconciliation | null {
  const official = lastGoodOf(data.monthFile)?.monthToDate;
  if (!official || official.confidence !== 'official' || official.money.currency !== TRACKED_CURRENCY) return null;
  const priced = data.tracked.filter((record): record is TrackedRecord & { cost: string } => record.cost !== null);
  if (priced.length === 0) return null;

  const trackedByDay = new Map<string, Dec>();
  for (const record of priced) {
    // Providers bucket their daily costs by UTC day, and so does this.
    const day = new Date(record.timestamp).toISOString().slice(0, 10);
    trackedByDay.set(day, (trackedByDay.get(day) ?? new Dec(0)).plus(record.cost));
  }
  const officialByDay = new Map<string, Dec>();
  for (const bucket of lastGoodOf(data.monthFile)?.dailySpend ?? []) {
    if (bucket.money.currency !== TRACKED_CURRENCY) continue;
    officialByDay.set(bucket.date, (officialByDay.get(bucket.date) ?? new Dec(0)).plus(bucket.money.amount));
  }
  const dates = [...new Set([...trackedByDay.keys(), ...officialByDay.keys()])].sort();
  const trackedTotal = [...trackedByDay.values()].reduce((total, amount) => total.plus(amount), new Dec(0));
  return {
    month: reconciliationFigure(official.money.amount, trackedTotal),
    days: dates.map((date) => {
      const tracked = trackedByDay.get(date) ?? new Dec(0);
      const officialDay = officialByDay.get(date);
      if (officialDay === undefined) return { date, official: null, tracked: formatAmount(tracked), difference: null, percent: null, currency: TRACKED_CURRENCY };
      return { date, ...reconciliationFigure(officialDay, tracked) };
    }),
  };
}

/** One pair of figures compared; exported so tests can state an account's figures the way the engine does. */
export function reconciliationFigure(official: Dec, tracked: Dec): ReconciliationFigure {
  const difference = official.minus(tracked);
  const base = official.greaterThan(0) ? official : tracked;
  return {
    official: formatAmount(official),
    tracked: formatAmount(tracked),
    difference: formatAmount(difference),
    percent: base.greaterThan(0) ? difference.div(base).times(100).toDecimalPlaces(2).toFixed(2) : null,
    currency: TRACKED_CURRENCY,
  };
}
