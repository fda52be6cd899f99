/**
 * Mistral: this month's usage and the monthly spending limit from the Admin API's spend-limit endpoint,
 * which needs an Admin API key (Enterprise plans; created in the Backoffice). The endpoint reports the
 * current month only; its usage breakdown endpoint (`/usage`) has untyped entries and is not read.
 */
import { isCurrentMonth } from '../../model/billing-month.js';
import { money } from '../../model/money.js';
import type { Figure, Snapshot } from '../../model/snapshot.js';
import { MINUTE, type ProviderContext, type ProviderDefinition } from '../provider.js';
import { guarded } from '../snapshot-guard.js';
import { limitsSchema, type Limits } from './mistral-schemas.js';

const NAME = 'Mistral';
const KEY_URL = 'https://backoffice.mistral.ai';
const NEEDS_ADMIN_KEY =
  'Mistral billing needs an Admin API key (Enterprise plans), not a standard API key: create one in the Backoffice (https://backoffice.mistral.ai → API keys) and set MISTRAL_API_KEY to it.';

export const mistralProvider: ProviderDefinition = {
  id: 'mistral',
  name: NAME,
  monogram: { letters: 'Mi', colour: '#b85a00' },
  implicitFromEnv: true,
  priceListId: 'mistral',
  kind: 'api',
  credentials: [{ name: 'apiKey', env: 'MISTRAL_API_KEY', label: 'Admin API key', secret: true }],
  defaultBaseUrl: 'https://api.mistral.ai',
  keyHelp: 'An Admin API key (Enterprise plans), created in the Mistral Backoffice under API keys; standard API keys are refused.',
  keyUrl: KEY_URL,
  reportsSpend: true,
  defaultCurrency: 'EUR',
  refresh: { defaultMs: 15 * MINUTE, minimumMs: 2 * MINUTE },
  fetchSnapshot: guarded(NAME, fetchMistralSnapshot),
};

/**
 * The current docs and OpenAPI put the Admin API under `https://api.mistral.ai/v1/admin`; older docs
 * used `https://console.mistral.ai/api/admin`. A base URL that already ends in an admin prefix is
 * used as given, so either host can be set as the override.
 */
export function adminBaseUrl(baseUrl: string): string {
  return /\/(v1|api)\/admin$/.test(baseUrl) ? baseUrl : `${baseUrl}/v1/admin`;
}

async function fetchMistralSnapshot(context: ProviderContext): Promise<Snapshot> {
  const apiKey = context.credentials.apiKey ?? '';
  const url = `${adminBaseUrl(context.baseUrl)}/spend-limit`;
  const response = await context.http.json({
    provider: NAME,
    url,
    // The docs say `x-api-key`; the OpenAPI declares a Bearer scheme. Both carry the same key.
    headers: { 'x-api-key': apiKey, authorization: `Bearer ${apiKey}` },
    schema: limitsSchema,
    secrets: context.secrets,
    signal: context.signal,
    explain: (status) => {
      if (status === 401 || status === 403) return NEEDS_ADMIN_KEY;
      if (status === 404) return `Mistral has no Admin API at ${url}. Check the base URL: https://api.mistral.ai, or one ending in /v1/admin or /api/admin.`;
      return undefined;
    },
  });
  const { limits } = response.data;
  const notes: string[] = [];
  const monthToDate = usageThisMonth(limits, context, notes);
  const completion = limits.completion;
  let spendLimit: Figure | undefined;
  if (completion?.no_monthly_limit === true) notes.push('No monthly spending limit is set.');
  else if (completion?.usage_limit != null) spendLimit = { money: money(completion.usage_limit, limits.currency), confidence: 'official' };
  if (completion?.monthly_limit_reached === true) {
    notes.push('Monthly spending limit reached: Mistral may suspend API access until next month or until an admin raises the limit.');
  }
  if (limits.last_payment_failure === true) notes.push('Mistral says the last payment attempt failed.');
  return { month: context.month.key, monthToDate, spendLimit, notes, fetchedAt: context.now().toISOString() };
}

/** Usage counted against this month's limit; prefers the total (API and Vibe) over API usage alone. */
function usageThisMonth(limits: Limits['limits'], context: ProviderContext, notes: string[]): Figure | undefined {
  if (!isCurrentMonth(context.month, context.now())) {
    notes.push('Mistral reports usage for the current month only.');
    return undefined;
  }
  const completion = limits.completion;
  if (completion?.total_usage != null) return { money: money(completion.total_usage, limits.currency), confidence: 'official' };
  if (completion?.usage != null) {
    notes.push('Mistral reported API usage only; Vibe usage may not be included.');
    return { money: money(completion.usage, limits.currency), confidence: 'official' };
  }
  return undefined;
}
