/**
 * Anthropic: month-to-date and daily spend from the Admin API's cost report (grouped by description, so
 * it also splits by model and cost type), and tokens by model from the messages usage report. Anthropic
 * has no balance endpoint: the engine estimates one from the user's known-balance and top-up entries
 * minus this daily spend, so the daily figures must be exact and on the right UTC days.
 */
import type { z } from 'zod';
import { windowEnd } from '../../model/billing-month.js';
import { ProviderError } from '../../model/provider-error.js';
import type { ModelUsage } from '../../model/snapshot.js';
import { nextCursor } from '../adapter-kit.js';
import { inOrder } from '../concurrent-calls.js';
import { MINUTE, type ProviderContext, type ProviderDefinition, type ProviderSnapshot } from '../provider.js';
import { guarded } from '../snapshot-guard.js';
import { mergeStream, needsRequest, planStream, settledOutput } from '../settled-days.js';
import { summarizeCostReport, summarizeUsage, utcDay } from './anthropic-mapping.js';
import { costBucketSchema, costReportSchema, messagesUsageBucketSchema, messagesUsageReportSchema } from './anthropic-schemas.js';

const NAME = 'Anthropic';
const ADMIN_KEY_URL = 'https://console.anthropic.com/settings/admin-keys';
const API_VERSION = '2023-06-01';
/** 31 daily buckets per page cover a month; this only stops a runaway cursor. */
const MAX_PAGES = 10;

export const anthropicProvider: ProviderDefinition = {
  id: 'anthropic',
  name: NAME,
  monogram: { letters: 'A', colour: '#9a4a2a' },
  implicitFromEnv: true,
  priceListId: 'anthropic',
  kind: 'api',
  credentials: [{ name: 'apiKey', env: 'ANTHROPIC_ADMIN_KEY', label: 'Admin key', secret: true }],
  defaultBaseUrl: 'https://api.anthropic.com',
  keyHelp: 'An Admin API key (sk-ant-admin…) reads the cost and usage reports; it needs an organization, and normal API keys (sk-ant-api…) cannot.',
  keyUrl: ADMIN_KEY_URL,
  reportsSpend: true,
  defaultCurrency: 'USD',
  // The reports "support polling once per minute for sustained use"; a poll makes two requests.
  refresh: { defaultMs: 15 * MINUTE, minimumMs: 2 * MINUTE },
  documentedLimit: {
    count: 1,
    windowMs: MINUTE,
    unit: 'polls',
    source: 'Usage and Cost API guide (docs.claude.com/en/docs/build-with-claude/usage-cost-api): "supports polling once per minute for sustained use"',
  },
  fetchSnapshot: guarded(NAME, fetchAnthropicSnapshot),
};

/** Both 401 and 403 usually mean a normal API key, or an individual account that cannot have an Admin key. */
function explainAdminKey(apiKey: string) {
  return (status: number, providerText: string | undefined): string | undefined => {
    if (status !== 401 && status !== 403) return undefined;
    const said = providerText ? ` (Anthropic said: "${providerText}")` : '';
    const normalKey = apiKey.startsWith('sk-ant-api') ? ' This is a normal API key (sk-ant-api…), which cannot read them.' : '';
    return (
      `Anthropic refused the key${said}. Cost and usage reports need an Admin key (sk-ant-admin…).${normalKey} ` +
      `Create one at ${ADMIN_KEY_URL}. Admin keys need an organization (Console → Settings → Organization); individual accounts cannot have one.`
    );
  };
}

type Report<Bucket> = { data: Bucket[]; has_more?: boolean | null; next_page?: string | null };

async function fetchAnthropicSnapshot(context: ProviderContext): Promise<ProviderSnapshot> {
  const fetchedAt = context.now().toISOString();
  const end = windowEnd(context.month, context.now());
  if (end <= context.month.start) {
    return { month: context.month.key, notes: ['This month has not started yet.'], fetchedAt };
  }
  // Settled days the engine kept are not asked again: each report starts at its first missing day.
  const costPlan = planStream(context, 'costs', costBucketSchema);
  const usagePlan = planStream(context, 'usage', messagesUsageBucketSchema);
  const window = (from: Date): [string, string][] => [
    ['starting_at', rfc3339(from)],
    ['ending_at', rfc3339(end)],
    ['bucket_width', '1d'],
    ['limit', '31'],
  ];
  const notes = ['Priority Tier costs are not included in Anthropic’s cost report.'];

  const costUrl = `${context.baseUrl}/v1/organizations/cost_report`;
  const usageUrl = `${context.baseUrl}/v1/organizations/usage_report/messages`;
  const byDay = (bucket: { starting_at: string }) => utcDay(bucket.starting_at);
  // Both reports at once; the cost report's failure decides the error (see inOrder).
  const [fetchedCosts, usageOrError] = await inOrder([
    async () => (needsRequest(costPlan, end) ? fetchAllBuckets(context, costUrl, [...window(costPlan.from), ['group_by[]', 'description']], costReportSchema) : []),
    // Token counts are a nice-to-have: their failure must not hide the spend.
    async () => {
      try {
        const fetched = needsRequest(usagePlan, end)
          ? await fetchAllBuckets(context, usageUrl, [...window(usagePlan.from), ['group_by[]', 'model']], messagesUsageReportSchema)
          : [];
        const merged = mergeStream(context, usagePlan, fetched, byDay);
        return { usage: summarizeUsage(merged.buckets, context.month), kept: merged.kept };
      } catch (error) {
        if (!(error instanceof ProviderError)) throw error;
        return error;
      }
    },
  ]);
  const costStream = mergeStream(context, costPlan, fetchedCosts, byDay);
  const costBuckets = costStream.buckets;
  const costs = summarizeCostReport(costBuckets, context.month, anthropicProvider.defaultCurrency, costUrl);
  if (costs.resultsWithoutAmount > 0) notes.push(`${costs.resultsWithoutAmount} Anthropic cost item(s) had no amount and are not counted.`);

  const usageResult = usageOrError instanceof ProviderError ? undefined : usageOrError;
  const usage: ModelUsage[] | undefined = usageResult?.usage;
  if (usageOrError instanceof ProviderError) notes.push(`Token usage unavailable: ${usageOrError.message}`);
  notes.push('Anthropic has no balance API: record a known balance or top-ups to see an estimated balance.');

  return {
    month: context.month.key,
    monthToDate: costs.monthToDate ? { money: costs.monthToDate, confidence: 'official' } : undefined,
    dailySpend: costs.dailySpend,
    breakdown: costs.breakdown,
    usage,
    notes,
    fetchedAt,
    ...settledOutput({ costs: costStream.kept, usage: usageResult?.kept }),
  };
}

/** "2026-11-01T00:00:00Z": RFC 3339 without the milliseconds JavaScript adds. */
function rfc3339(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Follows `next_page` (sent back as `page`) while `has_more`, collecting every bucket. */
async function fetchAllBuckets<Bucket>(context: ProviderContext, url: string, query: [string, string][], schema: z.ZodType<Report<Bucket>>): Promise<Bucket[]> {
  const apiKey = context.credentials.apiKey ?? '';
  const buckets: Bucket[] = [];
  let page: string | undefined;
  for (let count = 0; count < MAX_PAGES; count += 1) {
    // URLSearchParams sends `group_by[]` as `group_by%5B%5D`, which servers decode to the bracket form.
    const params = new URLSearchParams(query);
    if (page !== undefined) params.set('page', page);
    const response = await context.http.json({
      url: `${url}?${params.toString()}`,
      headers: { 'x-api-key': apiKey, 'anthropic-version': API_VERSION },
      schema,
      provider: NAME,
      secrets: context.secrets,
      signal: context.signal,
      explain: explainAdminKey(apiKey),
    });
    buckets.push(...response.data.data);
    if (!response.data.has_more || !response.data.next_page) return buckets;
    page = nextCursor(NAME, page, response.data.next_page, url);
  }
  throw new ProviderError('parse', `Anthropic still had more pages after ${MAX_PAGES}; Spendbar stopped following them.`, { url });
}
