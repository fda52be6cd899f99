import { z } from 'zod';
import { Dec } from '../../model/money.js';

/**
 * A Prometheus sample value. The Prometheus HTTP API sends it as a string ("1500000", "1.5e+06" from
 * VictoriaMetrics); a bare number is accepted too, as its meaning is the same. NaN and infinities are not
 * token counts and fail as a parse error naming the field.
 */
const sampleValue = z
  .union([z.number().finite(), z.string().trim().regex(/^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/, 'is not a finite number')])
  .transform((value) => new Dec(typeof value === 'number' ? String(value) : value));

/** One series of an instant vector: its labels and its `[unix seconds, value]` sample. */
const vectorSeries = z.object({
  metric: z.record(z.string(), z.string()).nullish(),
  value: z.tuple([z.union([z.number(), z.string()]), sampleValue]),
});

/**
 * `GET /v1/metrics/prometheus/api/v1/query` (Prometheus HTTP API, served by VictoriaMetrics). A success
 * carries `data.result`; a failure carries `errorType` and `error`, which may arrive inside a 200.
 */
export const prometheusQueryResponseSchema = z.object({
  status: z.string(),
  data: z
    .object({
      resultType: z.string().nullish(),
      result: z.array(vectorSeries),
    })
    .nullish(),
  errorType: z.string().nullish(),
  error: z.string().nullish(),
});

/** `GET /openai/v1/models` (any key, free): only used to tell a working key without metrics access apart. */
export const modelListResponseSchema = z.object({
  data: z.array(z.object({ id: z.string() })),
});

export type PrometheusQueryResponse = z.infer<typeof prometheusQueryResponseSchema>;
export type ModelListResponse = z.infer<typeof modelListResponseSchema>;
