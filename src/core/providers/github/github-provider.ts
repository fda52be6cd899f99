/**
 * GitHub: month-to-date spend of an organization or a personal account from the enhanced billing
 * platform's usage report (Actions, Packages, Copilot, …: `netAmount` in USD dollars per line), split by
 * day and product; Copilot premium requests by model from the premium-request report where readable.
 */
import { money, sum, type Money } from '../../model/money.js';
import { ProviderError } from '../../model/provider-error.js';
import type { BreakdownItem, DailySpend, ModelUsage, Snapshot } from '../../model/snapshot.js';
import { HOUR, MINUTE, type ProviderContext, type ProviderDefinition } from '../provider.js';
import { guarded } from '../snapshot-guard.js';
import { inOrder } from '../concurrent-calls.js';
import { premiumRequestReportSchema, usageReportSchema, type UsageItem } from './github-schemas.js';

const NAME = 'GitHub';
const TOKENS_URL = 'https://github.com/settings/tokens';
/** GitHub keeps premium-request reports for the past 24 months only. */
const PREMIUM_REPORT_MONTHS = 24;

export const githubProvider: ProviderDefinition = {
  id: 'github',
  name: NAME,
  monogram: { letters: 'GH', colour: '#3d444d' },
  implicitFromEnv: true,
  kind: 'api',
  credentials: [
    { name: 'token', env: 'GITHUB_TOKEN', label: 'Token', secret: true },
    // Exactly one of these is needed; which one is checked at poll time, since either alone is valid.
    { name: 'org', env: 'GITHUB_ORG', label: 'Organization', secret: false, optional: true },
    { name: 'user', env: 'GITHUB_USER', label: 'User name', secret: false, optional: true },
  ],
  defaultBaseUrl: 'https://api.github.com',
  keyHelp:
    'A fine-grained token with organization "Administration: read" for an organization (an owner must create it), or with the personal account\'s "Plan: read" for a user. Set the organization or user name too.',
  keyUrl: TOKENS_URL,
  reportsSpend: true,
  defaultCurrency: 'USD',
  // GitHub refreshes the usage report a few times a day; polling more often only spends rate limit.
  refresh: { defaultMs: 60 * MINUTE, minimumMs: 10 * MINUTE },
  documentedLimit: {
    count: 5000,
    windowMs: HOUR,
    unit: 'requests',
    source: 'docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api: 5,000 requests per hour per authenticated user',
  },
  fetchSnapshot: guarded(NAME, fetchGitHubSnapshot),
};

interface BillingAccount {
  readonly kind: 'organization' | 'user';
  readonly name: string;
  /** Path prefix of the account's billing settings. */
  readonly path: string;
}

/** The org or user whose bill to read: exactly one must be set. */
function billingAccountOf(context: ProviderContext): BillingAccount {
  const org = context.credentials.org?.trim() || undefined;
  const user = context.credentials.user?.trim() || undefined;
  if (org && user) {
    throw new ProviderError(
      'config',
      `GitHub needs either an organization or a user, not both (org "${org}", user "${user}"): unset GITHUB_ORG or GITHUB_USER, or the account's org or user setting.`,
    );
  }
  if (org) return { kind: 'organization', name: org, path: `/organizations/${encodeURIComponent(org)}` };
  if (user) return { kind: 'user', name: user, path: `/users/${encodeURIComponent(user)}` };
  throw new ProviderError(
    'config',
    'GitHub needs to know whose bill to read: set GITHUB_ORG to an organization or GITHUB_USER to a personal account (or `spendbar accounts add github --set org=NAME`).',
  );
}

async function fetchGitHubSnapshot(context: ProviderContext): Promise<Snapshot> {
  const account = billingAccountOf(context);
  const { year, month } = context.month;
  const headers = {
    authorization: `Bearer ${context.credentials.token ?? ''}`,
    accept: 'application/vnd.github+json',
    'x-github-api-version': '2022-11-28',
  };
  const query = `year=${year}&month=${month}`;
  const common = { provider: NAME, headers, secrets: context.secrets, signal: context.signal };

  let rateLimited = false;
  const explain = (status: number, said: string | undefined): string | undefined => {
    // GitHub reports exhausted rate limits as 403 as well as 429.
    if (status === 403 && said && /rate limit/i.test(said)) rateLimited = true;
    return explainStatus(status, said, account);
  };
  // The usage report and the premium requests at once; the report's failure decides the error.
  const [report, premium] = await inOrder([
    () =>
      context.http
        .json({ ...common, url: `${context.baseUrl}${account.path}/settings/billing/usage?${query}`, schema: usageReportSchema, explain })
        .catch((error: unknown) => {
          if (!rateLimited || !(error instanceof ProviderError)) throw error;
          throw new ProviderError('rate-limited', error.message, { url: error.url, status: error.status, retryAfterMs: error.retryAfterMs });
        }),
    async (): Promise<PremiumResult> => (withinPremiumWindow(context) ? fetchPremiumRequests(context, account, common, query) : {}),
  ]);

  const notes: string[] = [];
  const items = report.data.usageItems.filter((item) => !item.date || item.date.startsWith(context.month.key));
  const outside = report.data.usageItems.length - items.length;
  if (outside > 0) notes.push(`Ignored ${outside} usage line${outside === 1 ? '' : 's'} dated outside ${context.month.key}.`);

  if (premium.note) notes.push(premium.note);
  return {
    month: context.month.key,
    monthToDate: { money: sum(items.map(netOf), 'USD'), confidence: 'official' },
    dailySpend: dailySpendOf(items),
    breakdown: productBreakdownOf(items),
    usage: premium.usage,
    notes,
    fetchedAt: context.now().toISOString(),
  };
}

function explainStatus(status: number, said: string | undefined, account: BillingAccount): string | undefined {
  const quoted = said ? ` GitHub said: "${said}".` : '';
  const whose = `the ${account.kind} "${account.name}"`;
  const create =
    account.kind === 'organization'
      ? `create a fine-grained token with organization "Administration: read" (or a classic token with the admin:org scope) at ${TOKENS_URL}; the token must belong to an organization owner`
      : `create a fine-grained token with the account's "Plan: read" permission (or a classic token with the user scope) at ${TOKENS_URL}`;
  if (status === 401) return `GitHub rejected the token.${quoted} Check it, or ${create}.`;
  if (status === 403 && said && /rate limit/i.test(said)) return `GitHub is rate-limiting this token.${quoted} Spendbar will wait before asking again.`;
  if (status === 403) return `GitHub refused to show the bill of ${whose} with this token.${quoted} To let Spendbar read it, ${create}.`;
  if (status === 404 || status === 400) {
    return `GitHub has no billing usage report for ${whose} (HTTP ${status}).${quoted} Check the ${account.kind === 'organization' ? 'organization (GITHUB_ORG)' : 'user name (GITHUB_USER)'}; the report exists only on GitHub's enhanced billing platform.`;
  }
  return undefined;
}

function netOf(item: UsageItem): Money {
  return money(item.netAmount, 'USD');
}

/** Usage lines carry a calendar date (some API versions add a time); they are grouped by day. */
function dailySpendOf(items: readonly UsageItem[]): DailySpend[] {
  const byDay = new Map<string, Money[]>();
  for (const item of items) {
    const day = /^\d{4}-\d{2}-\d{2}/.exec(item.date ?? '')?.[0];
    if (!day) continue;
    byDay.set(day, [...(byDay.get(day) ?? []), netOf(item)]);
  }
  return [...byDay.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, amounts]) => ({ date, money: sum(amounts, 'USD') }));
}

function productBreakdownOf(items: readonly UsageItem[]): BreakdownItem[] {
  const byProduct = new Map<string, Money[]>();
  for (const item of items) {
    const label = item.product?.trim() || 'Other';
    byProduct.set(label, [...(byProduct.get(label) ?? []), netOf(item)]);
  }
  return [...byProduct.entries()]
    .map(([label, amounts]) => ({ dimension: 'product' as const, label, money: sum(amounts, 'USD') }))
    .sort((a, b) => b.money.amount.comparedTo(a.money.amount) || a.label.localeCompare(b.label));
}

function withinPremiumWindow(context: ProviderContext): boolean {
  const now = context.now();
  const monthsAgo = (now.getUTCFullYear() - context.month.year) * 12 + (now.getUTCMonth() + 1 - context.month.month);
  return monthsAgo < PREMIUM_REPORT_MONTHS;
}

interface PremiumResult {
  usage?: ModelUsage[];
  note?: string;
}

/**
 * Copilot premium requests by model. Its dollars are already lines of the usage report, so only the
 * request counts are taken. The report is optional: plans without premium requests answer 403 or 404,
 * and any other failure only costs the detail, never the month's spend.
 */
async function fetchPremiumRequests(
  context: ProviderContext,
  account: BillingAccount,
  common: { provider: string; headers: Record<string, string>; secrets: readonly string[]; signal?: AbortSignal },
  query: string,
): Promise<PremiumResult> {
  const report = await context.http
    .json({ ...common, url: `${context.baseUrl}${account.path}/settings/billing/premium_request/usage?${query}`, schema: premiumRequestReportSchema })
    .catch((error: unknown) => {
      if (!(error instanceof ProviderError)) throw error;
      return error;
    });
  if (report instanceof ProviderError) {
    if (report.kind === 'permission' || report.kind === 'config') return {};
    return { note: `Copilot premium requests by model could not be read this time (${report.kind}).` };
  }
  const byModel = new Map<string, number>();
  for (const item of report.data.usageItems) {
    if (item.grossQuantity === null || item.grossQuantity === undefined) continue;
    const model = item.model?.trim() || item.product?.trim() || 'Other';
    byModel.set(model, (byModel.get(model) ?? 0) + Number(item.grossQuantity));
  }
  if (byModel.size === 0) return {};
  const usage = [...byModel.entries()].sort(([, a], [, b]) => b - a).map(([model, requests]) => ({ model, requests }));
  const total = usage.reduce((count, entry) => count + entry.requests, 0);
  const detail = usage.map((entry) => `${entry.model} ${entry.requests}`).join(', ');
  return { usage, note: `Copilot premium requests this month: ${total} (${detail}).` };
}
