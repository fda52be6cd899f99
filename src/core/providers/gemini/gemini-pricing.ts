/**
 * Google's list prices per million tokens, from the @pydantic/genai-prices database (bundled, no network).
 * Spendbar reads the price entry itself rather than letting the database price a month's sum: the
 * database would apply long-prompt tiers (Gemini 2.5 Pro: above 200,000 prompt tokens) to the whole
 * month as if it were one request. The base rate times the month's tokens is exact in decimals.
 */
import type { ModelPrice, TieredPrices } from '@pydantic/genai-prices';
import { Dec } from '../../model/money.js';
import { calcPrice } from '../../model/price-database.js';

/** Google's id in the price database. */
export const GOOGLE_PRICE_LIST_ID = 'google';

export interface TokenPrices {
  /** The database's model id ("gemini-2.5-flash"). */
  readonly matchedModel: string;
  readonly inputPerMillion: Dec;
  readonly outputPerMillion: Dec;
  /** Whether long prompts cost more than the base rate used here. */
  readonly tiered: boolean;
}

/**
 * The base prices of `model` at `at`, or undefined when the database does not know it or knows no
 * non-zero token price (an unpriced model is never priced at zero). Quota metrics name some models
 * without their `-preview` suffix (gemini-3.1-pro for gemini-3.1-pro-preview), so that is tried second.
 */
export function googleTokenPrices(model: string, at: Date): TokenPrices | undefined {
  for (const candidate of [model, `${model}-preview`]) {
    const found = lookUp(candidate, at);
    if (found) return found;
  }
  return undefined;
}

function lookUp(model: string, at: Date): TokenPrices | undefined {
  let result: ReturnType<typeof calcPrice>;
  try {
    result = calcPrice({ input_tokens: 1, output_tokens: 1 }, model, { providerId: GOOGLE_PRICE_LIST_ID, timestamp: at });
  } catch {
    return undefined;
  }
  if (!result) return undefined;
  const input = base(result.model_price, 'input_mtok');
  const output = base(result.model_price, 'output_mtok');
  if (!input || !output || (input.price.isZero() && output.price.isZero())) return undefined;
  return { matchedModel: result.model.id, inputPerMillion: input.price, outputPerMillion: output.price, tiered: input.tiered || output.tiered };
}

function base(prices: ModelPrice, key: string): { price: Dec; tiered: boolean } | undefined {
  const value = prices[key];
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? { price: new Dec(String(value)), tiered: false } : undefined;
  const tiered = value as TieredPrices | undefined;
  if (tiered && typeof tiered.base === 'number' && tiered.base >= 0) return { price: new Dec(String(tiered.base)), tiered: tiered.tiers.length > 0 };
  return undefined;
}
