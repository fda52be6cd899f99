/**
 * Estimated cost of tracked usage: tokens x the model's price from @pydantic/genai-prices, a maintained
 * price database bundled with the package (no network). A model the database does not know is
 * "unpriced": its cost is unknown, never zero.
 */
import { calcPrice } from '@pydantic/genai-prices';
import { Dec, type Dec as Decimal } from '../model/money.js';

/** Spendbar provider id -> the price database's provider id, where they differ. */
const priceProviderIds: Record<string, string> = { xai: 'x-ai', moonshot: 'moonshotai' };

export interface PriceEstimate {
  /** USD; undefined when the model is unpriced. */
  readonly cost?: Decimal;
  /** The model id the database matched ("llama-3.3-70b-versatile"), when priced. */
  readonly matchedModel?: string;
}

export interface TokenUsage {
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cachedInputTokens?: number;
}

export function estimateCost(provider: string, model: string, usage: TokenUsage, at: Date): PriceEstimate {
  let result: ReturnType<typeof calcPrice>;
  try {
    result = calcPrice(
      { input_tokens: usage.inputTokens, output_tokens: usage.outputTokens, cache_read_tokens: usage.cachedInputTokens },
      model,
      { providerId: priceProviderIds[provider] ?? provider, timestamp: at },
    );
  } catch {
    return {};
  }
  if (!result) return {};
  // The database computes in floats (tiers and time-of-day prices included); ten decimals of a dollar
  // recover the exact product of integer tokens and per-million prices.
  return { cost: new Dec(String(result.total_price)).toDecimalPlaces(10), matchedModel: result.model.id };
}
