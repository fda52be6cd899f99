/**
 * Cloud Monitoring's token counts become an estimated month-to-date: tokens per model and day, priced
 * with Google's list prices. Free-tier input (its own quota metric) is not billed; the output metric has
 * no tier, so a day's output is free only when all of that day's input was free tier. A model with
 * billable tokens and no known price is named in a note and left out, never counted as $0.
 */
import { Dec, money } from '../../model/money.js';
import type { BreakdownItem, DailySpend, ModelUsage, Snapshot } from '../../model/snapshot.js';
import { NO_MODEL_LABEL, type MetricReading } from './gemini-monitoring.js';
import { googleTokenPrices, type TokenPrices } from './gemini-pricing.js';

interface DayTokens {
  freeInput: number;
  paidInput: number;
  output: number;
}

/** Tokens by model, then by day. */
export type ModelDays = Map<string, Map<string, DayTokens>>;

export function mergeReadings(readings: readonly MetricReading[]): ModelDays {
  const merged: ModelDays = new Map();
  for (const { metric, tokens } of readings) {
    for (const [model, days] of tokens) {
      const byDay = merged.get(model) ?? new Map<string, DayTokens>();
      merged.set(model, byDay);
      for (const [day, count] of days) {
        const entry = byDay.get(day) ?? { freeInput: 0, paidInput: 0, output: 0 };
        byDay.set(day, entry);
        if (metric.direction === 'output') entry.output += count;
        else if (metric.tier === 'free') entry.freeInput += count;
        else entry.paidInput += count;
      }
    }
  }
  return merged;
}

type Estimate = Pick<Snapshot, 'monthToDate' | 'dailySpend' | 'breakdown' | 'usage' | 'notes'>;

/** Prices every model's days at noon UTC of the day (prices in the database change on dates). */
export function estimateFromTokens(tokens: ModelDays, project: string, monthKey: string): Estimate {
  const usage: ModelUsage[] = [];
  const breakdown: BreakdownItem[] = [];
  const byDay = new Map<string, Dec>();
  const unpriced: string[] = [];
  const free: string[] = [];
  const pricedAs = new Set<string>();
  const tieredModels = new Set<string>();
  let mixedDays = 0;
  let total = new Dec(0);
  let known = false;

  for (const [model, days] of [...tokens].sort(([a], [b]) => a.localeCompare(b))) {
    const sums = { input: 0, output: 0, freeInput: 0, freeOutput: 0 };
    let cost = new Dec(0);
    const costByDay = new Map<string, Dec>();
    let missingPrice = false;
    for (const [day, counts] of days) {
      sums.input += counts.freeInput + counts.paidInput;
      sums.output += counts.output;
      sums.freeInput += counts.freeInput;
      // Output is billed unless the day's input was all free tier.
      const freeDay = counts.paidInput === 0 && counts.freeInput > 0;
      if (freeDay) sums.freeOutput += counts.output;
      if (counts.freeInput > 0 && counts.paidInput > 0 && counts.output > 0) mixedDays += 1;
      const billedOutput = freeDay ? 0 : counts.output;
      if (counts.paidInput === 0 && billedOutput === 0) {
        costByDay.set(day, costByDay.get(day) ?? new Dec(0));
        continue;
      }
      const prices = model === NO_MODEL_LABEL ? undefined : googleTokenPrices(model, new Date(`${day}T12:00:00Z`));
      if (!prices) {
        missingPrice = true;
        continue;
      }
      notePrices(model, prices, pricedAs, tieredModels);
      const dayCost = priceTokens(counts.paidInput, prices.inputPerMillion).plus(priceTokens(billedOutput, prices.outputPerMillion));
      costByDay.set(day, (costByDay.get(day) ?? new Dec(0)).plus(dayCost));
      cost = cost.plus(dayCost);
    }
    if (sums.input === 0 && sums.output === 0) continue;
    usage.push({ model, inputTokens: sums.input, outputTokens: sums.output });
    if (sums.freeInput > 0) free.push(`${model} ${count(sums.freeInput)} input and ${count(sums.freeOutput)} output tokens`);
    if (missingPrice) {
      unpriced.push(model);
      continue;
    }
    known = true;
    total = total.plus(cost);
    for (const [day, dayCost] of costByDay) byDay.set(day, (byDay.get(day) ?? new Dec(0)).plus(dayCost));
    if (!cost.isZero()) breakdown.push({ dimension: 'model', label: model, money: money(cost, 'USD') });
  }

  const notes: string[] = [];
  if (usage.length === 0) {
    notes.push(`Cloud Monitoring shows no Gemini API token usage in project ${project} in ${monthKey}.`);
    // No tokens is a known figure: nothing was spent on the Gemini API.
    return { monthToDate: { money: money(0, 'USD'), confidence: 'estimated' }, dailySpend: [], breakdown: [], usage: [], notes };
  }
  notes.push('Estimated: Gemini API tokens from Cloud Monitoring × Google’s list prices; cached-token, batch, audio and grounding rates are not applied.');
  if (free.length > 0) notes.push(`Free tier (not billed): ${free.join('; ')}.`);
  if (mixedDays > 0) notes.push(`On ${mixedDays === 1 ? '1 day' : `${mixedDays} days`} a model used both the free and the paid tier; that day’s output tokens are all priced (the output metric does not tell the tiers apart).`);
  if (pricedAs.size > 0) notes.push(`Priced as: ${[...pricedAs].join(', ')}.`);
  if (tieredModels.size > 0) notes.push(`${[...tieredModels].join(', ')} priced at the base rate; prompts over the long-context threshold cost more.`);
  if (unpriced.length > 0) notes.push(`Unpriced: ${unpriced.join(', ')} (no known price; not counted in the estimate).`);
  breakdown.sort((a, b) => b.money.amount.comparedTo(a.money.amount) || a.label.localeCompare(b.label));
  const dailySpend: DailySpend[] = [...byDay].sort(([a], [b]) => a.localeCompare(b)).map(([date, amount]) => ({ date, money: money(amount, 'USD') }));
  return { monthToDate: known ? { money: money(total, 'USD'), confidence: 'estimated' } : undefined, dailySpend, breakdown, usage, notes };
}

function priceTokens(tokens: number, perMillion: Dec): Dec {
  return new Dec(tokens).times(perMillion).div(1_000_000);
}

function notePrices(model: string, prices: TokenPrices, pricedAs: Set<string>, tiered: Set<string>): void {
  if (prices.matchedModel !== model) pricedAs.add(`${model} as ${prices.matchedModel}`);
  if (prices.tiered) tiered.add(model);
}

function count(tokens: number): string {
  return tokens.toLocaleString('en-US');
}
