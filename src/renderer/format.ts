/**
 * Pure formatting helpers for the popover. They take the locale and "now" as arguments so tests (and
 * every row rendered in the same pass) agree on the result; nothing here reads a clock or the DOM.
 */
import { UNKNOWN } from '../shared/format-money';

/**
 * Intl formatters are slow to build (a locale lookup each) and a first render formats dozens of dates
 * and counts, so each locale and options pair is built once.
 */
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

function dateFormat(locale: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (!format) dateFormats.set(key, (format = new Intl.DateTimeFormat(locale, options)));
  return format;
}

function numberFormat(locale: string | undefined, options?: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale ?? ''}|${JSON.stringify(options ?? {})}`;
  let format = numberFormats.get(key);
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(locale, options)));
  return format;
}

export { formatMaybeMoney, formatMoney, UNKNOWN, type MoneyPrecision } from '../shared/format-money';

/** "just now", "5 min ago", "2 h ago", "3 d ago"; an unreadable date gives "". */
export function formatAge(sinceIso: string, nowMs: number): string {
  const since = Date.parse(sinceIso);
  if (Number.isNaN(since)) return '';
  // A timestamp slightly in the future (clock skew between machines) still means "just now".
  const minutes = Math.floor(Math.max(0, nowMs - since) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  return `${Math.floor(hours / 24)} d ago`;
}

/** A clock time ("10:04 AM") for today, or date and time ("Nov 20, 10:04 AM") for an earlier day. */
export function formatClockTime(iso: string, nowMs: number, locale?: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  const sameDay = localIsoDate(at) === localIsoDate(new Date(nowMs));
  const options: Intl.DateTimeFormatOptions = sameDay
    ? { hour: 'numeric', minute: '2-digit' }
    : { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' };
  return dateFormat(locale, options).format(at);
}

/** The user's local calendar date as YYYY-MM-DD (entries are dated in local time, not UTC). */
export function localIsoDate(date: Date): string {
  const month = String(date.getMonth() + 1).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${month}-${day}`;
}

/** A calendar date (YYYY-MM-DD, as entries carry it) in the user's words: "Nov 21", or "Nov 21, 2025" for another year. */
export function formatEntryDate(isoDate: string, nowMs: number, locale?: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return isoDate;
  // Built from its parts in local time: Date.parse would read it as UTC midnight and could show the day before.
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  const sameYear = date.getFullYear() === new Date(nowMs).getFullYear();
  return dateFormat(locale, sameYear ? { month: 'short', day: 'numeric' } : { dateStyle: 'medium' }).format(date);
}

/** The latest of several ISO timestamps, or null when none is given. */
export function latestIso(timestamps: ReadonlyArray<string | null>): string | null {
  let latest: string | null = null;
  for (const timestamp of timestamps) {
    if (timestamp && (latest === null || Date.parse(timestamp) > Date.parse(latest))) latest = timestamp;
  }
  return latest;
}

/** Days of runway, short for a row: "12 d", "< 1 d", "—" when unknown. */
export function formatRunway(days: number | null | undefined): string {
  if (days === null || days === undefined || Number.isNaN(days)) return UNKNOWN;
  if (days < 1) return '< 1 d';
  if (days >= 1000) return '999+ d';
  return `${Math.floor(days)} d`;
}

/** The same for screen readers and tooltips: "12 days of credit left at the recent burn rate". */
export function describeRunway(days: number | null | undefined): string {
  if (days === null || days === undefined || Number.isNaN(days)) return 'Runway unknown';
  if (days < 1) return 'Less than a day of credit left at the recent burn rate';
  return `${Math.floor(days)} ${Math.floor(days) === 1 ? 'day' : 'days'} of credit left at the recent burn rate`;
}

/** A whole percentage in the user's locale ("37 %" or "37%"), from a 0..1 (or larger) fraction. */
export function formatPercent(fraction: number, locale?: string): string {
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(fraction);
}

/** A plain count ("1,234,567 tokens") in the user's locale. */
export function formatCount(value: number, locale?: string): string {
  return numberFormat(locale).format(value);
}
