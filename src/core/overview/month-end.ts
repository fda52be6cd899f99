/**
 * The one month-end figure. The header, the tray tooltip, `status --json` and the budget alerts all read
 * what this computes (through the Overview); none of them projects on its own.
 *
 * Per account and currency:
 * - the provider's own forecast where it gives one (AWS GetCostForecast);
 * - else month-to-date plus the recent daily rate (the same seven-day burn the runway uses, today's
 *   partial day included, a span under a day counted as a whole day) times the time left in the month.
 *   Scaling month-to-date by the share of the month elapsed swings wildly in the first days (one busy
 *   morning times thirty); the recent rate is steadier, and near the end of the month the figure
 *   converges on month-to-date because little time is left to add to it;
 * - for a polled month-to-date that comes without daily buckets (OpenRouter, xAI, Mistral, Railway), the
 *   month's own pace: month-to-date per elapsed day (at least one day) times the time left;
 * - else month-to-date as it stands: manual spend entries are usually monthly lumps (a subscription, an
 *   invoice typed in), and multiplying a lump by the days left would invent spend.
 * A month that has ended is its month-to-date.
 */
import { Dec, add, zero, type Money } from '../model/money.js';
import type { BillingMonth } from '../model/billing-month.js';
import type { Figure } from '../model/snapshot.js';
import { burnFromDays, type SpendSeries } from './runway.js';

const DAY_MS = 86_400_000;
/** The rate behind a projection: the last week, as for the runway's headline figure. */
export const MONTH_END_RATE_WINDOW_DAYS = 7;

export type MonthEndBasis = 'provider-forecast' | 'recent-daily-spend' | 'month-pace' | 'month-to-date';

export interface MonthEnd {
  readonly money: Money;
  readonly basis: MonthEndBasis;
  /** The spend per day added for the rest of the month (recent-daily-spend only). */
  readonly ratePerDay: Dec | null;
  /** Days of spend data behind that rate (at most the window); 0 when no rate was used. */
  readonly rateDays: number;
}

export interface AccountMonthEndInput {
  readonly month: BillingMonth;
  /** The instant the figures describe (the last poll's fetch time for a polled account). */
  readonly asOf: Date;
  /** What the account adds to month-to-date, as the totals count it. */
  readonly parts: readonly Figure[];
  /** The provider's own month-end forecast. */
  readonly providerForecast?: Figure;
  /** Day-by-day spend behind the parts that accrue daily (the provider's buckets, priced tracked usage). */
  readonly dailySpend?: SpendSeries;
  /** The parts are a polled month-to-date that accrues through the month, though no daily buckets came. */
  readonly accruesWithoutSeries?: boolean;
}

/** One month-end figure per currency the account spends in. */
export function accountMonthEnd(input: AccountMonthEndInput): MonthEnd[] {
  const currencies = [...new Set(input.parts.map((part) => part.money.currency))];
  return currencies.map((currency) => monthEndIn(currency, input));
}

function monthEndIn(currency: string, input: AccountMonthEndInput): MonthEnd {
  const monthToDate = input.parts
    .filter((part) => part.money.currency === currency)
    .reduce((total, part) => add(total, part.money), zero(currency));
  const asIs: MonthEnd = { money: monthToDate, basis: 'month-to-date', ratePerDay: null, rateDays: 0 };
  const remainingMs = input.month.end.getTime() - input.asOf.getTime();
  if (remainingMs <= 0) return asIs;

  const forecast = input.providerForecast;
  if (forecast && forecast.money.currency === currency) {
    // A forecast never says less than what is already spent.
    const money = forecast.money.amount.lessThan(monthToDate.amount) ? monthToDate : forecast.money;
    return { money, basis: 'provider-forecast', ratePerDay: null, rateDays: 0 };
  }

  const series = input.dailySpend && inCurrency(input.dailySpend, currency);
  if (!series || series.days.length === 0) return input.accruesWithoutSeries ? monthPace(monthToDate, input, remainingMs) : asIs;
  const rate = burnFromDays(series, input.asOf, MONTH_END_RATE_WINDOW_DAYS);
  if (!rate) return asIs;
  const rateDays = Math.min(MONTH_END_RATE_WINDOW_DAYS, dataDays(series, input.asOf));
  const projected = monthToDate.amount.plus(rate.times(remainingMs).div(DAY_MS)).toDecimalPlaces(2, Dec.ROUND_HALF_EVEN);
  return { money: { amount: projected, currency }, basis: 'recent-daily-spend', ratePerDay: rate, rateDays };
}

function monthPace(monthToDate: Money, input: AccountMonthEndInput, remainingMs: number): MonthEnd {
  const elapsedDays = Math.max((input.asOf.getTime() - input.month.start.getTime()) / DAY_MS, 1);
  const rate = monthToDate.amount.div(elapsedDays);
  const projected = monthToDate.amount.plus(rate.times(remainingMs).div(DAY_MS)).toDecimalPlaces(2, Dec.ROUND_HALF_EVEN);
  return { money: { amount: projected, currency: monthToDate.currency }, basis: 'month-pace', ratePerDay: rate.toDecimalPlaces(6), rateDays: Math.floor(elapsedDays * 10) / 10 };
}

/** Days of the series inside the rate's window up to `asOf`, as burnFromDays measures them (tenths). */
function dataDays(series: SpendSeries, asOf: Date): number {
  const windowStart = new Date(asOf.getTime() - (MONTH_END_RATE_WINDOW_DAYS - 1) * DAY_MS).toISOString().slice(0, 10);
  const firstDay = windowStart > series.coversFrom ? windowStart : series.coversFrom;
  return Math.floor(((asOf.getTime() - Date.parse(`${firstDay}T00:00:00Z`)) / DAY_MS) * 10) / 10;
}

function inCurrency(series: SpendSeries, currency: string): SpendSeries {
  return { ...series, days: series.days.filter((day) => day.money.currency === currency) };
}

export type TotalMonthEndKind = 'forecast' | 'projection' | 'month-to-date';

export interface TotalMonthEnd {
  readonly money: Money;
  /**
   * `projection`: some of it is the recent-rate line; `forecast`: the providers' forecasts (plus any
   * entries as they stand); `month-to-date`: nothing was projected.
   */
  readonly kind: TotalMonthEndKind;
  /** Fewest days of data behind any projected part (for "too early to say"); null when nothing is projected. */
  readonly rateDays: number | null;
}

/** The accounts' month-end figures added up per currency, in the order the currencies are given. */
export function totalMonthEnd(currency: string, figures: readonly MonthEnd[]): TotalMonthEnd | undefined {
  const mine = figures.filter((figure) => figure.money.currency === currency);
  if (mine.length === 0) return undefined;
  const money = mine.reduce((total, figure) => add(total, figure.money), zero(currency));
  const projected = mine.filter((figure) => figure.basis === 'recent-daily-spend' || figure.basis === 'month-pace');
  const kind: TotalMonthEndKind =
    projected.length > 0 ? 'projection' : mine.some((figure) => figure.basis === 'provider-forecast') ? 'forecast' : 'month-to-date';
  const rateDays = projected.length > 0 ? Math.min(...projected.map((figure) => figure.rateDays)) : null;
  return { money, kind, rateDays };
}
