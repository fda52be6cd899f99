/**
 * AWS Cost Explorer: month-to-date unblended cost by day and service from `GetCostAndUsage`, and AWS's
 * month-end forecast from `GetCostForecast`. Every Cost Explorer request costs US$0.01, so a refresh makes
 * at most two, the SDK never retries, and days older than two days are taken from the last good snapshot
 * instead of being fetched again. Credentials come from the AWS SDK's own chain (profile, SSO, keys).
 */
import type * as CostExplorerModule from '@aws-sdk/client-cost-explorer';
import type { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import type { z } from 'zod';
import { isCurrentMonth } from '../../model/billing-month.js';
import { Dec, money } from '../../model/money.js';
import { ProviderError } from '../../model/provider-error.js';
import type { DailySpend, Figure, Snapshot } from '../../model/snapshot.js';
import { MINUTE, type ProviderContext, type ProviderDefinition } from '../provider.js';
import { guarded } from '../snapshot-guard.js';
import { AWS_NAME, awsError, isDataUnavailable } from './aws-errors.js';
import { createAwsHttpHandler } from './aws-http-handler.js';
import { costFigures, planFetch, utcDay, type FetchPlan } from './aws-mapping.js';
import { costAndUsageSchema, costForecastSchema, type CostAndUsage } from './aws-schemas.js';

const HOUR = 60 * MINUTE;
/** Cost Explorer's only endpoint is in us-east-1, whatever region the account uses. */
const REGION = 'us-east-1';
/** One refresh never makes more paid requests than this. */
export const MAX_REQUESTS_PER_REFRESH = 2;

export interface AwsProviderOptions {
  /** Deadline of one request, body included (tests use a short one). */
  timeoutMs?: number;
}

/** The AWS provider; `createAwsProvider` exists so tests can shorten the request deadline. */
export function createAwsProvider(options: AwsProviderOptions = {}): ProviderDefinition {
  return {
    id: 'aws',
    name: 'AWS',
    monogram: { letters: 'AWS', colour: '#8a5300' },
    implicitFromEnv: false,
    priceListId: 'aws',
    kind: 'api',
    // Nothing is required: the SDK's chain finds the credentials. A named profile is optional.
    credentials: [{ name: 'profile', env: 'AWS_PROFILE', label: 'AWS profile', secret: false, optional: true }],
    keyHelp:
      'Uses your AWS CLI setup (a profile, SSO or access keys). The identity needs ce:GetCostAndUsage and ce:GetCostForecast. Add the account with `spendbar accounts add aws --set profile=NAME`.',
    keyUrl: 'https://docs.aws.amazon.com/cost-management/latest/userguide/billing-example-policies.html',
    reportsSpend: true,
    defaultCurrency: 'USD',
    refresh: { defaultMs: 12 * HOUR, minimumMs: 1 * HOUR },
    costPerRefresh: { amount: '0.02', currency: 'USD' },
    fetchSnapshot: guarded(AWS_NAME, (context) => fetchAwsSnapshot(context, options.timeoutMs ?? 30_000)),
  };
}

export const awsProvider = createAwsProvider();

/** The SDK, loaded on first use: it is large, and most runs of the CLI never talk to AWS. */
type CostExplorerSdk = typeof CostExplorerModule;

async function fetchAwsSnapshot(context: ProviderContext, timeoutMs: number): Promise<Snapshot> {
  const sdk: CostExplorerSdk = await import('@aws-sdk/client-cost-explorer');
  const profile = context.credentials.profile ?? context.settings.profile;
  const client = new sdk.CostExplorerClient({
    region: REGION,
    maxAttempts: 1,
    ...(profile ? { profile } : {}),
    // AWS_ENDPOINT_URL_COST_EXPLORER is read by the SDK itself; an account or SPENDBAR_AWS_BASE_URL wins.
    ...(context.baseUrl ? { endpoint: context.baseUrl } : {}),
    requestHandler: createAwsHttpHandler({ timeoutMs }),
  });
  const url = context.baseUrl || `https://ce.${REGION}.amazonaws.com/`;
  let requests = 0;
  const call: Call = async (request, options = {}) => {
    // A guard, not a path: the plan below never asks for more, and every request is billed.
    if (requests >= MAX_REQUESTS_PER_REFRESH) throw new Error('Spendbar would exceed its Cost Explorer request budget.');
    requests += 1;
    try {
      return await request(client, { abortSignal: context.signal });
    } catch (error) {
      if (options.unavailableMeansNone && isDataUnavailable(error)) return undefined;
      throw awsError(error, { profile, url, secrets: [...context.secrets, ...(await resolvedSecrets(client, error))] });
    }
  };

  try {
    const now = context.now();
    const plan = planFetch(context.month, now, context.previous);
    const pages = plan.start < plan.end ? await fetchCosts(sdk, plan, call, url) : [];
    const figures = costFigures(plan, pages, context.month, 'USD');
    const notes: string[] = [];
    if (figures.hasRecent && figures.breakdown.length > 1) {
      notes.push(`By service up to ${plan.settledBefore}; later days are one line until AWS settles them.`);
    }
    let forecast: Figure | undefined;
    if (isCurrentMonth(context.month, now)) {
      if (requests < MAX_REQUESTS_PER_REFRESH) forecast = await fetchForecast(sdk, context.month.end, now, figures.dailySpend, call, url, notes);
      else notes.push('No forecast this time: the costs took two pages, and a refresh stops at two paid requests.');
    }
    return {
      month: context.month.key,
      monthToDate: { money: figures.monthToDate, confidence: 'official' },
      dailySpend: figures.dailySpend,
      breakdown: figures.breakdown,
      forecast,
      notes,
      fetchedAt: now.toISOString(),
    };
  } finally {
    client.destroy();
  }
}

/**
 * Sends one billed request. With `unavailableMeansNone`, Cost Explorer's DataUnavailableException (too
 * little history for a forecast) yields `undefined` instead of an error.
 */
type Call = <T>(
  request: (client: CostExplorerClient, options: { abortSignal?: AbortSignal }) => Promise<T>,
  options?: { unavailableMeansNone?: boolean },
) => Promise<T | undefined>;

/** Daily unblended cost by service for the plan's days; a second page uses the forecast's request. */
async function fetchCosts(sdk: CostExplorerSdk, plan: FetchPlan, call: Call, url: string): Promise<CostAndUsage[]> {
  const pages: CostAndUsage[] = [];
  let nextPageToken: string | undefined;
  do {
    const command = new sdk.GetCostAndUsageCommand({
      TimePeriod: { Start: plan.start, End: plan.end },
      Granularity: 'DAILY',
      Metrics: ['UnblendedCost'],
      GroupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }],
      NextPageToken: nextPageToken,
    });
    const page = parse(costAndUsageSchema, await call((client, options) => client.send(command, options)), url);
    pages.push(page);
    nextPageToken = page.NextPageToken ?? undefined;
    if (nextPageToken && pages.length >= MAX_REQUESTS_PER_REFRESH) {
      throw new ProviderError(
        'config',
        `${AWS_NAME} split ${plan.start} to ${plan.end} into more than ${MAX_REQUESTS_PER_REFRESH} pages; Spendbar stops at ${MAX_REQUESTS_PER_REFRESH} paid requests per refresh, so it cannot show this account's month.`,
        { url },
      );
    }
  } while (nextPageToken);
  return pages;
}

/** AWS's forecast covers today to the month's end; the days before today are actual spend. */
async function fetchForecast(sdk: CostExplorerSdk, monthEnd: Date, now: Date, days: readonly DailySpend[], call: Call, url: string, notes: string[]): Promise<Figure | undefined> {
  const today = utcDay(now);
  const command = new sdk.GetCostForecastCommand({
    TimePeriod: { Start: today, End: utcDay(monthEnd) },
    Metric: 'UNBLENDED_COST',
    Granularity: 'MONTHLY',
  });
  const answer = await call((client, options) => client.send(command, options), { unavailableMeansNone: true });
  if (answer === undefined) {
    notes.push('AWS has no forecast for this account yet (it needs more cost history).');
    return undefined;
  }
  const forecast = parse(costForecastSchema, answer, url);
  const currency = forecast.Total.Unit ?? 'USD';
  const actual = days.filter((day) => day.date < today && day.money.currency === currency).reduce((total, day) => total.plus(day.money.amount), new Dec(0));
  return { money: money(actual.plus(forecast.Total.Amount.toDecimalPlaces(10)), currency), confidence: 'official' };
}

function parse<T>(schema: z.ZodType<T>, value: unknown, url: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : '(body)';
  throw new ProviderError('parse', `${AWS_NAME} answered in an unexpected shape: field "${field}" ${issue?.message ?? 'is invalid'}.`, { url });
}

/** The resolved secret key and session token, to scrub from AWS's text (AWS does not echo them; still). */
async function resolvedSecrets(client: CostExplorerClient, error: unknown): Promise<string[]> {
  if (!(error as { $metadata?: unknown })?.$metadata) return [];
  try {
    const credentials = await client.config.credentials();
    return [credentials.secretAccessKey, credentials.sessionToken ?? ''].filter((value) => value.length > 0);
  } catch {
    return [];
  }
}
