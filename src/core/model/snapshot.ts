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

/** Spend split by what the provider groups it by (model, line item, project, service, product). */
export interface BreakdownItem {
  readonly dimension: 'model' | 'line_item' | 'project' | 'service' | 'product' | 'sku' | 'workspace';
  readonly label: string;
  readonly money: Money;
}

/** Token usage by model for the month, where the provider reports it. */
export interface ModelUsage {
  readonly model: string;
  readonly inputTokens?: number;
  readonly outputTokens?: number;
  readonly cachedInputTokens?: number;
  readonly requests?: number;
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
  readonly breakdown?: readonly BreakdownItem[];
  readonly usage?: readonly ModelUsage[];
  /** Month-end projection where the provider offers one (AWS GetCostForecast). */
  readonly forecast?: Figure;
  /** Short facts for the UI, such as which key's usage the month-to-date covers. */
  readonly notes?: readonly string[];
  readonly fetchedAt: string;
}
