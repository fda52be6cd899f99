/**
 * Anthropic Admin API reports (platform.claude.com/docs/en/api/admin: cost_report, usage_report/messages):
 * only the fields Spendbar reads. Unknown fields are ignored; a missing optional field stays undefined.
 * Where the docs say string a plain number is accepted too, and the reverse.
 */
import { z } from 'zod';
import { decimalAmount } from '../adapter-kit.js';

/** RFC 3339 time such as "2025-08-01T00:00:00Z". */
const rfc3339 = z.string().refine((text) => !Number.isNaN(Date.parse(text)), 'is not an RFC 3339 time');

/** A token count; a string of digits is accepted. */
const count = z.union([z.number().int(), z.string().regex(/^\d+$/, 'is not a whole number').transform(Number)]);

/** One bucket of a report; settled days are kept in this decoded form and read back through it. */
function bucketOf<Result extends z.ZodType>(result: Result) {
  return z.object({
    starting_at: rfc3339,
    ending_at: rfc3339.nullish(),
    results: z.array(result),
  });
}

/** The page envelope of both reports: buckets of results, `next_page` opaque and null on the last page. */
function reportOf<Result extends z.ZodType>(result: Result) {
  return z.object({
    data: z.array(bucketOf(result)),
    has_more: z.boolean().nullish(),
    next_page: z.string().nullish(),
  });
}

/**
 * One cost item. `amount` is a decimal STRING in the currency's lowest unit (cents), with fractional
 * cents: "123.78912" USD is $1.2378912. A JSON number is accepted as unambiguous. The parsed fields
 * (`model`, `cost_type`, …) are filled only when grouping by `description`.
 */
export const costResultSchema = z.object({
  amount: decimalAmount.nullish(),
  currency: z.string().nullish(),
  description: z.string().nullish(),
  model: z.string().nullish(),
  cost_type: z.string().nullish(),
  token_type: z.string().nullish(),
});

/** `GET /v1/organizations/cost_report`. */
export const costReportSchema = reportOf(costResultSchema);
export const costBucketSchema = bucketOf(costResultSchema);

/** One usage item of `GET /v1/organizations/usage_report/messages`, grouped by model. */
export const messagesUsageResultSchema = z.object({
  model: z.string().nullish(),
  uncached_input_tokens: count.nullish(),
  cache_read_input_tokens: count.nullish(),
  cache_creation: z
    .object({
      ephemeral_1h_input_tokens: count.nullish(),
      ephemeral_5m_input_tokens: count.nullish(),
    })
    .nullish(),
  output_tokens: count.nullish(),
});

/** `GET /v1/organizations/usage_report/messages`. */
export const messagesUsageReportSchema = reportOf(messagesUsageResultSchema);
export const messagesUsageBucketSchema = bucketOf(messagesUsageResultSchema);

export type CostReport = z.infer<typeof costReportSchema>;
export type CostBucket = CostReport['data'][number];
export type MessagesUsageReport = z.infer<typeof messagesUsageReportSchema>;
export type MessagesUsageBucket = MessagesUsageReport['data'][number];
