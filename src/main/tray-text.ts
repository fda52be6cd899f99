/**
 * The words beside and over the tray icon: month-to-date totals ("$123.45 · ¥500") as the macOS title,
 * and a tooltip everywhere. Pure, so it is tested without Electron.
 */
import type { Overview } from '../shared/api.js';
import { formatMoney as formatAnyMoney } from '../shared/format-money.js';

export interface TrayText {
  /** Shown beside the icon on macOS; empty leaves the icon alone. */
  title: string;
  tooltip: string;
}

/** Windows cuts tray tooltips at 127 characters (NOTIFYICONDATA.szTip holds 128 including the NUL). */
const TOOLTIP_MAX = 127;

/** Money as the tray shows it: the shared formatter, at the currency's usual digits ("$1.01"). */
export function formatMoney(amount: string, currency: string, locale?: string): string {
  return formatAnyMoney(amount, currency, { precision: 'total', locale });
}

/**
 * The engine's month-end figure per currency, where something was projected or forecast: "~$300.00" for
 * a projection, "$300.00" for the providers' own forecasts.
 */
export function formatMonthEnds(overview: Overview, locale?: string): string {
  return overview.totals
    .flatMap((total) => {
      const end = total.monthEnd;
      if (!end) return [];
      return [`${end.kind === 'projection' ? '~' : ''}${formatMoney(end.amount, total.currency, locale)}`];
    })
    .join(' · ');
}

/** Every currency's month-to-date total, in the Overview's order, joined with " · ". */
export function formatTotals(overview: Overview, locale?: string): string {
  return overview.totals.map((total) => formatMoney(total.monthToDate, total.currency, locale)).join(' · ');
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function trayText(overview: Overview | undefined, locale?: string): TrayText {
  if (!overview) return { title: '', tooltip: 'Spendbar' };
  const totals = formatTotals(overview, locale);
  const monthEnd = formatMonthEnds(overview, locale);
  const spend = totals ? `${totals} this month${monthEnd ? `, ${monthEnd} by month end` : ''}` : 'no spend recorded this month';
  const failing = overview.accounts.filter((account) => account.status === 'error' || account.status === 'stale');
  const attention = failing.length === 0 ? '' : ` (${failing.length} ${failing.length === 1 ? 'account needs' : 'accounts need'} attention)`;
  const demo = overview.demo ? ' [demo]' : '';
  return { title: totals, tooltip: truncate(`Spendbar${demo}: ${spend}${attention}`, TOOLTIP_MAX) };
}
