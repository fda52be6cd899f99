/**
 * Settled days for Gemini: each token metric is a stream, kept as one entry per model and UTC day (the
 * day's count after the quota limits are collapsed), so a poll asks Cloud Monitoring only from each
 * metric's first missing day (settled-days.ts).
 */
import { z } from 'zod';
import type { ProviderContext, SettledStream } from '../provider.js';
import { mergeStream, planStream, type StreamPlan } from '../settled-days.js';
import { TOKEN_METRICS, type DailyTokens, type MetricReading } from './gemini-monitoring.js';

const entrySchema = z.object({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), model: z.string(), tokens: z.number().int().nonnegative() });
type Entry = z.infer<typeof entrySchema>;

export type MetricPlans = ReadonlyMap<string, StreamPlan<Entry>>;

export function planMetrics(context: ProviderContext): MetricPlans {
  return new Map(TOKEN_METRICS.map((metric) => [metric.type, planStream(context, metric.type, entrySchema)]));
}

/** Where each metric's query starts. */
export function metricStarts(plans: MetricPlans): Map<string, Date> {
  return new Map([...plans].map(([type, plan]) => [type, plan.from]));
}

/** The readings with the kept days added in, and what to keep of each metric that was read. */
export function mergeMetrics(context: ProviderContext, plans: MetricPlans, readings: readonly MetricReading[]): { readings: MetricReading[]; kept: Record<string, SettledStream | undefined> } {
  const kept: Record<string, SettledStream | undefined> = {};
  const merged = readings.map(({ metric, tokens }) => {
    const fetched = [...tokens].flatMap(([model, days]) => [...days].map(([day, count]): Entry => ({ day, model, tokens: count })));
    const stream = mergeStream(context, plans.get(metric.type)!, fetched, (entry) => entry.day);
    kept[metric.type] = stream.kept;
    const all: DailyTokens = new Map();
    for (const entry of stream.buckets) {
      const days = all.get(entry.model) ?? new Map<string, number>();
      all.set(entry.model, days);
      days.set(entry.day, (days.get(entry.day) ?? 0) + entry.tokens);
    }
    return { metric, tokens: all };
  });
  return { readings: merged, kept };
}
