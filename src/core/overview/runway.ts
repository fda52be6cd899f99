/**
 * Runway: how many days the remaining credit lasts at the recent burn rate. Burn comes from the best
 * source an account has: the provider's daily spend, else the falls between stored balance points, else
 * manual spend entries and tracked usage. A balance that rises is a top-up, never negative burn.
 * Everything is computed as of one instant (the figures' fetch time), so the same figures always give
 * the same runway: a sleep or a clock change cannot move it.
 */
import { Dec, type Money } from '../model/money.js';

const DAY_MS = 86_400_000;

export interface DatedAmount {
  /** UTC day, YYYY-MM-DD. */
  readonly date: string;
  readonly money: Money;
}

export interface BalancePoint {
  readonly at: string;
  readonly money: Money;
}

export interface SpendSeries {
  readonly days: readonly DatedAmount[];
  /** First UTC day the series is complete from (a day without a bucket there means nothing was spent). */
  readonly coversFrom: string;
}

export interface RunwayInput {
  readonly balance: Money | undefined;
  readonly asOf: Date;
  /** The provider's own daily spend (current month and the one before). */
  readonly dailySpend?: SpendSeries;
  readonly balancePoints: readonly BalancePoint[];
  /** Manual spend entries and tracked usage costs. */
  readonly entrySpend?: SpendSeries;
}

export type BurnSource = 'daily-spend' | 'balance-changes' | 'entries';

export interface Runway {
  /** Null when nothing is being spent (or too little is known); 0 when the balance is used up. */
  readonly days: number | null;
  /** UTC day the balance runs out at the recent rate. */
  readonly depletionDate: string | null;
  readonly burnPerDay7: Dec | null;
  readonly burnPerDay30: Dec | null;
  readonly currency: string;
  readonly source: BurnSource | null;
}

export function computeRunway(input: RunwayInput): Runway | null {
  const { balance, asOf } = input;
  if (!balance) return null;
  const currency = balance.currency;
  const { burn7, burn30, source } = burnRates(input, currency);
  // The last week says most about the next one; the month covers a quiet week.
  const rate = burn7?.greaterThan(0) ? burn7 : burn30?.greaterThan(0) ? burn30 : null;
  let days: number | null = null;
  if (balance.amount.lessThanOrEqualTo(0)) days = 0;
  else if (rate) days = Math.floor(balance.amount.div(rate).toNumber() * 10) / 10;
  const depletionDate = days === null || days > 3650 ? null : new Date(asOf.getTime() + days * DAY_MS).toISOString().slice(0, 10);
  return { days, depletionDate, burnPerDay7: burn7, burnPerDay30: burn30, currency, source };
}

function burnRates(input: RunwayInput, currency: string): { burn7: Dec | null; burn30: Dec | null; source: BurnSource | null } {
  const daily = input.dailySpend && inCurrency(input.dailySpend, currency);
  if (daily && daily.days.length > 0) {
    return { burn7: burnFromDays(daily, input.asOf, 7), burn30: burnFromDays(daily, input.asOf, 30), source: 'daily-spend' };
  }
  const points = input.balancePoints.filter((point) => point.money.currency === currency);
  if (points.length >= 2) {
    return { burn7: burnFromBalancePoints(points, input.asOf, 7), burn30: burnFromBalancePoints(points, input.asOf, 30), source: 'balance-changes' };
  }
  const entries = input.entrySpend && inCurrency(input.entrySpend, currency);
  if (entries && entries.days.length > 0) {
    return { burn7: burnFromDays(entries, input.asOf, 7), burn30: burnFromDays(entries, input.asOf, 30), source: 'entries' };
  }
  return { burn7: null, burn30: null, source: null };
}

function inCurrency(series: SpendSeries, currency: string): SpendSeries {
  return { ...series, days: series.days.filter((day) => day.money.currency === currency) };
}

/**
 * Average spend per day over the last `windowDays` calendar days up to `asOf` (today's partial bucket
 * included), over the span actually covered when the series starts later. Spans under a day count as
 * one day, so the first hour of a month cannot project a day's rate from a few minutes.
 */
export function burnFromDays(series: SpendSeries, asOf: Date, windowDays: number): Dec | null {
  const windowStart = dayKey(new Date(asOf.getTime() - (windowDays - 1) * DAY_MS));
  const firstDay = windowStart > series.coversFrom ? windowStart : series.coversFrom;
  const spanMs = asOf.getTime() - Date.parse(`${firstDay}T00:00:00Z`);
  if (spanMs <= 0) return null;
  const today = dayKey(asOf);
  const spent = series.days
    .filter((day) => day.date >= firstDay && day.date <= today)
    .reduce((total, day) => total.plus(day.money.amount), new Dec(0));
  return perDay(spent, spanMs);
}

/**
 * Spend per day from the falls between consecutive balance points in the window. Rises are top-ups
 * (payments, auto-recharge) and are left out rather than counted as negative spend.
 */
export function burnFromBalancePoints(points: readonly BalancePoint[], asOf: Date, windowDays: number): Dec | null {
  const sorted = [...points].filter((point) => Date.parse(point.at) <= asOf.getTime()).sort((a, b) => a.at.localeCompare(b.at));
  if (sorted.length < 2) return null;
  const windowStart = asOf.getTime() - windowDays * DAY_MS;
  let spent = new Dec(0);
  for (let index = 1; index < sorted.length; index += 1) {
    const earlier = sorted[index - 1]!;
    const later = sorted[index]!;
    if (Date.parse(later.at) <= windowStart) continue;
    const fall = earlier.money.amount.minus(later.money.amount);
    if (fall.greaterThan(0)) spent = spent.plus(fall);
  }
  const spanMs = asOf.getTime() - Math.max(windowStart, Date.parse(sorted[0]!.at));
  return spanMs > 0 ? perDay(spent, spanMs) : null;
}

/** Rises between consecutive balance points: top-ups, at least by the amount shown. */
export function balanceRises(points: readonly BalancePoint[]): BalancePoint[] {
  const sorted = [...points].sort((a, b) => a.at.localeCompare(b.at));
  const rises: BalancePoint[] = [];
  for (let index = 1; index < sorted.length; index += 1) {
    const earlier = sorted[index - 1]!;
    const later = sorted[index]!;
    if (earlier.money.currency !== later.money.currency) continue;
    const rise = later.money.amount.minus(earlier.money.amount);
    if (rise.greaterThan(0)) rises.push({ at: later.at, money: { amount: rise, currency: later.money.currency } });
  }
  return rises;
}

function perDay(spent: Dec, spanMs: number): Dec {
  const days = Dec.max(new Dec(spanMs).div(DAY_MS), 1);
  const rate = spent.div(days);
  // Two decimals for display where that says enough; sub-cent rates keep a few more.
  return rate.toDecimalPlaces(rate.greaterThanOrEqualTo(1) ? 2 : 6);
}

export function dayKey(date: Date): string {
  return date.toISOString().slice(0, 10);
}
