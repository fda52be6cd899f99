/**
 * Gemini API tokens per model and UTC day from Cloud Monitoring (projects.timeSeries.list, API v3).
 * timeSeries.list takes exactly one metric type per request, so one poll asks for each token metric in
 * turn: aligned per day (ALIGN_SUM over 86400 s), summed across series (REDUCE_SUM) grouped by the model
 * and the quota limit. Quota usage metrics repeat the same usage once per limit (per minute, per day),
 * so the limits of one model and day are collapsed with a maximum, never added.
 */
import type { HttpClient } from '../../http/http-client.js';
import { scrubAndClip } from '../../http/secret-scrub.js';
import { parseRealDateTime } from '../../model/billing-month.js';
import { ProviderError } from '../../model/provider-error.js';
import { nextCursor } from '../adapter-kit.js';
import { listTimeSeriesResponseSchema, type TimeSeries } from './gemini-schemas.js';

const NAME = 'Cloud Monitoring';
const SERVICE = 'generativelanguage.googleapis.com';

/** Requests to Cloud Monitoring in one poll, pages included: five metrics, and a few spare pages. */
export const MAX_REQUESTS_PER_POLL = 10;
/** Points per page (FULL view counts points): a month of days for dozens of model and limit pairs. */
const PAGE_SIZE = 1000;

/** Series without a `model` label cannot be priced; they are listed under this name. */
export const NO_MODEL_LABEL = '(no model label)';

export interface TokenMetric {
  readonly type: string;
  readonly direction: 'input' | 'output';
  /** Input token quota metrics are split by tier; the output metric is not. */
  readonly tier?: 'free' | 'paid';
}

/**
 * The metric types, from Cloud Monitoring's metric list for generativelanguage.googleapis.com (see
 * docs/providers/gemini.md). The output metric comes first: it is the one every project has, so its
 * 404 means a wrong project rather than a metric this project does not know.
 */
export const TOKEN_METRICS: readonly TokenMetric[] = [
  { type: `${SERVICE}/generate_content_usage_output_token_count`, direction: 'output' },
  { type: `${SERVICE}/quota/generate_content_free_tier_input_token_count/usage`, direction: 'input', tier: 'free' },
  { type: `${SERVICE}/quota/generate_content_paid_tier_input_token_count/usage`, direction: 'input', tier: 'paid' },
  { type: `${SERVICE}/quota/generate_content_paid_tier_2_input_token_count/usage`, direction: 'input', tier: 'paid' },
  { type: `${SERVICE}/quota/generate_content_paid_tier_3_input_token_count/usage`, direction: 'input', tier: 'paid' },
];

/** Tokens by model, then by UTC day (YYYY-MM-DD). */
export type DailyTokens = Map<string, Map<string, number>>;

export interface MetricReading {
  readonly metric: TokenMetric;
  readonly tokens: DailyTokens;
}

export interface MonitoringInput {
  readonly http: HttpClient;
  /** Origin of the Monitoring API (https://monitoring.googleapis.com, or the override). */
  readonly base: string;
  readonly project: string;
  readonly token: string;
  readonly account?: string;
  readonly secrets: readonly string[];
  readonly signal?: AbortSignal;
  /** The interval asked for: whole UTC days, so daily alignment falls on midnights. */
  readonly start: Date;
  readonly end: Date;
  /** First and last day of the billing month; points outside it are counted on the nearest. */
  readonly firstDay: string;
  readonly lastDay: string;
}

export interface MonitoringResult {
  readonly readings: readonly MetricReading[];
  /** Metric types Cloud Monitoring does not know in this project (404): their tokens are not counted. */
  readonly unknownMetrics: readonly string[];
  /** Partial-failure messages Cloud Monitoring reported inside a 200. */
  readonly warnings: readonly string[];
}

/**
 * Reads each token metric from `input.start`, or from its own first day in `starts` (settled days kept by
 * the engine come before it); a metric whose start is not before the end is not asked at all.
 */
export async function readTokenMetrics(input: MonitoringInput, starts: ReadonlyMap<string, Date> = new Map()): Promise<MonitoringResult> {
  const readings: MetricReading[] = [];
  const unknownMetrics: string[] = [];
  const warnings: string[] = [];
  const budget = { requests: 0 };
  for (const metric of TOKEN_METRICS) {
    const start = starts.get(metric.type) ?? input.start;
    try {
      readings.push({ metric, tokens: start < input.end ? await readMetric({ ...input, start }, metric, budget, warnings) : new Map() });
    } catch (error) {
      // A project may lack a tier's metric (Google lists the higher tiers as alpha); the output metric's
      // 404 stays an error, since every project has it.
      if (error instanceof ProviderError && error.status === 404 && metric.direction === 'input') unknownMetrics.push(metric.type);
      else throw error;
    }
  }
  return { readings, unknownMetrics, warnings };
}

async function readMetric(input: MonitoringInput, metric: TokenMetric, budget: { requests: number }, warnings: string[]): Promise<DailyTokens> {
  const url = `${input.base}/v3/projects/${encodeURIComponent(input.project)}/timeSeries`;
  // Tokens by model, limit and day, as the pages bring them (a series' points may span pages).
  const byLimit = new Map<string, Map<string, Map<string, number>>>();
  let pageToken: string | undefined;
  for (;;) {
    if (budget.requests >= MAX_REQUESTS_PER_POLL) {
      throw new ProviderError('parse', `${NAME} needed more than ${MAX_REQUESTS_PER_POLL} requests for one month of Gemini tokens; Spendbar stopped reading.`, { url });
    }
    budget.requests += 1;
    const answer = await input.http.json({
      url: `${url}?${queryFor(input, metric, pageToken)}`,
      provider: NAME,
      headers: { authorization: `Bearer ${input.token}` },
      secrets: input.secrets,
      signal: input.signal,
      schema: listTimeSeriesResponseSchema,
      explain: (status, text) => explainMonitoringError(input, metric, status, text),
    });
    for (const failure of answer.data.executionErrors ?? []) if (failure.message) warnings.push(scrubAndClip(failure.message, input.secrets, 200));
    for (const series of answer.data.timeSeries ?? []) addSeries(byLimit, series, input, url);
    if (!answer.data.nextPageToken) break;
    pageToken = nextCursor(NAME, pageToken, answer.data.nextPageToken, url);
  }
  return collapseLimits(byLimit);
}

function queryFor(input: MonitoringInput, metric: TokenMetric, pageToken: string | undefined): string {
  const query = new URLSearchParams({
    filter: `metric.type = "${metric.type}"`,
    'interval.startTime': input.start.toISOString(),
    'interval.endTime': input.end.toISOString(),
    'aggregation.alignmentPeriod': '86400s',
    'aggregation.perSeriesAligner': 'ALIGN_SUM',
    'aggregation.crossSeriesReducer': 'REDUCE_SUM',
    view: 'FULL',
    pageSize: String(PAGE_SIZE),
  });
  query.append('aggregation.groupByFields', 'metric.label.model');
  query.append('aggregation.groupByFields', 'metric.label.limit_name');
  if (pageToken) query.set('pageToken', pageToken);
  return query.toString();
}

function addSeries(byLimit: Map<string, Map<string, Map<string, number>>>, series: TimeSeries, input: MonitoringInput, url: string): void {
  const model = series.metric?.labels?.model?.trim() || NO_MODEL_LABEL;
  const limit = series.metric?.labels?.limit_name ?? '';
  const limits = byLimit.get(model) ?? new Map<string, Map<string, number>>();
  byLimit.set(model, limits);
  const days = limits.get(limit) ?? new Map<string, number>();
  limits.set(limit, days);
  for (const point of series.points ?? []) {
    const end = parseRealDateTime(point.interval.endTime);
    if (!end) throw new ProviderError('parse', `${NAME} answered in an unexpected shape: a point's interval.endTime is not a time.`, { url });
    // A daily point ends at the midnight after its day.
    const found = new Date(end.getTime() - 1).toISOString().slice(0, 10);
    const day = found < input.firstDay ? input.firstDay : found > input.lastDay ? input.lastDay : found;
    days.set(day, (days.get(day) ?? 0) + pointCount(point.value, url));
  }
}

function pointCount(value: { int64Value?: string | number | null; doubleValue?: number | null }, url: string): number {
  const count = value.int64Value !== undefined && value.int64Value !== null ? Number(value.int64Value) : value.doubleValue != null ? Math.round(value.doubleValue) : undefined;
  if (count === undefined) throw new ProviderError('parse', `${NAME} answered in an unexpected shape: a point has no int64Value.`, { url });
  if (!Number.isSafeInteger(count)) throw new ProviderError('parse', `${NAME} answered a token count too large to be one.`, { url });
  return count;
}

/** The limits of one model and day count the same tokens: the largest is the day's count. */
function collapseLimits(byLimit: Map<string, Map<string, Map<string, number>>>): DailyTokens {
  const tokens: DailyTokens = new Map();
  for (const [model, limits] of byLimit) {
    const days = new Map<string, number>();
    for (const perDay of limits.values()) for (const [day, count] of perDay) days.set(day, Math.max(days.get(day) ?? 0, count));
    tokens.set(model, days);
  }
  return tokens;
}

function explainMonitoringError(input: MonitoringInput, metric: TokenMetric, status: number, text: string | undefined): string | undefined {
  const said = text ? ` (Google said: "${text}")` : '';
  const who = input.account ? `The service account ${input.account}` : 'The service account';
  // A project never used with Cloud Monitoring may have its API off: granting a role would not help.
  if (status === 403 && /has not been used|is disabled|SERVICE_DISABLED/i.test(text ?? '')) {
    return `The Cloud Monitoring API is not enabled for the service account's project${said}. Enable monitoring.googleapis.com there (APIs & Services → Enable APIs), then refresh.`;
  }
  if (status === 403) {
    return `${who} may not read Cloud Monitoring in project ${input.project}${said}. Grant it Monitoring Viewer (roles/monitoring.viewer) on that project; a project id that does not exist is refused the same way.`;
  }
  if (status === 404) {
    return `Cloud Monitoring found no project ${input.project}, or no metric ${metric.type} in it${said}. Set project to the id of the Google Cloud project your Gemini API key belongs to: \`spendbar accounts add gemini --set project=PROJECT_ID\`.`;
  }
  if (status === 400) return `Cloud Monitoring rejected Spendbar's query for ${metric.type} in project ${input.project}${said}. Check the project setting.`;
  if (status === 401) return `Google rejected the service account's access token${said}. Check the key file, or create a new key.`;
  return undefined;
}
