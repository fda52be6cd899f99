/**
 * Day-bucketed reports that answer for the window asked, as the real APIs do: OpenAI's costs and
 * completions usage, Anthropic's cost and messages usage reports, each day's figures fixed (so a day
 * fetched twice reads the same). Also `requestWindow`, which reads the days a recorded request asked for,
 * so tests and the benchmark can count how often a settled day was asked again.
 */
import type { RecordedRequest, RouteTable } from './fake-http-server.js';

const DAY_MS = 24 * 60 * 60_000;

/** The UTC days [from, to) a request asked for, or undefined when it names no time window. */
export interface RequestWindow {
  readonly start: Date;
  readonly end: Date;
}

/** OpenAI (start_time/end_time, Unix s), Anthropic (starting_at/ending_at), xAI (body timeRange), Gemini (interval.*). */
export function requestWindow(request: RecordedRequest): RequestWindow | undefined {
  const q = request.query;
  const unix = (name: string) => (q.get(name) ? new Date(Number(q.get(name)) * 1000) : undefined);
  const time = (name: string) => (q.get(name) ? new Date(q.get(name)!) : undefined);
  const pair = (start: Date | undefined, end: Date | undefined) => (start && end && !Number.isNaN(start.getTime()) ? { start, end } : undefined);
  if (q.has('start_time')) return pair(unix('start_time'), unix('end_time') ?? new Date(8.64e15));
  if (q.has('starting_at')) return pair(time('starting_at'), time('ending_at') ?? new Date(8.64e15));
  if (q.has('interval.startTime')) return pair(time('interval.startTime'), time('interval.endTime'));
  if (request.method === 'POST' && request.body.includes('timeRange')) {
    try {
      const body = JSON.parse(request.body) as { analyticsRequest?: { timeRange?: { startTime?: string; endTime?: string } } };
      const range = body.analyticsRequest?.timeRange;
      // "YYYY-MM-DD HH:MM:SS" in the request's timezone; the benchmark's accounts use UTC.
      const utc = (text: string | undefined) => (text ? new Date(`${text.replace(' ', 'T')}Z`) : undefined);
      return pair(utc(range?.startTime), utc(range?.endTime));
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** Each UTC day (YYYY-MM-DD) a window touches. */
export function daysOf(window: RequestWindow): string[] {
  const days: string[] = [];
  for (let at = Math.floor(window.start.getTime() / DAY_MS) * DAY_MS; at < window.end.getTime(); at += DAY_MS) {
    days.push(new Date(at).toISOString().slice(0, 10));
  }
  return days;
}

/** The days of [start, end): each bucket starts at the later of its midnight and the window's start. */
function dayBuckets(start: Date, end: Date): { index: number; from: Date; to: Date }[] {
  const buckets: { index: number; from: Date; to: Date }[] = [];
  for (let midnight = Math.floor(start.getTime() / DAY_MS) * DAY_MS; midnight < end.getTime(); midnight += DAY_MS) {
    const from = new Date(Math.max(midnight, start.getTime()));
    buckets.push({ index: new Date(midnight).getUTCDate(), from, to: new Date(Math.min(midnight + DAY_MS, end.getTime())) });
  }
  return buckets;
}

const page = (data: unknown[]) => ({ object: 'page', data, has_more: false, next_page: null });

/** OpenAI's costs (by line item and project) and completions usage (by model), one bucket a day. */
export function openaiDailyRoutes(): RouteTable {
  const window = (request: RecordedRequest) => ({
    start: new Date(Number(request.query.get('start_time')) * 1000),
    end: request.query.get('end_time') ? new Date(Number(request.query.get('end_time')) * 1000) : new Date(),
  });
  const seconds = (date: Date) => Math.floor(date.getTime() / 1000);
  const report = (request: RecordedRequest, results: (index: number) => unknown[]) => {
    const { start, end } = window(request);
    return { json: page(dayBuckets(start, end).map(({ index, from, to }) => ({ object: 'bucket', start_time: seconds(from), end_time: seconds(to), results: results(index) }))) };
  };
  return {
    'GET /v1/organization/costs': (request) =>
      // Every third day is empty, as real output shows days without spend.
      report(request, (index) =>
        index % 3 === 0
          ? []
          : [
              { amount: { value: Number(`0.${index}2345678`), currency: 'usd' }, line_item: 'gpt-4o-2024-08-06, input', project_id: 'proj_abc' },
              { amount: { value: index * 1.1, currency: 'usd' }, line_item: 'o3-2025-04-16, output', project_id: index % 2 ? 'proj_def' : null },
              ...(index === 7 ? [{ amount: { value: null, currency: 'usd' }, line_item: 'unpriced', project_id: null }] : []),
            ],
      ),
    'GET /v1/organization/usage/completions': (request) =>
      report(request, (index) => [
        { model: 'gpt-4o-2024-08-06', input_tokens: 1000 * index, output_tokens: 10 * index, input_cached_tokens: index % 2 ? 64 : null, num_model_requests: index },
        ...(index > 10 ? [{ model: 'o3-2025-04-16', input_tokens: 5000, output_tokens: 700, num_model_requests: 3 }] : []),
      ]),
    'GET /v1/organization/spend_limit': { json: { object: 'organization.spend_limit', threshold_amount: 10000, currency: 'USD', interval: 'month' } },
  };
}

/** Anthropic's cost report (by description: model and cost type, cents as decimal strings) and usage by model. */
export function anthropicDailyRoutes(): RouteTable {
  const window = (request: RecordedRequest) => ({
    start: new Date(request.query.get('starting_at')!),
    end: request.query.get('ending_at') ? new Date(request.query.get('ending_at')!) : new Date(),
  });
  const iso = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const report = (request: RecordedRequest, results: (index: number) => unknown[]) => {
    const { start, end } = window(request);
    return {
      json: {
        data: dayBuckets(start, end).map(({ index, from, to }) => ({ starting_at: iso(from), ending_at: iso(to), results: results(index) })),
        has_more: false,
        next_page: null,
      },
    };
  };
  return {
    'GET /v1/organizations/cost_report': (request) =>
      report(request, (index) =>
        index % 4 === 0
          ? []
          : [
              { amount: `${index}23.78912`, currency: 'USD', description: 'Claude Sonnet 4 Usage - Input Tokens', model: 'claude-sonnet-4-20250514', cost_type: 'tokens' },
              { amount: `${index * 3}.5`, currency: 'USD', description: 'Web search', model: null, cost_type: 'web_search' },
            ],
      ),
    'GET /v1/organizations/usage_report/messages': (request) =>
      report(request, (index) => [
        {
          model: 'claude-sonnet-4-20250514',
          uncached_input_tokens: 100 * index,
          cache_read_input_tokens: index,
          cache_creation: { ephemeral_1h_input_tokens: 0, ephemeral_5m_input_tokens: index % 2 ? 5 : null },
          output_tokens: 20 * index,
        },
      ]),
  };
}

/**
 * Cloud Monitoring's timeSeries.list for the Gemini token metrics, one point a day per model from the
 * interval asked (whole UTC days); input metrics repeat each count once per quota limit, as Google does.
 */
export function geminiDailyRoutes(metrics: { output: string; freeInput: string; paidInput: string }): (request: RecordedRequest) => { json: unknown } {
  return (request) => {
    const metric = /metric\.type = "([^"]+)"/.exec(request.query.get('filter') ?? '')?.[1];
    const start = new Date(request.query.get('interval.startTime')!);
    const end = new Date(request.query.get('interval.endTime')!);
    const days = dayBuckets(start, end);
    const series = (model: string, limit: string | undefined, count: (index: number) => number) => ({
      metric: { type: metric, labels: { model, ...(limit ? { limit_name: limit } : {}) } },
      metricKind: 'DELTA',
      valueType: 'INT64',
      points: days.map(({ index, from, to }) => ({ interval: { startTime: from.toISOString(), endTime: to.toISOString() }, value: { int64Value: String(count(index)) } })),
    });
    const perLimit = (model: string, count: (index: number) => number) => [series(model, 'PerMinute', count), series(model, 'PerDay', count)];
    if (metric === metrics.output) return { json: { timeSeries: [series('gemini-2.5-flash', undefined, (i) => 700 * i), series('gemini-2.0-flash', undefined, (i) => 90 + i)] } };
    if (metric === metrics.paidInput) return { json: { timeSeries: perLimit('gemini-2.5-flash', (i) => 12_345 * i) } };
    if (metric === metrics.freeInput) return { json: { timeSeries: perLimit('gemini-2.0-flash', (i) => 800 + i) } };
    return { json: { unit: '1' } };
  };
}
