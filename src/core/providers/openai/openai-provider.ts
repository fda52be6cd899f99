/**
 * OpenAI: month-to-date spend, daily spend and the line-item and project breakdown from one paginated
 * `GET /organization/costs` (grouped by both), token usage by model from `/organization/usage/completions`,
 * and the hard spend limit from `/organization/spend_limit`. All need an organization Admin key. The
 * unofficial `dashboard/billing/credit_grants` balance is read only when the account opts in.
 */
import type { z } from 'zod';
import { windowEnd } from '../../model/billing-month.js';
import { Dec, money, subtract, type Money } from '../../model/money.js';
import { ProviderError } from '../../model/provider-error.js';
import type { Figure } from '../../model/snapshot.js';
import { nextCursor } from '../adapter-kit.js';
import { inOrder } from '../concurrent-calls.js';
import { MINUTE, type ProviderContext, type ProviderDefinition, type ProviderSnapshot } from '../provider.js';
import { guarded } from '../snapshot-guard.js';
import { mergeStream, needsRequest, planStream, settledOutput } from '../settled-days.js';
import { decimalOf, summarizeCosts, summarizeUsage, utcDay } from './openai-mapping.js';
import {
  completionsUsageBucketSchema,
  completionsUsagePageSchema,
  costBucketSchema,
  costsPageSchema,
  creditGrantsSchema,
  spendLimitSchema,
} from './openai-schemas.js';

const NAME = 'OpenAI';
const ADMIN_KEY_URL = 'https://platform.openai.com/settings/organization/admin-keys';
/** Cost pages hold up to 31 daily buckets, so a month is one page; this only stops a runaway cursor. */
const MAX_PAGES = 10;

export const openaiProvider: ProviderDefinition = {
  id: 'openai',
  name: NAME,
  monogram: { letters: 'AI', colour: '#0f7a5c' },
  implicitFromEnv: true,
  priceListId: 'openai',
  kind: 'api',
  credentials: [{ name: 'apiKey', env: 'OPENAI_ADMIN_KEY', label: 'Admin key', secret: true }],
  settings: [{ name: 'creditGrants', label: 'Credit balance (unofficial)', help: '"on" also reads the prepaid credit balance from an unofficial endpoint.' }],
  defaultBaseUrl: 'https://api.openai.com/v1',
  keyHelp: 'An organization Admin key (sk-admin-…) reads costs and usage; normal project keys (sk-proj-…) cannot.',
  keyUrl: ADMIN_KEY_URL,
  reportsSpend: true,
  defaultCurrency: 'USD',
  refresh: { defaultMs: 15 * MINUTE, minimumMs: 5 * MINUTE },
  fetchSnapshot: guarded(NAME, fetchOpenAiSnapshot),
};

/** A normal project key gets 401 or 403 from every organization endpoint: say which key works instead. */
function explainAdminKey(status: number, providerText: string | undefined): string | undefined {
  if (status !== 401 && status !== 403) return undefined;
  const said = providerText ? ` (OpenAI said: "${providerText}")` : '';
  return `OpenAI needs an Admin key: create one at ${ADMIN_KEY_URL}${said}. Normal project keys (sk-proj-…) cannot read organization costs.`;
}

type Page<Bucket> = { data: Bucket[]; has_more?: boolean | null; next_page?: string | null };

async function fetchOpenAiSnapshot(context: ProviderContext): Promise<ProviderSnapshot> {
  const fetchedAt = context.now().toISOString();
  const end = windowEnd(context.month, context.now());
  if (end <= context.month.start) {
    return { month: context.month.key, notes: ['This month has not started yet.'], fetchedAt };
  }
  // Settled days the engine kept are not asked again: each stream starts at its first missing day.
  const costPlan = planStream(context, 'costs', costBucketSchema);
  const usagePlan = planStream(context, 'usage', completionsUsageBucketSchema);
  const window = (from: Date): [string, string][] => [
    ['start_time', String(Math.floor(from.getTime() / 1000))],
    ['end_time', String(Math.ceil(end.getTime() / 1000))],
    ['bucket_width', '1d'],
    ['limit', '31'],
  ];
  // The calls are independent: made at once (see inOrder), each writing its own notes, joined in order.
  const costNotes: string[] = [];
  const usageNotes: string[] = [];
  const limitNotes: string[] = [];
  const balanceNotes: string[] = [];
  // One request grouped by both dimensions: the groups partition the costs, so their sum is the total.
  const costsUrl = `${context.baseUrl}/organization/costs`;
  const usageUrl = `${context.baseUrl}/organization/usage/completions`;
  const [fetchedCosts, usageResult, spendLimit, balance] = await inOrder([
    async () =>
      needsRequest(costPlan, end)
        ? fetchAllBuckets(context, costsUrl, [...window(costPlan.from), ['group_by', 'line_item'], ['group_by', 'project_id']], costsPageSchema)
        : [],
    () =>
      optional('Token usage', usageNotes, async () => {
        const fetched = needsRequest(usagePlan, end) ? await fetchAllBuckets(context, usageUrl, [...window(usagePlan.from), ['group_by', 'model']], completionsUsagePageSchema) : [];
        const merged = mergeStream(context, usagePlan, fetched, (bucket) => utcDay(bucket.start_time, 'data.start_time', usageUrl));
        return { usage: summarizeUsage(merged.buckets, context.month, usageUrl), kept: merged.kept };
      }),
    () => optional('Spend limit', limitNotes, () => fetchSpendLimit(context, limitNotes), ['config']),
    async () => (context.settings.creditGrants === 'on' ? optional('Credit balance', balanceNotes, () => fetchCreditGrants(context, balanceNotes)) : undefined),
  ]);
  const costStream = mergeStream(context, costPlan, fetchedCosts, (bucket) => utcDay(bucket.start_time, 'data.start_time', costsUrl));
  const usage = usageResult?.usage;
  const costs = summarizeCosts(costStream.buckets, context.month, openaiProvider.defaultCurrency, costsUrl);
  if (costs.resultsWithoutAmount > 0) costNotes.push(`${costs.resultsWithoutAmount} OpenAI cost line(s) had no amount and are not counted.`);
  const notes = [...costNotes, ...usageNotes, ...limitNotes, ...balanceNotes];
  if (usage) notes.push('Token usage covers chat and completions models only; costs cover everything billed.');

  return {
    month: context.month.key,
    monthToDate: costs.monthToDate ? { money: costs.monthToDate, confidence: 'official' } : undefined,
    dailySpend: costs.dailySpend,
    breakdown: costs.breakdown,
    usage,
    spendLimit,
    balance,
    balances: balance ? [balance] : undefined,
    notes,
    fetchedAt,
    ...settledOutput({ costs: costStream.kept, usage: usageResult?.kept }),
  };
}

/** Follows `next_page` while `has_more`, collecting every bucket. */
async function fetchAllBuckets<Bucket>(context: ProviderContext, url: string, query: [string, string][], schema: z.ZodType<Page<Bucket>>): Promise<Bucket[]> {
  const buckets: Bucket[] = [];
  let page: string | undefined;
  for (let count = 0; count < MAX_PAGES; count += 1) {
    const params = new URLSearchParams(query);
    if (page !== undefined) params.set('page', page);
    const response = await context.http.json({ ...request(context), url: `${url}?${params.toString()}`, schema, explain: explainAdminKey });
    const body = response.data;
    buckets.push(...body.data);
    if (!body.has_more || !body.next_page) return buckets;
    page = nextCursor(NAME, page, body.next_page, url);
  }
  throw new ProviderError('parse', `OpenAI still had more pages after ${MAX_PAGES}; Spendbar stopped following them.`, { url });
}

function request(context: ProviderContext) {
  return {
    provider: NAME,
    headers: { authorization: `Bearer ${context.credentials.apiKey ?? ''}` },
    secrets: context.secrets,
    signal: context.signal,
  };
}

async function fetchSpendLimit(context: ProviderContext, notes: string[]): Promise<Figure> {
  const response = await context.http.json({ ...request(context), url: `${context.baseUrl}/organization/spend_limit`, schema: spendLimitSchema });
  const limit = response.data;
  if (limit.interval && limit.interval !== 'month') notes.push(`The spend limit is per ${limit.interval}, not per month.`);
  if (limit.enforcement?.status && limit.enforcement.status !== 'enforcing') notes.push(`The spend limit is ${limit.enforcement.status}.`);
  // threshold_amount is integer cents, unlike the costs endpoint's dollars.
  return { money: money(new Dec(limit.threshold_amount).div(100), limit.currency ?? openaiProvider.defaultCurrency), confidence: 'official' };
}

/** The dashboard path sits beside `/v1`, not under it. */
async function fetchCreditGrants(context: ProviderContext, notes: string[]): Promise<Figure | undefined> {
  const url = `${context.baseUrl.replace(/\/v1$/, '')}/dashboard/billing/credit_grants`;
  const response = await context.http.json({ ...request(context), url, schema: creditGrantsSchema });
  const grants = response.data;
  const usd = (value: Dec): Money => money(decimalOf(value), 'USD');
  let remaining: Money | undefined;
  if (isKnown(grants.total_available)) remaining = usd(grants.total_available);
  else if (isKnown(grants.total_granted) && isKnown(grants.total_used)) remaining = subtract(usd(grants.total_granted), usd(grants.total_used));
  if (!remaining) return undefined;
  notes.push('Credit balance comes from OpenAI’s unofficial credit_grants endpoint (not part of the public API; it may break).');
  return { money: remaining, confidence: 'official' };
}

/**
 * Optional parts never cost the user the month-to-date: a failure becomes a note. Kinds in `quiet`
 * leave no note (a 404 from spend_limit just means no limit is set).
 */
async function optional<T>(what: string, notes: string[], fetch: () => Promise<T>, quiet: readonly string[] = []): Promise<T | undefined> {
  try {
    return await fetch();
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    if (!quiet.includes(error.kind)) notes.push(`${what} unavailable: ${error.message}`);
    return undefined;
  }
}

function isKnown<T>(value: T | null | undefined): value is T {
  return value !== null && value !== undefined;
}
