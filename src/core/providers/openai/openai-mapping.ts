/**
 * Turns OpenAI's cost and usage buckets into month-to-date, daily spend, breakdowns and model usage.
 * Buckets are assigned to the UTC day their `start_time` falls on: the first and last buckets of a
 * window are not aligned to midnight, so several buckets may land on one day and are added up.
 */
import { MoneyTally } from '../../model/money-tally.js';
import type { BillingMonth } from '../../model/billing-month.js';
import { Dec, add, money, normalizeCurrency, zero, type Money } from '../../model/money.js';
import { ProviderError } from '../../model/provider-error.js';
import type { BreakdownItem, DailySpend, ModelUsage } from '../../model/snapshot.js';
import type { CompletionsUsageBucket, CostBucket } from './openai-schemas.js';

export interface CostSummary {
  /** Undefined only when the window held no bucket at all. */
  readonly monthToDate: Money | undefined;
  readonly dailySpend: readonly DailySpend[];
  readonly breakdown: readonly BreakdownItem[];
  /** Cost results that carried no amount: left out rather than counted as zero. */
  readonly resultsWithoutAmount: number;
}

/** Exact decimal of a dollar value: numbers go through their shortest decimal form, never float maths. */
export function decimalOf(value: Dec | number | string): Dec {
  if (value instanceof Dec) return value;
  return new Dec(typeof value === 'number' ? String(value) : value);
}

/** `YYYY-MM-DD` (UTC) of a Unix time in seconds; a time no calendar can hold is a parse error. */
export function utcDay(seconds: number, field: string, url: string): string {
  const date = new Date(seconds * 1000);
  if (!Number.isFinite(date.getTime())) {
    throw new ProviderError('parse', `OpenAI answered in an unexpected shape: field "${field}" is not a Unix time.`, { url });
  }
  return date.toISOString().slice(0, 10);
}

export function summarizeCosts(buckets: readonly CostBucket[], month: BillingMonth, defaultCurrency: string, url: string): CostSummary {
  const currency = billedCurrency(buckets, defaultCurrency, url);
  const daily = new MoneyTally(currency);
  const lineItems = new MoneyTally(currency);
  const projects = new MoneyTally(currency);
  let total: Money | undefined;
  let resultsWithoutAmount = 0;

  buckets.forEach((bucket, index) => {
    const day = utcDay(bucket.start_time, `data.${index}.start_time`, url);
    // A bucket that starts outside the billing month belongs to another month's figures.
    if (!day.startsWith(`${month.key}-`)) return;
    daily.touch(day);
    total ??= zero(currency);
    for (const result of bucket.results) {
      const value = result.amount?.value;
      if (value === null || value === undefined) {
        resultsWithoutAmount += 1;
        continue;
      }
      const cost = money(decimalOf(value), currency);
      total = add(total, cost);
      daily.add(day, cost);
      lineItems.add(result.line_item ?? 'Other', cost);
      projects.add(result.project_id ?? 'No project', cost);
    }
  });

  return {
    monthToDate: total,
    dailySpend: daily.asDailySpend(),
    breakdown: [...lineItems.asBreakdown('line_item'), ...projects.asBreakdown('project')],
    resultsWithoutAmount,
  };
}

/** OpenAI bills one organization in one currency; Spendbar never adds two currencies together. */
function billedCurrency(buckets: readonly CostBucket[], defaultCurrency: string, url: string): string {
  const seen = new Set<string>();
  for (const bucket of buckets) {
    for (const result of bucket.results) {
      const code = result.amount?.currency;
      if (code === null || code === undefined) continue;
      try {
        seen.add(normalizeCurrency(code));
      } catch {
        throw new ProviderError('parse', `OpenAI answered in an unexpected shape: field "amount.currency" is "${code}", not a currency.`, { url });
      }
    }
  }
  if (seen.size > 1) {
    throw new ProviderError('parse', `OpenAI reported costs in several currencies (${[...seen].join(', ')}); Spendbar does not convert between them.`, {
      url,
    });
  }
  // The spec says currency is always present; when it is not, the account's billing currency is USD.
  return [...seen][0] ?? defaultCurrency;
}

/** Tokens and requests per model for the month, adding only the fields a bucket actually reported. */
export function summarizeUsage(buckets: readonly CompletionsUsageBucket[], month: BillingMonth, url: string): ModelUsage[] {
  const byModel = new Map<string, { inputTokens?: number; outputTokens?: number; cachedInputTokens?: number; requests?: number }>();
  buckets.forEach((bucket, index) => {
    if (!utcDay(bucket.start_time, `data.${index}.start_time`, url).startsWith(`${month.key}-`)) return;
    for (const result of bucket.results) {
      const model = result.model ?? 'unknown model';
      const current = byModel.get(model) ?? {};
      byModel.set(model, {
        inputTokens: plus(current.inputTokens, result.input_tokens),
        outputTokens: plus(current.outputTokens, result.output_tokens),
        cachedInputTokens: plus(current.cachedInputTokens, result.input_cached_tokens),
        requests: plus(current.requests, result.num_model_requests),
      });
    }
  });
  return [...byModel.entries()]
    .map(([model, counts]) => ({ model, ...counts }))
    .sort((a, b) => (b.inputTokens ?? 0) + (b.outputTokens ?? 0) - ((a.inputTokens ?? 0) + (a.outputTokens ?? 0)) || a.model.localeCompare(b.model));
}

/** Unknown plus unknown stays unknown; a reported count is added to whatever is known. */
export function plus(total: number | undefined, value: number | null | undefined): number | undefined {
  if (value === null || value === undefined) return total;
  return (total ?? 0) + value;
}
