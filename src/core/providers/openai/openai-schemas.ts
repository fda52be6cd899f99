/**
 * OpenAI organization endpoints (openai/openai-openapi `openapi.yaml`): only the fields Spendbar reads.
 * Unknown fields are ignored; a missing optional field stays undefined. Where the spec says number, an
 * unambiguous numeric string is accepted too, and the reverse.
 */
import { z } from 'zod';
import { currencyCode, decimalAmount, integerAmount } from '../adapter-kit.js';

/** A decimal amount the spec types as a JSON number (USD dollars); a plain numeric string is accepted. */
export const decimalValue = decimalAmount;

/** An integer (Unix seconds, token counts, cents); a string of digits is accepted. */
const integer = z.union([z.number().int(), z.string().regex(/^-?\d+$/, 'is not an integer').transform(Number)]);

/** One bucket of a page; settled days are kept in this decoded form and read back through it. */
function bucketOf<Result extends z.ZodType>(result: Result) {
  return z.object({
    start_time: integer,
    end_time: integer.nullish(),
    results: z.array(result),
  });
}

/** The page envelope shared by `/organization/costs` and `/organization/usage/*`. */
function pageOf<Result extends z.ZodType>(result: Result) {
  return z.object({
    data: z.array(bucketOf(result)),
    has_more: z.boolean().nullish(),
    next_page: z.string().nullish(),
  });
}

/** `CostsResult`: `amount.value` is USD dollars (not cents), `currency` lower case ("usd"). */
export const costResultSchema = z.object({
  amount: z
    .object({
      value: decimalValue.nullish(),
      currency: z.string().nullish(),
    })
    .nullish(),
  line_item: z.string().nullish(),
  project_id: z.string().nullish(),
});

/** `GET /organization/costs` (UsageResponse of CostsResult buckets). */
export const costsPageSchema = pageOf(costResultSchema);
export const costBucketSchema = bucketOf(costResultSchema);

/** `UsageCompletionsResult` grouped by model. Older responses lack the newer token fields. */
export const completionsUsageResultSchema = z.object({
  model: z.string().nullish(),
  input_tokens: integer.nullish(),
  output_tokens: integer.nullish(),
  input_cached_tokens: integer.nullish(),
  num_model_requests: integer.nullish(),
});

/** `GET /organization/usage/completions`. */
export const completionsUsagePageSchema = pageOf(completionsUsageResultSchema);
export const completionsUsageBucketSchema = bucketOf(completionsUsageResultSchema);

/** `GET /organization/spend_limit` (OrganizationSpendLimitResource): `threshold_amount` is integer cents. */
export const spendLimitSchema = z.object({
  threshold_amount: integerAmount,
  currency: currencyCode.nullish(),
  interval: z.string().nullish(),
  enforcement: z.object({ status: z.string().nullish() }).nullish(),
});

/**
 * `GET /dashboard/billing/credit_grants`: unofficial, in neither the spec nor the SDKs. The shape is the
 * one community code reports (dollars as numbers); expect it to change or disappear.
 */
export const creditGrantsSchema = z.object({
  total_granted: decimalValue.nullish(),
  total_used: decimalValue.nullish(),
  total_available: decimalValue.nullish(),
});

export type CostsPage = z.infer<typeof costsPageSchema>;
export type CostBucket = CostsPage['data'][number];
export type CompletionsUsagePage = z.infer<typeof completionsUsagePageSchema>;
export type CompletionsUsageBucket = CompletionsUsagePage['data'][number];
export type SpendLimit = z.infer<typeof spendLimitSchema>;
export type CreditGrants = z.infer<typeof creditGrantsSchema>;
