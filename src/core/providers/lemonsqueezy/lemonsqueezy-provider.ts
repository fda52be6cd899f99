/**
 * Lemon Squeezy: the current billing period's usage of the store's usage-based subscription items, as
 * the quota (the busiest item) and notes. The API exposes no fee field (orders carry subtotal, setup fee,
 * discount, tax, total and refunds; stores carry revenue), so Lemon Squeezy's charges are not shown and
 * spend comes from manual entries.
 */
import { isCurrentMonth } from '../../model/billing-month.js';
import { ProviderError } from '../../model/provider-error.js';
import type { Quota, Snapshot } from '../../model/snapshot.js';
import { MINUTE, type ProviderContext, type ProviderDefinition } from '../provider.js';
import { guarded } from '../snapshot-guard.js';
import { currentUsageSchema, subscriptionItemsSchema, type CurrentUsage } from './lemonsqueezy-schemas.js';

const NAME = 'Lemon Squeezy';
const KEYS_URL = 'https://app.lemonsqueezy.com/settings/api';
/** One page of the newest items, and at most this many usage calls per poll (300 requests/minute API limit). */
const PAGE_SIZE = 100;
const MAX_USAGE_ITEMS = 10;
const NO_FEES_NOTE =
  "Lemon Squeezy's API exposes no fee figures (orders carry subtotal, setup fee, discount, tax, total and refunds only): add what it charged you as spend entries.";

export const lemonsqueezyProvider: ProviderDefinition = {
  id: 'lemonsqueezy',
  name: NAME,
  monogram: { letters: 'LS', colour: '#7a3fb8' },
  implicitFromEnv: true,
  kind: 'api',
  credentials: [{ name: 'apiKey', env: 'LEMONSQUEEZY_API_KEY', label: 'API key', secret: true }],
  defaultBaseUrl: 'https://api.lemonsqueezy.com/v1',
  keyHelp: 'An API key from Settings → API (Lemon Squeezy keys are not scoped; a test-mode key reads test data). License keys do not work.',
  keyUrl: KEYS_URL,
  reportsSpend: false,
  defaultCurrency: 'USD',
  refresh: { defaultMs: 60 * MINUTE, minimumMs: 5 * MINUTE },
  fetchSnapshot: guarded(NAME, fetchLemonSqueezySnapshot),
};

interface ItemUsage {
  id: string;
  usage: CurrentUsage;
}

async function fetchLemonSqueezySnapshot(context: ProviderContext): Promise<Snapshot> {
  const key = context.credentials.apiKey ?? '';
  assertApiKeyKind(key);
  const common = {
    provider: NAME,
    headers: { authorization: `Bearer ${key}`, accept: 'application/vnd.api+json', 'content-type': 'application/vnd.api+json' },
    secrets: context.secrets,
    signal: context.signal,
    explain: explainStatus,
  };
  const notes = [NO_FEES_NOTE];
  if (!isCurrentMonth(context.month, context.now())) {
    notes.push('Lemon Squeezy reports usage for the current billing period only.');
    return { month: context.month.key, notes, fetchedAt: context.now().toISOString() };
  }

  const list = (await context.http.json({ ...common, url: `${context.baseUrl}/subscription-items?page[size]=${PAGE_SIZE}`, schema: subscriptionItemsSchema })).data;
  if ((list.meta?.page?.lastPage ?? 1) > 1) notes.push(`Only the newest ${PAGE_SIZE} subscription items were checked for usage-based billing.`);
  const usageBased = list.data.filter((item) => item.attributes.is_usage_based === true);
  if (usageBased.length === 0) notes.push('No usage-based subscription items.');
  if (usageBased.length > MAX_USAGE_ITEMS) notes.push(`Usage shown for ${MAX_USAGE_ITEMS} of ${usageBased.length} usage-based subscription items.`);

  const usages: ItemUsage[] = [];
  for (const item of usageBased.slice(0, MAX_USAGE_ITEMS)) {
    const url = `${context.baseUrl}/subscription-items/${encodeURIComponent(item.id)}/current-usage`;
    const answer = await context.http.json({ ...common, url, schema: currentUsageSchema }).catch((error: unknown) => {
      // One item's failure (404 when its variant stopped being usage-based) costs only that item.
      if (error instanceof ProviderError && error.kind !== 'rate-limited' && error.kind !== 'auth') return error;
      throw error;
    });
    if (answer instanceof ProviderError) {
      notes.push(`Usage of subscription item ${item.id} could not be read (${answer.kind}).`);
      continue;
    }
    usages.push({ id: item.id, usage: answer.data.meta });
    notes.push(usageNote(item.id, answer.data.meta));
  }

  return { month: context.month.key, quota: quotaOf(usages), notes, fetchedAt: context.now().toISOString() };
}

/** A license key (a UUID) is for the License API and cannot read the store. */
function assertApiKeyKind(key: string): void {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(key.trim())) return;
  throw new ProviderError('auth', `That looks like a Lemon Squeezy license key, which cannot read the store. Create an API key at ${KEYS_URL}.`);
}

function explainStatus(status: number, said: string | undefined): string | undefined {
  const quoted = said ? ` Lemon Squeezy said: "${said}".` : '';
  if (status === 401) return `Lemon Squeezy rejected the API key.${quoted} Create an API key at ${KEYS_URL} (a test-mode key reads test data only).`;
  if (status === 403) return `Lemon Squeezy refused this API key access to the store's subscriptions.${quoted} Create a new API key at ${KEYS_URL}.`;
  return undefined;
}

/** The busiest item is the quota; every item is also a note. */
function quotaOf(usages: readonly ItemUsage[]): Quota | undefined {
  const busiest = [...usages].sort((a, b) => b.usage.quantity - a.usage.quantity)[0];
  if (!busiest) return undefined;
  return {
    used: busiest.usage.quantity,
    unit: `units this billing period (subscription item ${busiest.id})`,
    resetsAt: busiest.usage.period_end ?? undefined,
  };
}

function usageNote(id: string, usage: CurrentUsage): string {
  const period = usage.period_start && usage.period_end ? ` from ${usage.period_start.slice(0, 10)} to ${usage.period_end.slice(0, 10)}` : '';
  const every = intervalText(usage.interval_unit, usage.interval_quantity);
  return `Subscription item ${id}: ${usage.quantity} unit${usage.quantity === 1 ? '' : 's'}${period}${every ? ` (${every})` : ''}.`;
}

function intervalText(unit: string | null | undefined, quantity: number | null | undefined): string | undefined {
  if (!unit) return undefined;
  const adjective: Record<string, string> = { day: 'daily', week: 'weekly', month: 'monthly', year: 'yearly' };
  if ((quantity ?? 1) === 1) return adjective[unit] ?? `every ${unit}`;
  return `every ${quantity} ${unit}s`;
}
