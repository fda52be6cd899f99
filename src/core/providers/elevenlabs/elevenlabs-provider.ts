/**
 * ElevenLabs: the subscription's character (credit) quota for the current period, its reset time, the
 * plan, and the next invoice as a note. ElevenLabs publishes no spend figure, so none is invented:
 * month-to-date comes from manual entries.
 */
import { formatAmount, normalizeCurrency } from '../../model/money.js';
import type { Quota, Snapshot } from '../../model/snapshot.js';
import { fromCents } from '../adapter-kit.js';
import { MINUTE, type ProviderContext, type ProviderDefinition } from '../provider.js';
import { guarded } from '../snapshot-guard.js';
import { subscriptionSchema, type Subscription } from './elevenlabs-schemas.js';

const NAME = 'ElevenLabs';
const KEY_URL = 'https://elevenlabs.io/app/settings/api-keys';

export const elevenlabsProvider: ProviderDefinition = {
  id: 'elevenlabs',
  name: NAME,
  monogram: { letters: '11', colour: '#45454a' },
  implicitFromEnv: true,
  kind: 'api',
  credentials: [{ name: 'apiKey', env: 'ELEVENLABS_API_KEY', label: 'API key', secret: true }],
  defaultBaseUrl: 'https://api.elevenlabs.io',
  keyHelp: 'An ElevenLabs API key; a restricted key needs the User → Read permission (user_read).',
  keyUrl: KEY_URL,
  reportsSpend: false,
  defaultCurrency: 'USD',
  refresh: { defaultMs: 15 * MINUTE, minimumMs: 1 * MINUTE },
  fetchSnapshot: guarded(NAME, fetchElevenLabsSnapshot),
};

async function fetchElevenLabsSnapshot(context: ProviderContext): Promise<Snapshot> {
  const response = await context.http.json({
    provider: NAME,
    url: `${context.baseUrl}/v1/user/subscription`,
    headers: { 'xi-api-key': context.credentials.apiKey ?? '' },
    schema: subscriptionSchema,
    secrets: context.secrets,
    signal: context.signal,
    // A restricted key without user_read also gets 401 (detail.status "missing_permissions").
    explain: (status) =>
      status === 401 || status === 403
        ? `ElevenLabs refused the key: it is invalid, or it is a restricted key without the User → Read permission (user_read). Create or edit the key at ${KEY_URL}.`
        : undefined,
  });
  const subscription = response.data;
  return {
    month: context.month.key,
    quota: quotaOf(subscription),
    notes: subscriptionNotes(subscription),
    fetchedAt: context.now().toISOString(),
  };
}

function quotaOf(subscription: Subscription): Quota {
  const reset = subscription.next_character_count_reset_unix;
  return {
    used: subscription.character_count,
    limit: subscription.character_limit,
    unit: 'characters',
    resetsAt: reset != null && reset > 0 ? new Date(reset * 1000).toISOString() : undefined,
  };
}

function subscriptionNotes(subscription: Subscription): string[] {
  const notes: string[] = [];
  if (subscription.tier) notes.push(`Plan: ${subscription.tier}${subscription.status ? ` (${subscription.status})` : ''}.`);
  const currency = currencyOf(subscription.next_invoice?.currency) ?? currencyOf(subscription.currency);
  const next = subscription.next_invoice;
  if (next?.amount_due_cents != null && currency) {
    const when = next.next_payment_attempt_unix != null && next.next_payment_attempt_unix > 0 ? ` on ${new Date(next.next_payment_attempt_unix * 1000).toISOString().slice(0, 10)}` : '';
    notes.push(`Next invoice: ${formatAmount(fromCents(next.amount_due_cents))} ${currency}${when}.`);
  }
  const overage = subscription.current_overage;
  const overageCurrency = currencyOf(overage?.currency) ?? currency;
  if (overage && !overage.amount.isZero() && overageCurrency) {
    notes.push(`Usage-based overage so far: ${formatAmount(overage.amount)} ${overageCurrency}.`);
  }
  const openInvoices = subscription.open_invoices?.length ?? 0;
  if (openInvoices > 0 || subscription.has_open_invoices === true) {
    notes.push(openInvoices > 1 ? `${openInvoices} unpaid invoices are open.` : 'An unpaid invoice is open.');
  }
  if (subscription.character_count >= subscription.character_limit && subscription.character_limit > 0) {
    const extension = subscription.max_credit_limit_extension;
    notes.push(extension === 'unlimited' || (typeof extension === 'number' && extension > 0) ? 'Quota used up: further use is billed as overage.' : 'Quota used up until it resets.');
  }
  return notes;
}

/** ElevenLabs sends lower-case codes ("usd"); an unknown one leaves the amount out rather than guessing. */
function currencyOf(code: string | null | undefined): string | undefined {
  if (!code) return undefined;
  try {
    return normalizeCurrency(code);
  } catch {
    return undefined;
  }
}
