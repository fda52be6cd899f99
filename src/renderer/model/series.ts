/**
 * Daily spend as chart series, and the geometry of the plain SVG charts (no chart library: a sparkline
 * and a bar chart are a few lines of arithmetic). Unknown days are null and are not drawn as zero.
 */
import type { AccountView } from '../../shared/api';
import { amountToNumber, compareAmounts, sumAmounts } from './amounts';

export interface DayAmount {
  /** YYYY-MM-DD */
  date: string;
  /** Exact decimal string, or null when nothing is known about that day. */
  amount: string | null;
}

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** `count` consecutive UTC dates ending with `endDate` (YYYY-MM-DD). */
export function datesEndingAt(endDate: string, count: number): string[] {
  const end = Date.parse(`${endDate}T00:00:00Z`);
  if (Number.isNaN(end)) return [];
  return Array.from({ length: count }, (_, index) => isoDay(end - (count - 1 - index) * DAY_MS));
}

/** Every date of the month (YYYY-MM) from the 1st to its last day. */
export function datesOfMonth(month: string): string[] {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) return [];
  const days = new Date(Date.UTC(Number(match[1]), Number(match[2]), 0)).getUTCDate();
  return datesEndingAt(`${month}-${String(days).padStart(2, '0')}`, days);
}

/** The currency the account's charts are drawn in: its month-to-date's, else its first day's. */
export function chartCurrency(account: AccountView): string | null {
  return account.monthToDate?.currency ?? account.dailySpend[0]?.currency ?? null;
}

/**
 * One amount per date in one currency. Providers leave out days without spend, so a missing day between
 * the first and last reported days is zero; before the first or after the last it is unknown.
 */
export function dailySeries(account: AccountView, dates: readonly string[]): DayAmount[] {
  const currency = chartCurrency(account);
  const byDate = new Map<string, string[]>();
  for (const day of account.dailySpend) {
    if (day.currency !== currency) continue;
    byDate.set(day.date, [...(byDate.get(day.date) ?? []), day.amount]);
  }
  const known = [...byDate.keys()].sort();
  const first = known[0];
  const last = known.at(-1);
  return dates.map((date) => {
    const amounts = byDate.get(date);
    if (amounts) return { date, amount: sumAmounts(amounts) };
    return { date, amount: first !== undefined && last !== undefined && date > first && date < last ? '0.00' : null };
  });
}

/** SVG polyline points for the known values, scaled into width x height (y grows downwards). */
export function sparklinePoints(series: readonly DayAmount[], width: number, height: number): string {
  const values = series.map((day) => (day.amount === null ? null : amountToNumber(day.amount)));
  const max = Math.max(0, ...values.filter((value): value is number => value !== null));
  const step = series.length > 1 ? width / (series.length - 1) : 0;
  return values
    .map((value, index) => (value === null ? null : `${round(index * step)},${round(height - (max > 0 ? (value / max) * height : 0))}`))
    .filter((point): point is string => point !== null)
    .join(' ');
}

export interface Bar {
  date: string;
  amount: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One bar per date with a known amount; every slot has the same width so dates line up. */
export function barLayout(series: readonly DayAmount[], width: number, height: number, gap = 1): { bars: Bar[]; max: string } {
  const maxAmount = series.reduce((highest, day) => (day.amount !== null && compareAmounts(day.amount, highest) > 0 ? day.amount : highest), '0.00');
  const max = amountToNumber(maxAmount);
  const slot = series.length > 0 ? width / series.length : 0;
  const bars: Bar[] = [];
  series.forEach((day, index) => {
    if (day.amount === null) return;
    const barHeight = max > 0 ? Math.max(0, (amountToNumber(day.amount) / max) * height) : 0;
    bars.push({ date: day.date, amount: day.amount, x: round(index * slot + gap / 2), y: round(height - barHeight), width: round(Math.max(1, slot - gap)), height: round(barHeight) });
  });
  return { bars, max: maxAmount };
}

const round = (value: number) => Math.round(value * 100) / 100;
