import { add, zero, type Money } from './money.js';
import type { BreakdownItem, DailySpend } from './snapshot.js';

/** Sums money per key (day, model, line item) in the one currency an account is billed in. */
export class MoneyTally {
  private readonly totals = new Map<string, Money>();

  constructor(private readonly currency: string) {}

  add(key: string, amount: Money): void {
    this.totals.set(key, add(this.totals.get(key) ?? zero(this.currency), amount));
  }

  /** Records a key with nothing spent, so an empty day shows as 0.00 rather than missing. */
  touch(key: string): void {
    if (!this.totals.has(key)) this.totals.set(key, zero(this.currency));
  }

  entries(): [string, Money][] {
    return [...this.totals.entries()];
  }

  /** The totals as daily spend, keys being UTC dates, oldest first. */
  asDailySpend(): DailySpend[] {
    return this.entries()
      .map(([date, money]) => ({ date, money }))
      .sort((a, b) => a.date.localeCompare(b.date));
  }

  /** The totals as breakdown lines, largest first (ties by label, so the order is stable). */
  asBreakdown(dimension: BreakdownItem['dimension']): BreakdownItem[] {
    return this.entries()
      .map(([label, money]): BreakdownItem => ({ dimension, label, money }))
      .sort((a, b) => b.money.amount.comparedTo(a.money.amount) || a.label.localeCompare(b.label));
  }
}
