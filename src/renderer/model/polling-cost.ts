/**
 * What polling an account costs a month at a given interval, for providers that charge per request
 * (AWS Cost Explorer: 0.01 USD a request). Shown live in the account's settings as the interval changes.
 */
const MINUTES_PER_MONTH = 30 * 24 * 60;

/** "0.60" for 0.02 a refresh every 12 h; null for an interval that is not a positive number. */
export function monthlyPollingCost(costPerRefresh: string, intervalMinutes: number): string | null {
  if (!Number.isFinite(intervalMinutes) || intervalMinutes <= 0) return null;
  const [whole = '0', fraction = ''] = costPerRefresh.split('.');
  // Integer micro-units, so 0.02 x 60 is exactly 1.20, and the result is rounded up to the cent.
  const microPerRefresh = Number(whole) * 1_000_000 + Number(fraction.padEnd(6, '0').slice(0, 6));
  const micro = Math.ceil((microPerRefresh * MINUTES_PER_MONTH) / intervalMinutes);
  const cents = Math.ceil(micro / 10_000);
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}
