/**
 * Turns Anthropic's cost and usage report buckets into month-to-date, daily spend, breakdowns and model
 * usage. Amounts arrive as decimal strings in cents with fractional cents, so they are parsed and divided
 * exactly; each bucket counts on the UTC day its `starting_at` falls on.
 */
import { MoneyTally } from '../../model/money-tally.js';
import type { BillingMonth } from '../../model/billing-month.js';
import { Dec, add, money, normalizeCurrency, zero, type Money } from '../../model/money.js';
import { ProviderError } from '../../model/provider-error.js';
import type { BreakdownItem, DailySpend, ModelUsage } from '../../model/snapshot.js';
import type { CostBucket, MessagesUsageBucket } from './anthropic-schemas.js';

export interface CostSummary {
  /** Undefined only when the report held no bucket of this month. */
  readonly monthToDate: Money | undefined;
  readonly dailySpend: readonly DailySpend[];
  readonly breakdown: readonly BreakdownItem[];
  /** Cost items without an amount: left out rather than counted as zero. */
  readonly resultsWithoutAmount: number;
}

const costTypeLabels: Record<string, string> = {
  tokens: 'Tokens',
  web_search: 'Web search',
  code_execution: 'Code execution',
  session_usage: 'Session usage',
};

/** Dollars from a cost report amount: "123.78912" cents is exactly 1.2378912. */
export function dollarsFromCents(amount: Dec | string | number): Dec {
  return (amount instanceof Dec ? amount : new Dec(typeof amount === 'number' ? String(amount) : amount)).div(100);
}

/** The UTC calendar day an RFC 3339 time falls on (the schema has checked it parses). */
export function utcDay(time: string): string {
  return new Date(Date.parse(time)).toISOString().slice(0, 10);
}

export function summarizeCostReport(buckets: readonly CostBucket[], month: BillingMonth, defaultCurrency: string, url: string): CostSummary {
  const currency = reportCurrency(buckets, defaultCurrency, url);
  const daily = new MoneyTally(currency);
  const models = new MoneyTally(currency);
  const costTypes = new MoneyTally(currency);
  let total: Money | undefined;
  let resultsWithoutAmount = 0;

  for (const bucket of buckets) {
    const day = utcDay(bucket.starting_at);
    // A bucket starting outside the billing month belongs to another month's figures.
    if (!day.startsWith(`${month.key}-`)) continue;
    daily.touch(day);
    total ??= zero(currency);
    for (const result of bucket.results) {
      if (result.amount === null || result.amount === undefined) {
        resultsWithoutAmount += 1;
        continue;
      }
      const cost = money(dollarsFromCents(result.amount), currency);
      total = add(total, cost);
      daily.add(day, cost);
      if (result.model) models.add(result.model, cost);
      if (result.cost_type) costTypes.add(costTypeLabels[result.cost_type] ?? result.cost_type, cost);
    }
  }

  return {
    monthToDate: total,
    dailySpend: daily.asDailySpend(),
    // cost_type (tokens, web search, code execution) is the nearest thing Anthropic has to a line item.
    breakdown: [...models.asBreakdown('model'), ...costTypes.asBreakdown('line_item')],
    resultsWithoutAmount,
  };
}

/** The docs say "currently always USD"; two currencies would be refused rather than added. */
function reportCurrency(buckets: readonly CostBucket[], defaultCurrency: string, url: string): string {
  const seen = new Set<string>();
  for (const bucket of buckets) {
    for (const result of bucket.results) {
      if (result.currency === null || result.currency === undefined) continue;
      try {
        seen.add(normalizeCurrency(result.currency));
      } catch {
        throw new ProviderError('parse', `Anthropic answered in an unexpected shape: field "currency" is "${result.currency}", not a currency.`, { url });
      }
    }
  }
  if (seen.size > 1) {
    throw new ProviderError('parse', `Anthropic reported costs in several currencies (${[...seen].join(', ')}); Spendbar does not convert between them.`, {
      url,
    });
  }
  return [...seen][0] ?? defaultCurrency;
}

/**
 * Tokens per model for the month. Input counts every input token Anthropic bills (uncached, cache
 * writes and cache reads), as the Messages API's own usage does; cached input is the cache reads.
 * The report has no request count.
 */
export function summarizeUsage(buckets: readonly MessagesUsageBucket[], month: BillingMonth): ModelUsage[] {
  const byModel = new Map<string, { inputTokens?: number; outputTokens?: number; cachedInputTokens?: number }>();
  for (const bucket of buckets) {
    if (!utcDay(bucket.starting_at).startsWith(`${month.key}-`)) continue;
    for (const result of bucket.results) {
      const model = result.model ?? 'unknown model';
      const current = byModel.get(model) ?? {};
      const input = [
        result.uncached_input_tokens,
        result.cache_read_input_tokens,
        result.cache_creation?.ephemeral_1h_input_tokens,
        result.cache_creation?.ephemeral_5m_input_tokens,
      ].reduce<number | undefined>(plus, undefined);
      byModel.set(model, {
        inputTokens: plus(current.inputTokens, input),
        outputTokens: plus(current.outputTokens, result.output_tokens),
        cachedInputTokens: plus(current.cachedInputTokens, result.cache_read_input_tokens),
      });
    }
  }
  return [...byModel.entries()]
    .map(([model, counts]) => ({ model, ...counts }))
    .sort((a, b) => (b.inputTokens ?? 0) + (b.outputTokens ?? 0) - ((a.inputTokens ?? 0) + (a.outputTokens ?? 0)) || a.model.localeCompare(b.model));
}

/** Unknown plus unknown stays unknown; a reported count is added to whatever is known. */
function plus(total: number | undefined, value: number | null | undefined): number | undefined {
  if (value === null || value === undefined) return total;
  return (total ?? 0) + value;
}
