/**
 * Settled days: providers whose reports come in daily buckets (OpenAI, Anthropic) are asked for each
 * settled day once. The engine keeps, per account and per stream (a report such as costs or usage), the
 * decoded buckets of every day before the cut-off; an adapter asks the provider only from the first day
 * it does not have and adds the kept buckets in front, so its figures are those of a full-month fetch.
 *
 * The cut-off is yesterday (UTC): today and yesterday are fetched on every poll, anything older once.
 * Anthropic says its data "typically appears within 5 minutes"; OpenAI documents no delay. Neither
 * documents a restatement window, so one whole extra day covers usage that lands late (a Batch job
 * finishes within 24 hours) and any bucket still being filled around midnight. A restatement older than
 * that would be missed until the next full fetch: `poll --force`, a failed poll, a changed setting, or
 * the next month (which starts empty).
 */
import { z } from 'zod';
import type { BillingMonth } from '../model/billing-month.js';
import type { ProviderContext, SettledStream } from './provider.js';

export type { SettledDays, SettledStream } from './provider.js';

const DAY_MS = 24 * 60 * 60_000;

/** The days a provider may still restate, counted back from today (UTC): today and yesterday. */
export const UNSETTLED_DAYS = 2;

/** YYYY-MM-DD of a time, UTC. */
export function dayOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The first unsettled day for a poll at `now` of `month`, clamped to the month (a past month is all settled). */
export function settledBefore(month: BillingMonth, now: Date): string {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const cut = Math.min(Math.max(today - (UNSETTLED_DAYS - 1) * DAY_MS, month.start.getTime()), month.end.getTime());
  return dayOf(new Date(cut));
}

/** Where one stream's request starts, and the kept buckets that come before it. */
export interface StreamPlan<Bucket> {
  readonly stream: string;
  readonly from: Date;
  readonly cached: readonly Bucket[];
  readonly cachedDays: Readonly<Record<string, readonly Bucket[]>>;
}

const dayText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/**
 * The plan for one stream: from the day after the last kept one, or from the month's start when nothing
 * usable is kept (none, another month's, past the cut-off, or buckets the schema refuses).
 */
export function planStream<Bucket>(context: ProviderContext, stream: string, bucket: z.ZodType<Bucket>): StreamPlan<Bucket> {
  const full: StreamPlan<Bucket> = { stream, from: context.month.start, cached: [], cachedDays: {} };
  const kept = context.settled?.streams[stream];
  if (!context.settled || !kept) return full;
  const monthPrefix = `${context.month.key}-`;
  const through = dayText.safeParse(kept.through);
  if (!through.success || !through.data.startsWith(monthPrefix) || through.data >= context.settled.before) return full;
  const cachedDays: Record<string, Bucket[]> = {};
  for (const [day, buckets] of Object.entries(kept.days ?? {})) {
    if (!dayText.safeParse(day).success || !day.startsWith(monthPrefix) || day > through.data) return full;
    const decoded = z.array(bucket).safeParse(buckets);
    if (!decoded.success) return full;
    cachedDays[day] = decoded.data;
  }
  const cached = Object.keys(cachedDays)
    .sort()
    .flatMap((day) => cachedDays[day]!);
  return { stream, from: new Date(Date.parse(`${through.data}T00:00:00Z`) + DAY_MS), cached, cachedDays };
}

/**
 * The month's buckets (kept ones first, then the fetched ones from the plan's first day on, so the order
 * is a full fetch's), and what to keep now: every settled day, once the cut-off has passed it.
 */
export function mergeStream<Bucket>(
  context: ProviderContext,
  plan: StreamPlan<Bucket>,
  fetched: readonly Bucket[],
  dayOfBucket: (bucket: Bucket) => string,
): { buckets: Bucket[]; kept?: SettledStream } {
  const fromDay = dayOf(plan.from);
  // A provider answers only for the days asked; anything earlier would be counted twice.
  const fresh = fetched.filter((bucket) => dayOfBucket(bucket) >= fromDay);
  const buckets = [...plan.cached, ...fresh];
  const before = context.settled?.before;
  if (before === undefined) return { buckets };
  const through = dayOf(new Date(Date.parse(`${before}T00:00:00Z`) - DAY_MS));
  if (!through.startsWith(`${context.month.key}-`)) return { buckets };
  const days: Record<string, Bucket[]> = Object.fromEntries(Object.entries(plan.cachedDays).map(([day, list]) => [day, [...list]]));
  for (const bucket of fresh) {
    const day = dayOfBucket(bucket);
    if (day >= before || !day.startsWith(`${context.month.key}-`)) continue;
    (days[day] ??= []).push(bucket);
  }
  return { buckets, kept: { through, days } };
}

/** A stream's request window starts at the plan's first day; none is needed when that is past the end. */
export function needsRequest(plan: StreamPlan<unknown>, end: Date): boolean {
  return plan.from < end;
}

/** The `settled` field of an adapter's answer: the streams to keep, leaving out those not fetched whole. */
export function settledOutput(streams: Record<string, SettledStream | undefined>): { settled?: Record<string, SettledStream> } {
  const kept = Object.entries(streams).filter((entry): entry is [string, SettledStream] => entry[1] !== undefined);
  return kept.length > 0 ? { settled: Object.fromEntries(kept) } : {};
}
