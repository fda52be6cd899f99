/**
 * OpenRouter: remaining credit is total_credits - total_usage from `/credits` (management keys only);
 * the key's own month-to-date usage and its spending cap come from `/key`, which any key may read.
 */
import { isCurrentMonth } from '../../model/billing-month.js';
import { money, subtract } from '../../model/money.js';
import { ProviderError } from '../../model/provider-error.js';
import type { Figure, Snapshot } from '../../model/snapshot.js';
import { MINUTE, type ProviderContext, type ProviderDefinition } from '../provider.js';
import { guarded } from '../snapshot-guard.js';
import { inOrder } from '../concurrent-calls.js';
import { creditsResponseSchema, keyResponseSchema, type KeyResponse } from './openrouter-schemas.js';

const NAME = 'OpenRouter';

export const openrouterProvider: ProviderDefinition = {
  id: 'openrouter',
  name: NAME,
  monogram: { letters: 'OR', colour: '#4a4fb5' },
  implicitFromEnv: true,
  priceListId: 'openrouter',
  kind: 'api',
  credentials: [{ name: 'apiKey', env: 'OPENROUTER_API_KEY', label: 'API key', secret: true }],
  defaultBaseUrl: 'https://openrouter.ai/api/v1',
  keyHelp: 'A management key shows the account balance; any API key shows its own usage and limit.',
  keyUrl: 'https://openrouter.ai/settings/management-keys',
  reportsSpend: true,
  defaultCurrency: 'USD',
  refresh: { defaultMs: 15 * MINUTE, minimumMs: 1 * MINUTE },
  fetchSnapshot: guarded(NAME, fetchOpenRouterSnapshot),
};

async function fetchOpenRouterSnapshot(context: ProviderContext): Promise<Snapshot> {
  const headers = { authorization: `Bearer ${context.credentials.apiKey ?? ''}` };
  const common = { provider: NAME, headers, secrets: context.secrets, signal: context.signal };
  // Both at once; the key call's failure decides the error (see inOrder). A key that may not read the
  // account's credits (403) still shows its own usage.
  const [keyInfo, credits] = await inOrder([
    () => context.http.json({ ...common, url: `${context.baseUrl}/key`, schema: keyResponseSchema }),
    () =>
      context.http.json({ ...common, url: `${context.baseUrl}/credits`, schema: creditsResponseSchema }).catch((error: unknown) => {
        if (!(error instanceof ProviderError) || error.kind !== 'permission') throw error;
        return undefined;
      }),
  ]);
  const key = keyInfo.data.data;
  const notes: string[] = [];

  let balance: Figure | undefined;
  if (credits) {
    const totalCredits = money(credits.data.data.total_credits, 'USD');
    const totalUsage = money(credits.data.data.total_usage, 'USD');
    // A normal key has been seen to get 200 with both zero instead of 403: zero is not a balance then.
    const untrustworthyZero = totalCredits.amount.isZero() && totalUsage.amount.isZero() && key.is_management_key !== true;
    if (untrustworthyZero) notes.push('Account balance needs a management key.');
    else balance = { money: subtract(totalCredits, totalUsage), confidence: 'official' };
  } else {
    notes.push('Account balance needs a management key; showing this key’s usage only.');
  }

  const monthToDate = keyMonthToDate(key, context);
  // A key nobody named is labelled with its own first and last characters ("sk-or-v1-0e6...1c96"): that
  // part of the key never goes into a note; a name the user gave the key does.
  const label = key.label && !/^sk-/i.test(key.label) ? key.label : undefined;
  if (monthToDate) notes.push(`Month-to-date is this key’s usage${label ? ` (${label})` : ''}.`);
  const limit = key.limit === null || key.limit === undefined ? undefined : money(key.limit, 'USD');
  return {
    month: context.month.key,
    monthToDate,
    balance,
    balances: balance ? [balance] : undefined,
    spendLimit: limit ? { money: limit, confidence: 'official' } : undefined,
    notes,
    fetchedAt: context.now().toISOString(),
  };
}

/** `usage_monthly` covers the current UTC month only, so past months are unknown rather than wrong. */
function keyMonthToDate(key: KeyResponse['data'], context: ProviderContext): Figure | undefined {
  if (!isCurrentMonth(context.month, context.now())) return undefined;
  if (key.usage_monthly === null || key.usage_monthly === undefined) return undefined;
  return { money: money(key.usage_monthly, 'USD'), confidence: 'official' };
}
