/**
 * Instant checks of what the user types, mirroring the engine's rules so a mistake is shown before the
 * round trip. The engine checks again and its message wins; neither ever clamps or rewrites a value.
 */
import type { EntryKind } from '../../shared/api';

const AMOUNT = /^[+-]?(\d+(\.\d+)?|\.\d+)$/;

/** A plain decimal ("12.50"); says how to write it otherwise. Commas are refused, not guessed at. */
export function checkDecimal(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return 'Enter an amount, for example 12.50.';
  if (!AMOUNT.test(trimmed)) return `"${trimmed}" is not an amount: use digits with an optional decimal point, for example 12.50.`;
  if ((trimmed.split('.')[1] ?? '').length > 12) return `"${trimmed}" has more than 12 decimal places.`;
  return null;
}

/** Spend and top-ups must be positive; a known balance may be zero or negative (an overdrawn account). */
export function checkEntryAmount(text: string, kind: EntryKind): string | null {
  const problem = checkDecimal(text);
  if (problem) return problem;
  const value = text.trim();
  const positive = !value.startsWith('-') && /[1-9]/.test(value);
  if (kind !== 'balance' && !positive) return `A ${kind === 'spend' ? 'spend' : 'top-up'} amount must be positive; got ${value}.`;
  return null;
}

/** Thresholds and budgets: empty means "none"; otherwise a decimal that is not negative. */
export function checkOptionalMoney(text: string, what: string): string | null {
  if (text.trim() === '') return null;
  const problem = checkDecimal(text);
  if (problem) return problem;
  return text.trim().startsWith('-') && /[1-9]/.test(text) ? `${what} cannot be negative.` : null;
}

/** Days of runway that should raise an alert: empty, or a number above 0 and at most 365. */
export function checkRunwayDays(text: string): string | null {
  if (text.trim() === '') return null;
  const days = Number(text.trim());
  if (!/^\d+(\.\d+)?$/.test(text.trim()) || days <= 0 || days > 365) return 'Enter a number of days from 1 to 365, or leave it empty.';
  return null;
}

/** A refresh interval in whole minutes, no more often than the provider allows (and at most a week). */
export function checkInterval(text: string, minimumMinutes: number): string | null {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return 'Enter the interval in whole minutes.';
  const minutes = Number(trimmed);
  if (minutes < minimumMinutes) return `At least ${minimumMinutes} ${minimumMinutes === 1 ? 'minute' : 'minutes'} for this provider.`;
  if (minutes > 7 * 24 * 60) return 'At most a week (10080 minutes).';
  return null;
}

/** A three-letter ISO 4217 code, as the engine expects (it also checks that the code exists). */
export function checkCurrency(text: string): string | null {
  return /^[A-Za-z]{3}$/.test(text.trim()) ? null : 'Use a three-letter currency code such as USD or EUR.';
}
