import { z } from 'zod';

/**
 * A TypedValue of a point. Token counts are INT64 metrics, which proto3 JSON writes as a decimal string
 * (`"int64Value": "1234"`); a number is accepted too. A DOUBLE (`doubleValue`) is tolerated in case an
 * aligner turns the count into one. Other value kinds (bool, string, distribution) carry no count.
 */
const typedValue = z.object({
  int64Value: z.union([z.string().regex(/^\d+$/, 'is not a whole non-negative number'), z.number().int().nonnegative()]).nullish(),
  doubleValue: z.number().finite().nonnegative().nullish(),
});

const point = z.object({
  interval: z.object({ startTime: z.string().nullish(), endTime: z.string() }),
  value: typedValue,
});

/**
 * `GET /v3/projects/{project}/timeSeries` (projects.timeSeries.list), Cloud Monitoring API v3: only the
 * fields Spendbar reads. A query that matches no data answers `{}` (or only `unit`): `timeSeries` is
 * then absent. `executionErrors` reports partial failures of the query inside a 200.
 */
export const listTimeSeriesResponseSchema = z.object({
  timeSeries: z
    .array(
      z.object({
        metric: z.object({ type: z.string().nullish(), labels: z.record(z.string(), z.string()).nullish() }).nullish(),
        resource: z.object({ type: z.string().nullish(), labels: z.record(z.string(), z.string()).nullish() }).nullish(),
        metricKind: z.string().nullish(),
        valueType: z.string().nullish(),
        points: z.array(point).nullish(),
      }),
    )
    .nullish(),
  nextPageToken: z.string().nullish(),
  executionErrors: z.array(z.object({ code: z.number().nullish(), message: z.string().nullish() })).nullish(),
  unit: z.string().nullish(),
});

export type ListTimeSeriesResponse = z.infer<typeof listTimeSeriesResponseSchema>;
export type TimeSeries = NonNullable<ListTimeSeriesResponse['timeSeries']>[number];
