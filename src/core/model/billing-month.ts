/** A UTC calendar month, as most providers bill. */
export interface BillingMonth {
  readonly year: number;
  /** 1-12 */
  readonly month: number;
  /** "2026-11" */
  readonly key: string;
  /** First instant of the month (inclusive). */
  readonly start: Date;
  /** First instant of the next month (exclusive). */
  readonly end: Date;
}

export function billingMonth(year: number, month: number): BillingMonth {
  const start = new Date(Date.UTC(year, month - 1, 1));
  const end = new Date(Date.UTC(year, month, 1));
  return { year, month, key: `${year}-${String(month).padStart(2, '0')}`, start, end };
}

export function monthOf(date: Date): BillingMonth {
  return billingMonth(date.getUTCFullYear(), date.getUTCMonth() + 1);
}

/** Parses "YYYY-MM"; returns undefined for anything else (e.g. "2026-13"). */
export function parseMonth(text: string): BillingMonth | undefined {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(text);
  if (!match) return undefined;
  return billingMonth(Number(match[1]), Number(match[2]));
}

/** The end of the window to ask a provider for: now for the current month, the month's end otherwise. */
export function windowEnd(month: BillingMonth, now: Date): Date {
  return now < month.end ? now : month.end;
}

export function isCurrentMonth(month: BillingMonth, now: Date): boolean {
  return now >= month.start && now < month.end;
}

/** Checks "YYYY-MM-DD" names a real calendar day (2026-02-30 does not exist). */
export function isRealDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):?(\d{2}))?)?$/i;

/**
 * Parses an ISO 8601 date or date-time whose every part exists: `2026-02-30T00:00:00Z` is refused
 * (JavaScript's Date would quietly read it as 2 March), and so are hour 24, minute 60 and offsets
 * beyond ±23:59. Undefined when the text is not such a time.
 */
export function parseRealDateTime(text: string): Date | undefined {
  const match = DATE_TIME.exec(text);
  if (!match || !isRealDate(match[1]!)) return undefined;
  const [hour, minute, second, offsetHour, offsetMinute] = [match[2], match[3], match[4], match[5], match[6]].map((part) => Number(part ?? 0));
  if (hour! > 23 || minute! > 59 || second! > 59 || offsetHour! > 23 || offsetMinute! > 59) return undefined;
  const at = new Date(text);
  return Number.isNaN(at.getTime()) ? undefined : at;
}

/** The user's local calendar date, which is what manual entries are dated with. */
export function localDate(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
