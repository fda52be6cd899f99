/**
 * Estimated cost of tracked usage: tokens x the model's price from @pydantic/genai-prices, a maintained
 * price database bundled with the package (no network). A model the database does not know is
 * "unpriced": its cost is unknown, never zero.
 */
import { Dec, type Dec as Decimal } from '../model/money.js';
import { calcPrice } from '../model/price-database.js';

export interface PriceEstimate {
  /** USD; undefined when the model is unpriced. */
  readonly cost?: Decimal;
  /** The model id the database matched ("llama-3.3-70b-versatile"), when priced. */
  readonly matchedModel?: string;
}

/**
 * Token counts of one call. `inputTokens` counts every input token, cache reads and cache writes
 * included (OpenAI's and the price database's convention); a source that reports uncached input apart
 * (Anthropic, Claude Code) adds its cache tokens in before it gets here.
 */
export interface TokenUsage {
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** Input tokens read from the prompt cache (part of inputTokens). */
  readonly cachedInputTokens?: number;
  /** Input tokens written to the prompt cache (part of inputTokens). */
  readonly cacheWriteTokens?: number;
  /** Of cacheWriteTokens, those written with a one-hour lifetime (priced higher than five minutes). */
  readonly cacheWrite1hTokens?: number;
}

/**
 * `priceListId` is the provider definition's id in the database (ProviderDefinition.priceListId); a
 * provider the database does not cover prices nothing.
 */
export function estimateCost(priceListId: string | undefined, model: string, usage: TokenUsage, at: Date): PriceEstimate {
  if (!priceListId) return {};
  let result: ReturnType<typeof calcPrice>;
  try {
    result = calcPrice(
      priceDatabaseUsage(usage),
      model,
      { providerId: priceListId, timestamp: at },
    );
  } catch {
    return {};
  }
  if (!result) return {};
  // The database computes in floats (tiers and time-of-day prices included); ten decimals of a dollar
  // recover the exact product of integer tokens and per-million prices.
  return { cost: new Dec(String(result.total_price)).toDecimalPlaces(10), matchedModel: result.model.id };
}

function priceDatabaseUsage(usage: TokenUsage): Record<string, number | undefined> {
  const oneHour = usage.cacheWrite1hTokens ?? 0;
  const writes = usage.cacheWriteTokens ?? 0;
  return {
    input_tokens: usage.inputTokens,
    output_tokens: usage.outputTokens,
    cache_read_tokens: usage.cachedInputTokens,
    cache_write_tokens: usage.cacheWriteTokens,
    // The database prices the two lifetimes apart only when both are given.
    ...(oneHour > 0 ? { cache_write_1h_tokens: oneHour, cache_write_5m_tokens: Math.max(0, writes - oneHour) } : {}),
  };
}
