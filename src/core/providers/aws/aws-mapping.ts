/**
 * Pure pieces of the AWS adapter: which days to ask Cost Explorer for (days older than two days are
 * treated as settled and taken from the last good snapshot), and how the daily, per-service answer
 * becomes month-to-date, daily spend and a breakdown.
 *
 * The snapshot keeps per-service amounts for settled days only, plus one "recent days" line for the days
 * AWS is still revising: that way the next poll can carry the settled per-service figures forward exactly
 * (the snapshot has no per-day-per-service field) and the breakdown still adds up to the month-to-date.
 */
import { Dec, money, type Money } from '../../model/money.js';
import { ProviderError } from '../../model/provider-error.js';
import type { BillingMonth } from '../../model/billing-month.js';
import type { BreakdownItem, DailySpend, Snapshot } from '../../model/snapshot.js';
import type { CostAndUsage } from './aws-schemas.js';

/** The breakdown line for days AWS may still revise; it is never carried to the next poll. */
export const RECENT_LABEL = 'Recent days, not yet final';
/** Days younger than this are re-fetched on every poll. */
const SETTLE_DAYS = 2;
/** The history store keeps at most 12 decimals; Cost Explorer sends about 10. */
const PLACES = 10;

const DAY_MS = 86_400_000;

/** A UTC calendar day, YYYY-MM-DD. */
export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** UTC arithmetic: date-fns' addDays works in local time, which DST would shift. */
function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

export interface FetchPlan {
  /** First day to ask for (inclusive), YYYY-MM-DD. */
  readonly start: string;
  /** Day after the last one to ask for (exclusive, as Cost Explorer wants it). */
  readonly end: string;
  /** Days before `start`, from the last good snapshot. */
  readonly carriedDays: readonly DailySpend[];
  /** Per-service amounts of the carried days. */
  readonly carriedServices: readonly BreakdownItem[];
  /** Days before this one count as settled in the snapshot built now. */
  readonly settledBefore: string;
}

/** Days before `at` minus two days, within the month: what a poll at `at` may treat as settled. */
function settledBoundary(month: BillingMonth, at: Date): string {
  const first = utcDay(month.start);
  const last = utcDay(month.end);
  const boundary = utcDay(addDays(at, -SETTLE_DAYS));
  return boundary < first ? first : boundary > last ? last : boundary;
}

export function planFetch(month: BillingMonth, now: Date, previous: Snapshot | undefined): FetchPlan {
  const first = utcDay(month.start);
  const tomorrow = utcDay(addDays(now, 1));
  const end = tomorrow < utcDay(month.end) ? tomorrow : utcDay(month.end);
  const settledBefore = settledBoundary(month, now);
  const full: FetchPlan = { start: first, end, carriedDays: [], carriedServices: [], settledBefore };
  if (!previous || previous.month !== month.key || !previous.dailySpend) return full;
  const fetchedAt = new Date(previous.fetchedAt);
  if (Number.isNaN(fetchedAt.getTime())) return full;
  // AWS adds month-end items (tax, credits) when the month closes: read the whole month once afterwards.
  if (fetchedAt < month.end && now >= month.end) return full;
  const start = settledBoundary(month, fetchedAt);
  if (start <= first) return full;
  const carriedDays = previous.dailySpend.filter((day) => day.date < start);
  const carriedServices = (previous.breakdown ?? []).filter((item) => item.dimension === 'service' && item.label !== RECENT_LABEL);
  // Carry only a complete, self-consistent record: every settled day present and the services adding up.
  const expectedDays = daysBetween(first, start);
  const complete = expectedDays.every((day) => carriedDays.some((carried) => carried.date === day));
  const currencies = new Set([...carriedDays, ...carriedServices].map((item) => item.money.currency));
  const dayTotal = carriedDays.reduce((total, day) => total.plus(day.money.amount), new Dec(0));
  const serviceTotal = carriedServices.reduce((total, item) => total.plus(item.money.amount), new Dec(0));
  if (!complete || carriedDays.length !== expectedDays.length || currencies.size > 1 || !dayTotal.equals(serviceTotal)) return full;
  return { start: start < end ? start : end, end, carriedDays, carriedServices, settledBefore };
}

export interface CostFigures {
  readonly dailySpend: readonly DailySpend[];
  readonly monthToDate: Money;
  readonly breakdown: readonly BreakdownItem[];
  /** True when some days are still being revised (then the breakdown has a RECENT_LABEL line). */
  readonly hasRecent: boolean;
}

/** Adds the pages of one GetCostAndUsage answer to the carried days. */
export function costFigures(plan: FetchPlan, pages: readonly CostAndUsage[], month: BillingMonth, defaultCurrency: string): CostFigures {
  const perDay = new Map<string, Dec>();
  const perDayService = new Map<string, Map<string, Dec>>();
  const units = new Set<string>();
  for (const result of pages.flatMap((page) => page.ResultsByTime)) {
    const date = result.TimePeriod.Start.slice(0, 10);
    if (date < plan.start || date >= utcDay(month.end)) continue;
    const services = perDayService.get(date) ?? new Map<string, Dec>();
    perDayService.set(date, services);
    let total = perDay.get(date) ?? new Dec(0);
    const groups = result.Groups ?? [];
    for (const group of groups) {
      const label = group.Keys?.[0] ?? 'Other';
      // Rounded once, here, so that day totals and service totals are sums of the very same numbers.
      const amount = group.Metrics.UnblendedCost.Amount.toDecimalPlaces(PLACES);
      if (group.Metrics.UnblendedCost.Unit) units.add(group.Metrics.UnblendedCost.Unit);
      services.set(label, (services.get(label) ?? new Dec(0)).plus(amount));
      total = total.plus(amount);
    }
    // Without a GroupBy the amount is in Total; with one, Total is {}.
    const ungrouped = result.Total?.UnblendedCost;
    if (groups.length === 0 && ungrouped?.Amount) {
      if (ungrouped.Unit) units.add(ungrouped.Unit);
      const amount = ungrouped.Amount.toDecimalPlaces(PLACES);
      total = total.plus(amount);
      services.set('Other', (services.get('Other') ?? new Dec(0)).plus(amount));
    }
    perDay.set(date, total);
  }
  for (const item of plan.carriedDays) units.add(item.money.currency);
  if (units.size > 1) throw new ProviderError('parse', `AWS Cost Explorer answered in several units (${[...units].join(', ')}); Spendbar adds up one currency only.`);
  const currency = [...units][0] ?? defaultCurrency;
  const fetchedDays = [...perDay.entries()].map(([date, amount]) => ({ date, money: money(amount, currency) }));
  const dailySpend = [...plan.carriedDays, ...fetchedDays].sort((a, b) => a.date.localeCompare(b.date));
  const monthToDate = money(
    dailySpend.reduce((total, day) => total.plus(day.money.amount), new Dec(0)),
    currency,
  );

  const settled = new Map<string, Dec>(plan.carriedServices.map((item) => [item.label, item.money.amount]));
  let recent = new Dec(0);
  let hasRecent = false;
  for (const [date, services] of perDayService) {
    if (date >= plan.settledBefore) {
      hasRecent = true;
      recent = recent.plus(perDay.get(date)!);
      continue;
    }
    for (const [label, amount] of services) settled.set(label, (settled.get(label) ?? new Dec(0)).plus(amount));
  }
  const breakdown: BreakdownItem[] = [...settled.entries()]
    .map(([label, amount]) => ({ dimension: 'service' as const, label, money: money(amount, currency) }))
    .sort((a, b) => b.money.amount.comparedTo(a.money.amount) || a.label.localeCompare(b.label));
  if (hasRecent) breakdown.push({ dimension: 'service', label: RECENT_LABEL, money: money(recent, currency) });
  return { dailySpend, monthToDate, breakdown, hasRecent };
}

/** Every day from `start` (inclusive) to `end` (exclusive). */
function daysBetween(start: string, end: string): string[] {
  const days: string[] = [];
  for (let day = new Date(`${start}T00:00:00Z`); utcDay(day) < end; day = addDays(day, 1)) days.push(utcDay(day));
  return days;
}
