/**
 * What polling an account costs a month, for providers that charge per request (AWS Cost Explorer:
 * 0.01 USD a request). The one calculation: the engine's note on the account and the settings form's
 * live hint (as the user types an interval) both call it. A month is 30 days; the result is rounded up
 * to the cent, in exact integer micro-units (0.02 x 60 is exactly 1.20).
 */
const MINUTES_PER_MONTH = 30n * 24n * 60n;
const MICROS = 1_000_000n;

/** "0.60" for 0.02 a refresh every 12 h; null for an interval or a price that is not usable. */
export function monthlyPollingCost(costPerRefresh: string, intervalMinutes: number): string | null {
  if (!Number.isFinite(intervalMinutes) || intervalMinutes <= 0) return null;
  const match = /^(\d+)(?:\.(\d{1,6}))?$/.exec(costPerRefresh.trim());
  if (!match) return null;
  const microPerRefresh = BigInt(match[1]!) * MICROS + BigInt((match[2] ?? '').padEnd(6, '0'));
  // The interval may be fractional (an interval in ms over 60,000): scale it to thousandths of a minute.
  const intervalMilli = BigInt(Math.round(intervalMinutes * 1000));
  if (intervalMilli <= 0n) return null;
  const micro = ceilDiv(microPerRefresh * MINUTES_PER_MONTH * 1000n, intervalMilli);
  const cents = ceilDiv(micro, 10_000n);
  return `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;
}

function ceilDiv(numerator: bigint, denominator: bigint): bigint {
  return (numerator + denominator - 1n) / denominator;
}
