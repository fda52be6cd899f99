/**
 * The words beside and over the tray icon: month-to-date totals ("$123.45 · ¥500") as the macOS title,
 * and a tooltip everywhere. Pure, so it is tested without Electron.
 */
import type { Overview } from '../shared/api.js';

export interface TrayText {
  /** Shown beside the icon on macOS; empty leaves the icon alone. */
  title: string;
  tooltip: string;
}

/** Windows cuts tray tooltips at 127 characters (NOTIFYICONDATA.szTip holds 128 including the NUL). */
const TOOLTIP_MAX = 127;

/**
 * Formats an exact decimal string as money. Intl.NumberFormat parses a numeric string exactly (no binary
 * float on the way), so "1.005" rounds to $1.01. A code Intl rejects is shown as "12.50 ABC".
 */
export function formatMoney(amount: string, currency: string, locale?: string): string {
  try {
    const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
    return format.format(amount as `${number}`);
  } catch {
    return `${amount} ${currency}`;
  }
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
  const spend = totals ? `${totals} this month` : 'no spend recorded this month';
  const failing = overview.accounts.filter((account) => account.status === 'error' || account.status === 'stale');
  const attention = failing.length === 0 ? '' : ` (${failing.length} ${failing.length === 1 ? 'account needs' : 'accounts need'} attention)`;
  const demo = overview.demo ? ' [demo]' : '';
  return { title: totals, tooltip: truncate(`Spendbar${demo}: ${spend}${attention}`, TOOLTIP_MAX) };
}
