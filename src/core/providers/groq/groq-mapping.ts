/**
 * Groq's metrics count tokens, not dollars: this turns tokens per model into an estimated month-to-date
 * with list prices from genai-prices, and maps Prometheus errors that arrive inside a 200.
 */
import { pathOf } from '../../http/http-errors.js';
import { Dec, money } from '../../model/money.js';
import { ProviderError, redact, type ErrorKind } from '../../model/provider-error.js';
import type { BreakdownItem, ModelUsage, Snapshot } from '../../model/snapshot.js';
import { estimateCost } from '../../tracked/pricing.js';

/** Groq's id in the price database that prices its token counts. */
export const GROQ_PRICE_LIST_ID = 'groq';
import type { PrometheusQueryResponse } from './groq-schemas.js';
import { scrubAndClip } from '../../http/secret-scrub.js';

/** Series without a `model` label cannot be priced; they are listed under this name. */
export const NO_MODEL_LABEL = '(no model label)';

/** Tokens of one model over the month, as Groq's metrics give them (integrals, not yet whole numbers). */
export interface TokenCounts {
  readonly input: Dec;
  readonly output: Dec;
}

type Estimate = Pick<Snapshot, 'monthToDate' | 'usage' | 'breakdown' | 'notes'>;

/**
 * Prices each model's tokens at `at`. A model the price database does not know, or prices at zero for
 * tokens (audio models are billed per hour), is unpriced: listed in a note and left out of the estimate,
 * never counted as $0. With no priced model the month-to-date stays unknown.
 */
export function estimateFromTokens(tokens: ReadonlyMap<string, TokenCounts>, at: Date, monthKey: string): Estimate {
  const usage: ModelUsage[] = [];
  const breakdown: BreakdownItem[] = [];
  const unpriced: string[] = [];
  let total = new Dec(0);
  for (const [model, counts] of tokens) {
    const inputTokens = wholeTokens(counts.input, model);
    const outputTokens = wholeTokens(counts.output, model);
    if (inputTokens === 0 && outputTokens === 0) continue;
    usage.push({ model, inputTokens, outputTokens });
    const cost = model === NO_MODEL_LABEL ? undefined : estimateCost(GROQ_PRICE_LIST_ID, model, { inputTokens, outputTokens }, at).cost;
    if (cost === undefined || cost.isZero()) {
      unpriced.push(model);
      continue;
    }
    total = total.plus(cost);
    breakdown.push({ dimension: 'model', label: model, money: money(cost, 'USD') });
  }

  const notes: string[] = [];
  if (usage.length === 0) notes.push(`Groq’s usage metrics show no token usage in ${monthKey}.`);
  if (breakdown.length > 0) {
    notes.push('Estimated: tokens from Groq’s usage metrics × list prices; cached-token, batch and flex discounts are not applied.');
  }
  if (unpriced.length > 0) notes.push(`Unpriced: ${unpriced.join(', ')} (no known price; not counted in the estimate).`);
  return {
    monthToDate: breakdown.length > 0 ? { money: money(total, 'USD'), confidence: 'estimated' } : undefined,
    usage,
    breakdown,
    notes,
  };
}

/** An integral of a per-second rate is fractional; token counts are whole. A negative one is broken data. */
function wholeTokens(count: Dec, model: string): number {
  const whole = count.toDecimalPlaces(0, Dec.ROUND_HALF_UP);
  if (whole.isNegative()) {
    throw new ProviderError('parse', `Groq’s usage metrics gave a negative token count for ${model.slice(0, 80)}.`);
  }
  return whole.toNumber();
}

/** Prometheus `errorType`s: a bad or unknown query is ours to fix; the rest clear up on their own. */
const errorKinds: Record<string, ErrorKind> = {
  bad_data: 'config',
  execution: 'config',
  not_found: 'config',
  timeout: 'provider-unavailable',
  canceled: 'provider-unavailable',
  internal: 'provider-unavailable',
  unavailable: 'provider-unavailable',
};

/** A 200 whose body says `status: "error"` (or carries no data) maps to the same kinds as an HTTP error. */
export function errorInsideOk(body: PrometheusQueryResponse, url: string, secrets: readonly string[]): ProviderError {
  const where = { url: pathOf(url) };
  if (body.status === 'success') return new ProviderError('parse', 'Groq’s metrics API answered success without data.', where);
  const said = body.error ? `: "${scrubAndClip(body.error, secrets, 200)}"` : '';
  const errorType = body.errorType ?? 'unknown';
  const kind = errorKinds[errorType] ?? 'config';
  const message =
    kind === 'provider-unavailable'
      ? `Groq’s metrics API could not answer (${errorType}${said}). Spendbar will retry later.`
      : `Groq’s metrics API refused Spendbar’s query (${errorType}${said}). The metric names Spendbar reads may have changed.`;
  return new ProviderError(kind, redact(message, secrets), where);
}
