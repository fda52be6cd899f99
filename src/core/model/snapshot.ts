import type { Confidence } from '../../shared/api.js';
import type { Money } from './money.js';

export type { Confidence };

/** A figure and how sure we are of it. Unknown figures are absent (undefined), never zero. */
export interface Figure {
  readonly money: Money;
  readonly confidence: Confidence;
}

export interface DailySpend {
  /** UTC calendar day, YYYY-MM-DD. */
  readonly date: string;
  readonly money: Money;
}

export interface Quota {
  readonly used: number;
  readonly limit?: number;
  readonly unit: string;
  readonly resetsAt?: string;
}

/** What one poll of one account yields. */
export interface Snapshot {
  /** The billing month these figures describe, YYYY-MM. */
  readonly month: string;
  readonly monthToDate?: Figure;
  readonly dailySpend?: readonly DailySpend[];
  /** Primary remaining credit. */
  readonly balance?: Figure;
  /** One per currency where a provider holds several (DeepSeek CNY and USD). */
  readonly balances?: readonly Figure[];
  readonly spendLimit?: Figure;
  readonly quota?: Quota;
  /** Short facts for the UI, such as which key's usage the month-to-date covers. */
  readonly notes?: readonly string[];
  readonly fetchedAt: string;
}
