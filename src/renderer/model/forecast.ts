/**
 * The month-end figure in the header: the providers' own forecasts where they give one, and a plain
 * linear projection of the rest of month-to-date by day of month, labelled as such.
 */
import type { Overview } from '../../shared/api';
import { fromMicros, scaleAmount, sumAmounts, toMicros } from './amounts';

export interface MonthEndFigure {
  currency: string;
  amount: string;
  /** `forecast`: every part came from a provider; `projection`: some of it is our straight line. */
  kind: 'forecast' | 'projection';
}

/** Days in the billing month (UTC, as most providers bill) and how many of them have begun by `nowMs`. */
export function monthProgress(month: string, nowMs: number): { days: number; elapsed: number } | null {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) return null;
  const year = Number(match[1]);
  const monthIndex = Number(match[2]) - 1;
  const start = Date.UTC(year, monthIndex, 1);
  const days = new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
  if (nowMs < start) return null;
  const elapsed = Math.min(days, Math.floor((nowMs - start) / 86_400_000) + 1);
  return { days, elapsed };
}

export function monthEndFigures(overview: Overview, nowMs: number): MonthEndFigure[] {
  const progress = monthProgress(overview.month, nowMs);
  const figures: MonthEndFigure[] = [];
  for (const total of overview.totals) {
    const forecasting = overview.accounts.filter((account) => account.forecast?.currency === total.currency);
    const forecastSum = sumAmounts(forecasting.map((account) => account.forecast!.amount));
    const covered = sumAmounts(
      forecasting.filter((account) => account.monthToDate?.currency === total.currency).map((account) => account.monthToDate!.amount),
    );
    const restMicros = (toMicros(total.monthToDate) ?? 0n) - (toMicros(covered) ?? 0n);
    const rest = fromMicros(restMicros > 0n ? restMicros : 0n);
    if (restMicros <= 0n && forecasting.length > 0) {
      figures.push({ currency: total.currency, amount: forecastSum, kind: 'forecast' });
      continue;
    }
    if (!progress) continue;
    const projected = scaleAmount(rest, progress.days, progress.elapsed);
    if (projected === null) continue;
    figures.push({ currency: total.currency, amount: sumAmounts([forecastSum, projected]), kind: 'projection' });
  }
  return figures;
}
