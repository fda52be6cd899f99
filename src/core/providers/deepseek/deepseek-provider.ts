/**
 * DeepSeek: the account balance per currency from `GET /user/balance`, readable with a normal API key.
 * DeepSeek has no spend endpoint, so month-to-date comes from manual entries and tracked usage.
 */
import { formatAmount, money } from '../../model/money.js';
import type { Figure, Snapshot } from '../../model/snapshot.js';
import { MINUTE, type ProviderContext, type ProviderDefinition } from '../provider.js';
import { guarded } from '../snapshot-guard.js';
import { userBalanceSchema, type UserBalance } from './deepseek-schemas.js';

const NAME = 'DeepSeek';

export const deepseekProvider: ProviderDefinition = {
  id: 'deepseek',
  name: NAME,
  monogram: { letters: 'DS', colour: '#3552b8' },
  implicitFromEnv: true,
  priceListId: 'deepseek',
  kind: 'api',
  credentials: [{ name: 'apiKey', env: 'DEEPSEEK_API_KEY', label: 'API key', secret: true }],
  defaultBaseUrl: 'https://api.deepseek.com',
  keyHelp: 'Any DeepSeek API key can read the account balance (platform.deepseek.com → API keys).',
  keyUrl: 'https://platform.deepseek.com/api_keys',
  reportsSpend: false,
  defaultCurrency: 'USD',
  refresh: { defaultMs: 15 * MINUTE, minimumMs: 1 * MINUTE },
  fetchSnapshot: guarded(NAME, fetchDeepSeekSnapshot),
};

async function fetchDeepSeekSnapshot(context: ProviderContext): Promise<Snapshot> {
  const response = await context.http.json({
    provider: NAME,
    url: `${context.baseUrl}/user/balance`,
    headers: { authorization: `Bearer ${context.credentials.apiKey ?? ''}` },
    schema: userBalanceSchema,
    secrets: context.secrets,
    signal: context.signal,
    explain: (status, said) => {
      const quoted = said ? ` ("${said}")` : '';
      if (status === 401) return `DeepSeek rejected the API key${quoted}. Create a new one at https://platform.deepseek.com/api_keys.`;
      if (status === 402) return `DeepSeek says the balance is insufficient${quoted}. Top up at https://platform.deepseek.com/top_up.`;
      return undefined;
    },
  });
  const { balances, notes } = describeBalances(response.data);
  const ordered = primaryFirst(balances);
  return {
    month: context.month.key,
    balance: ordered[0],
    balances: ordered,
    notes,
    fetchedAt: context.now().toISOString(),
  };
}

function describeBalances(data: UserBalance): { balances: Figure[]; notes: string[] } {
  const notes: string[] = [];
  const balances = data.balance_infos.map((info) => {
    const parts = [
      info.topped_up_balance ? `${formatAmount(info.topped_up_balance)} topped up` : undefined,
      info.granted_balance ? `${formatAmount(info.granted_balance)} granted` : undefined,
    ].filter((part): part is string => part !== undefined);
    if (parts.length > 0) notes.push(`${info.currency}: ${parts.join(', ')}.`);
    return { money: money(info.total_balance, info.currency), confidence: 'official' as const };
  });
  if (data.is_available === false) notes.push('DeepSeek says the balance is not enough for API calls: top up to keep using the API.');
  if (balances.length === 0) notes.push('DeepSeek reported no balance for this account.');
  return { balances, notes };
}

/**
 * The primary balance is the USD one, as most Spendbar totals are in dollars, otherwise the first
 * currency DeepSeek lists. It also goes first in the list, which is what the overview shows first.
 */
function primaryFirst(balances: readonly Figure[]): Figure[] {
  const usd = balances.filter((figure) => figure.money.currency === 'USD');
  return [...usd, ...balances.filter((figure) => figure.money.currency !== 'USD')];
}
