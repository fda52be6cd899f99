/**
 * Money as text, the one formatter every front end uses (the popover, the tray title and tooltip): an
 * exact decimal string in, the user's locale out. Formatting only: figures are computed in the engine.
 */
/**
 * How many decimals to show: `total` rounds to the currency's usual digits, `exact` keeps up to 6,
 * `whole` rounds to whole units (the tray title's "$412").
 */
export type MoneyPrecision = 'total' | 'exact' | 'whole';

/** Shown wherever a figure is unknown: an unknown figure must never read as $0.00. */
export const UNKNOWN = '—';

const DECIMAL = /^[+-]?\d+(\.\d+)?$/;
const formatters = new Map<string, Intl.NumberFormat | null>();

function currencyFormatter(currency: string, precision: MoneyPrecision, locale?: string): Intl.NumberFormat | null {
  const key = `${locale ?? ''}|${currency}|${precision}`;
  const cached = formatters.get(key);
  if (cached !== undefined) return cached;
  let formatter: Intl.NumberFormat | null;
  try {
    // The currency's own digits (2 for USD, 0 for JPY) are the floor: "at least cents" where cents exist.
    const usual = new Intl.NumberFormat(locale, { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits ?? 2;
    formatter = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: precision === 'whole' ? 0 : usual,
      maximumFractionDigits: precision === 'whole' ? 0 : precision === 'exact' ? Math.max(usual, 6) : usual,
    });
  } catch {
    // Not an ISO 4217 code (a provider's own unit); the caller falls back to "amount CODE".
    formatter = null;
  }
  formatters.set(key, formatter);
  return formatter;
}

/**
 * Formats an exact decimal string as money in the user's locale. The string goes to Intl as a string,
 * so 0.1 + 0.2 style float error never reaches the screen; no FX conversion happens here or anywhere.
 */
export function formatMoney(
  amount: string,
  currency: string,
  options: { precision?: MoneyPrecision; locale?: string } = {},
): string {
  const trimmed = amount.trim();
  const formatter = DECIMAL.test(trimmed) ? currencyFormatter(currency, options.precision ?? 'exact', options.locale) : null;
  if (!formatter) return `${trimmed} ${currency}`.trim();
  return formatter.format(trimmed as `${number}`);
}

/** Like formatMoney, but for a figure that may be unknown (`null`), which shows as "—". */
export function formatMaybeMoney(
  money: { amount: string; currency: string } | null | undefined,
  options: { precision?: MoneyPrecision; locale?: string } = {},
): string {
  return money ? formatMoney(money.amount, money.currency, options) : UNKNOWN;
}
