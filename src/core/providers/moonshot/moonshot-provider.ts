/**
 * Moonshot (Kimi): the available balance from `GET /users/me/balance`, readable with a normal API key.
 * The account's region decides host and currency: `global` (api.moonshot.ai, USD) or `cn`
 * (api.moonshot.cn, CNY). Moonshot has no spend endpoint.
 */
import { formatAmount, money } from '../../model/money.js';
import { ProviderError } from '../../model/provider-error.js';
import type { Snapshot } from '../../model/snapshot.js';
import { errorInBody } from '../adapter-kit.js';
import { MINUTE, type ProviderContext, type ProviderDefinition } from '../provider.js';
import { guarded } from '../snapshot-guard.js';
import { balanceResponseSchema, type BalanceResponse } from './moonshot-schemas.js';

const NAME = 'Moonshot';
const GLOBAL_BASE_URL = 'https://api.moonshot.ai/v1';
const CN_BASE_URL = 'https://api.moonshot.cn/v1';

export const moonshotProvider: ProviderDefinition = {
  id: 'moonshot',
  name: NAME,
  monogram: { letters: 'M', colour: '#35356a' },
  implicitFromEnv: true,
  priceListId: 'moonshotai',
  kind: 'api',
  credentials: [
    { name: 'apiKey', env: 'MOONSHOT_API_KEY', label: 'API key', secret: true },
    // The region is a setting; for the implicit `env` account (which has no settings) it may come from here.
    { name: 'region', env: 'MOONSHOT_REGION', label: 'Region (global or cn)', secret: false, optional: true, routesKey: true },
  ],
  defaultBaseUrl: GLOBAL_BASE_URL,
  keyHelp: 'Any Moonshot API key reads the balance (platform.moonshot.ai, or platform.moonshot.cn for region cn).',
  keyUrl: 'https://platform.moonshot.ai/console/api-keys',
  reportsSpend: false,
  defaultCurrency: 'USD',
  refresh: { defaultMs: 15 * MINUTE, minimumMs: 1 * MINUTE },
  fetchSnapshot: guarded(NAME, fetchMoonshotSnapshot),
};

interface Region {
  readonly baseUrl: string;
  readonly currency: 'USD' | 'CNY';
  readonly console: string;
}

/** The setting wins, then MOONSHOT_REGION, then a base URL on moonshot.cn, then global. */
function regionOf(context: ProviderContext): Region {
  const chosen = (context.settings.region ?? context.credentials.region ?? '').trim().toLowerCase();
  if (chosen !== '' && chosen !== 'global' && chosen !== 'cn') {
    throw new ProviderError('config', `Moonshot region "${chosen}" is unknown: use region=global (api.moonshot.ai, USD) or region=cn (api.moonshot.cn, CNY).`);
  }
  const overridden = context.baseUrl !== GLOBAL_BASE_URL;
  const china = chosen === 'cn' || (chosen === '' && overridden && /(^|\.)moonshot\.cn$/.test(hostOf(context.baseUrl)));
  const baseUrl = overridden ? context.baseUrl : china ? CN_BASE_URL : GLOBAL_BASE_URL;
  return china
    ? { baseUrl, currency: 'CNY', console: 'https://platform.moonshot.cn/console' }
    : { baseUrl, currency: 'USD', console: 'https://platform.moonshot.ai/console' };
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

async function fetchMoonshotSnapshot(context: ProviderContext): Promise<Snapshot> {
  const region = regionOf(context);
  const url = `${region.baseUrl}/users/me/balance`;
  const response = await context.http.json({
    provider: NAME,
    url,
    headers: { authorization: `Bearer ${context.credentials.apiKey ?? ''}` },
    schema: balanceResponseSchema,
    secrets: context.secrets,
    signal: context.signal,
    explain: (status, said) => {
      const quoted = said ? ` ("${said}")` : '';
      if (status === 401) return `Moonshot rejected the API key${quoted}. Create one at ${region.console}/api-keys, and check the region (global or cn) matches where the key was made.`;
      if (status === 403) return `Moonshot refused access${quoted}: it does so when the balance is used up or the account is restricted. Check ${region.console}.`;
      return undefined;
    },
  });
  const body = response.data;
  if (String(body.code) !== '0' || body.status === false) {
    throw errorInBody(NAME, body.code, body.message ?? undefined, url, context.secrets);
  }
  if (!body.data) throw new ProviderError('parse', 'Moonshot answered in an unexpected shape: field "data" is missing.', { url });
  return {
    month: context.month.key,
    balance: { money: money(body.data.available_balance, region.currency), confidence: 'official' },
    balances: [{ money: money(body.data.available_balance, region.currency), confidence: 'official' }],
    notes: balanceNotes(body.data, region.currency),
    fetchedAt: context.now().toISOString(),
  };
}

function balanceNotes(data: NonNullable<BalanceResponse['data']>, currency: string): string[] {
  const notes: string[] = [];
  const parts = [
    data.cash_balance ? `cash ${formatAmount(data.cash_balance)}` : undefined,
    data.voucher_balance ? `vouchers ${formatAmount(data.voucher_balance)}` : undefined,
  ].filter((part): part is string => part !== undefined);
  if (parts.length > 0) notes.push(`Available balance = ${parts.join(' + ')} ${currency}.`);
  if (data.cash_balance?.isNegative()) notes.push(`Cash balance is negative: ${formatAmount(data.cash_balance.abs())} ${currency} is owed.`);
  if (data.available_balance.lte(0)) notes.push('Moonshot refuses API calls while the available balance is 0 or less.');
  return notes;
}
