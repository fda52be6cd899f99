import { z } from 'zod';
import { Dec } from '../../model/money.js';
import { currencyCode } from '../adapter-kit.js';

/**
 * Cost Explorer amounts are decimal strings ("40.3543773134"). Exponent forms ("1.2E-7") are accepted
 * too: the SDK types say only "string", and a tiny amount must not fail a whole poll.
 */
export const ceAmount = z
  .string()
  .trim()
  .regex(/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/, 'is not a decimal amount')
  .transform((text) => new Dec(text));

/** A cost and its currency ("USD"); an empty or unknown unit is a parse error naming the field. */
const metricValue = z.object({ Amount: ceAmount, Unit: currencyCode.nullish() });

const dateInterval = z.object({
  Start: z.string().regex(/^\d{4}-\d{2}-\d{2}/, 'is not a YYYY-MM-DD date'),
  End: z.string().nullish(),
});

/**
 * `GetCostAndUsage` with DAILY granularity, metric UnblendedCost and GroupBy SERVICE. With a GroupBy,
 * `Total` is `{}` and the amounts are in `Groups[].Metrics`. Only the fields used; the rest is ignored.
 */
export const costAndUsageSchema = z.object({
  NextPageToken: z.string().nullish(),
  ResultsByTime: z.array(
    z.object({
      TimePeriod: dateInterval,
      // Only the metric asked for is read: other metrics carry units such as "N/A".
      Total: z.object({ UnblendedCost: metricValue.partial().nullish() }).nullish(),
      Groups: z
        .array(
          z.object({
            Keys: z.array(z.string()).nullish(),
            Metrics: z.object({ UnblendedCost: metricValue }),
          }),
        )
        .nullish(),
      Estimated: z.boolean().nullish(),
    }),
  ),
});

/** `GetCostForecast`: `Total` is the forecast for the requested period (today to the month's end). */
export const costForecastSchema = z.object({
  Total: metricValue,
  ForecastResultsByTime: z
    .array(z.object({ TimePeriod: dateInterval.nullish(), MeanValue: z.string().nullish() }))
    .nullish(),
});

export type CostAndUsage = z.infer<typeof costAndUsageSchema>;
export type CostForecast = z.infer<typeof costForecastSchema>;
