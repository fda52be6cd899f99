/**
 * The words beside and over the tray icon: the title the user chose (the month-to-date total by default,
 * "$412 · 6 d" with the shortest runway, the lowest balance, or nothing) and a tooltip with the full
 * figures everywhere. Pure, so it is tested without Electron; every figure comes from the engine.
 */
import type { Overview, TrayTitle } from '../shared/api.js';
import { formatMoney as formatAnyMoney, type MoneyPrecision } from '../shared/format-money.js';

export interface TrayText {
  /** Shown beside the icon on macOS; empty leaves the icon alone. */
  title: string;
  tooltip: string;
}

export const DEFAULT_TRAY_TITLE: TrayTitle = { format: 'total', precision: 'cents' };

/** Windows cuts tray tooltips at 127 characters (NOTIFYICONDATA.szTip holds 128 including the NUL). */
const TOOLTIP_MAX = 127;

/** Money as the tray shows it: the shared formatter, at the currency's usual digits ("$1.01") or whole units. */
export function formatMoney(amount: string, currency: string, locale?: string, precision: MoneyPrecision = 'total'): string {
  return formatAnyMoney(amount, currency, { precision, locale });
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
export function formatTotals(overview: Overview, locale?: string, precision: MoneyPrecision = 'total'): string {
  return overview.totals.map((total) => formatMoney(total.monthToDate, total.currency, locale, precision)).join(' · ');
}

/**
 * The total for the title: the approximate converted total ("~€511") when a display currency is chosen,
 * followed by any currency it leaves out for want of a rate; otherwise every currency's own total.
 */
function titleTotal(overview: Overview, locale: string | undefined, precision: MoneyPrecision): string {
  const converted = overview.converted;
  if (!converted) return formatTotals(overview, locale, precision);
  const left = overview.totals.filter((total) => converted.excluded.includes(total.currency)).map((total) => formatMoney(total.monthToDate, total.currency, locale, precision));
  return [`~${formatMoney(converted.amount, converted.currency, locale, precision)}`, ...left].join(' · ');
}

function title(overview: Overview, choice: TrayTitle, locale?: string): string {
  const precision: MoneyPrecision = choice.precision === 'whole' ? 'whole' : 'total';
  const glance = overview.glance;
  switch (choice.format) {
    case 'none':
      return '';
    case 'lowest-balance': {
      const lowest = glance?.lowestBalance;
      return lowest ? formatMoney(lowest.amount, lowest.currency, locale, precision) : '';
    }
    case 'total-runway': {
      const total = titleTotal(overview, locale, precision);
      const days = glance?.shortestRunway?.days;
      const runway = typeof days === 'number' ? `${Math.floor(days)} d` : '';
      return [total, runway].filter(Boolean).join(' · ');
    }
    default:
      return titleTotal(overview, locale, precision);
  }
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function trayText(overview: Overview | undefined, locale?: string, choice: TrayTitle = DEFAULT_TRAY_TITLE): TrayText {
  if (!overview) return { title: '', tooltip: 'Spendbar' };
  const totals = formatTotals(overview, locale);
  const monthEnd = formatMonthEnds(overview, locale);
  const converted = overview.converted
    ? `, ~${formatMoney(overview.converted.amount, overview.converted.currency, locale)} at rates of ${overview.converted.ratesDate}${overview.converted.stale ? ' (stale)' : ''}`
    : '';
  const spend = totals ? `${totals} this month${converted}${monthEnd ? `, ${monthEnd} by month end` : ''}` : 'no spend recorded this month';
  const failing = overview.accounts.filter((account) => account.status === 'error' || account.status === 'stale');
  const attention = failing.length === 0 ? '' : ` (${failing.length} ${failing.length === 1 ? 'account needs' : 'accounts need'} attention)`;
  const demo = overview.demo ? ' [demo]' : '';
  return { title: title(overview, choice, locale), tooltip: truncate(`Spendbar${demo}: ${spend}${attention}`, TOOLTIP_MAX) };
}
