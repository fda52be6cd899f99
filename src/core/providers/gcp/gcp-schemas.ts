import { z } from 'zod';
import { currencyCode } from '../adapter-kit.js';

/** A BigQuery cell: every value arrives as a string (or null), whatever its column type. */
const cell = z.object({ v: z.union([z.string(), z.null()]).optional() });

/**
 * `jobs.query` (POST …/queries) and `jobs.getQueryResults` (GET …/queries/{jobId}) share these fields.
 * `rows` is absent when there are none; `schema` only once the job is complete.
 */
export const queryResponseSchema = z.object({
  jobComplete: z.boolean(),
  jobReference: z.object({ projectId: z.string().nullish(), jobId: z.string(), location: z.string().nullish() }).nullish(),
  schema: z.object({ fields: z.array(z.object({ name: z.string() })) }).nullish(),
  rows: z.array(z.object({ f: z.array(cell) })).nullish(),
  pageToken: z.string().nullish(),
  totalBytesProcessed: z.string().nullish(),
  errors: z.array(z.object({ reason: z.string().nullish(), message: z.string().nullish() })).nullish(),
});

/** google.type.Money in proto3 JSON: `units` is an int64 as a string; `nanos` may be absent (0). */
const googleMoney = z.object({
  currencyCode,
  units: z.union([z.string().regex(/^-?\d+$/, 'is not a whole number'), z.number().int()]).nullish(),
  nanos: z.number().int().nullish(),
});

/** `GET /v1/billingAccounts/{id}/budgets`: only what the spend limit needs. A budget has no spend. */
export const budgetsResponseSchema = z.object({
  budgets: z
    .array(
      z.object({
        name: z.string(),
        displayName: z.string().nullish(),
        amount: z
          .object({
            specifiedAmount: googleMoney.nullish(),
            lastPeriodAmount: z.object({}).nullish(),
          })
          .nullish(),
      }),
    )
    .nullish(),
  nextPageToken: z.string().nullish(),
});

export type QueryResponse = z.infer<typeof queryResponseSchema>;
export type Budget = NonNullable<z.infer<typeof budgetsResponseSchema>['budgets']>[number];
