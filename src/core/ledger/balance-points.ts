/**
 * Stored balance points, kept small. A balance polled every 15 minutes would add a point a poll (about
 * 2,900 a month, a month file of ~380 KiB rewritten whole each time); the figures need far fewer:
 * - the runway adds up the falls between consecutive points: within a day, the first, lowest, highest and
 *   last points keep every fall of a day that goes down, is topped up and goes down again;
 * - the estimated balance starts from the latest point, which is each day's last;
 * - the popover's balance line draws the month's shape, which those points keep.
 * So each UTC day keeps at most four points per currency, and a month file stays under ~16 KiB.
 */
import { Dec } from '../model/money.js';
import type { StoredBalancePoint } from './history-json.js';

/** The points (in stored, chronological order) with each day's first, lowest, highest and last kept. */
export function thinBalancePoints(points: readonly StoredBalancePoint[]): StoredBalancePoint[] {
  const groups = new Map<string, number[]>();
  points.forEach((point, index) => {
    const key = `${point.at.slice(0, 10)} ${point.currency}`;
    const group = groups.get(key);
    if (group) group.push(index);
    else groups.set(key, [index]);
  });
  const kept = new Set<number>();
  for (const indexes of groups.values()) {
    if (indexes.length <= 4) {
      for (const index of indexes) kept.add(index);
      continue;
    }
    let lowest = indexes[0]!;
    let highest = indexes[0]!;
    for (const index of indexes) {
      const amount = new Dec(points[index]!.amount);
      if (amount.lessThan(points[lowest]!.amount)) lowest = index;
      if (amount.greaterThan(points[highest]!.amount)) highest = index;
    }
    for (const index of [indexes[0]!, lowest, highest, indexes.at(-1)!]) kept.add(index);
  }
  return points.filter((_, index) => kept.has(index));
}

/**
 * The latest point per currency, as the estimated balance picks its starting point: the latest UTC day
 * wins, and of points on the same day the one stored last. `points` must be in stored order, older
 * months first.
 */
export function latestPerCurrency(points: readonly StoredBalancePoint[]): StoredBalancePoint[] {
  const latest = new Map<string, StoredBalancePoint>();
  for (const point of points) {
    const best = latest.get(point.currency);
    if (!best || point.at.slice(0, 10) >= best.at.slice(0, 10)) latest.set(point.currency, point);
  }
  return [...latest.values()];
}
