/**
 * SiliconFlow: the account's total balance from `GET /user/info`, readable with a normal API key.
 * SiliconFlow has no spend endpoint. Balances carry no currency: CNY on the China platform, which is
 * the default host; an account elsewhere can say so with the `currency` setting.
 */
import { formatAmount, money, normalizeCurrency } from '../../model/money.js';
import { ProviderError } from '../../model/provider-error.js';
import type { Snapshot } from '../../model/snapshot.js';
import { errorInBody } from '../adapter-kit.js';
import { MINUTE, type ProviderContext, type ProviderDefinition } from '../provider.js';
import { guarded } from '../snapshot-guard.js';
import { userInfoSchema, type UserInfo } from './siliconflow-schemas.js';

const NAME = 'SiliconFlow';
const OK = '20000';

export const siliconflowProvider: ProviderDefinition = {
  id: 'siliconflow',
  name: NAME,
  monogram: { letters: 'SF', colour: '#6a3fb0' },
  implicitFromEnv: true,
  kind: 'api',
  credentials: [{ name: 'apiKey', env: 'SILICONFLOW_API_KEY', label: 'API key', secret: true }],
  settings: [
    {
      name: 'currency',
      label: 'Currency',
      help: 'The balance carries no currency: CNY (the default) on the China platform; USD for an international account (unverified).',
      optional: true,
    },
  ],
  defaultBaseUrl: 'https://api.siliconflow.cn/v1',
  keyHelp: 'Any SiliconFlow API key reads the account balance (cloud.siliconflow.cn → API keys).',
  keyUrl: 'https://cloud.siliconflow.cn/account/ak',
  reportsSpend: false,
  defaultCurrency: 'CNY',
  refresh: { defaultMs: 15 * MINUTE, minimumMs: 1 * MINUTE },
  fetchSnapshot: guarded(NAME, fetchSiliconFlowSnapshot),
};

function currencyOf(context: ProviderContext): string {
  const chosen = context.settings.currency?.trim();
  if (!chosen) return 'CNY';
  try {
    return normalizeCurrency(chosen);
  } catch {
    throw new ProviderError('config', `SiliconFlow currency setting "${chosen}" is not an ISO currency code: use --set currency=CNY or USD.`);
  }
}

async function fetchSiliconFlowSnapshot(context: ProviderContext): Promise<Snapshot> {
  const currency = currencyOf(context);
  const url = `${context.baseUrl}/user/info`;
  const response = await context.http.json({
    provider: NAME,
    url,
    headers: { authorization: `Bearer ${context.credentials.apiKey ?? ''}` },
    schema: userInfoSchema,
    secrets: context.secrets,
    signal: context.signal,
    explain: (status, said) =>
      status === 401 ? `SiliconFlow rejected the API key${said ? ` ("${said}")` : ''}. Create one at https://cloud.siliconflow.cn/account/ak.` : undefined,
  });
  const body = response.data;
  if (String(body.code) !== OK) throw errorInBody(NAME, body.code, body.message ?? undefined, url, context.secrets);
  if (!body.data) throw new ProviderError('parse', 'SiliconFlow answered in an unexpected shape: field "data" is missing.', { url });
  const balance = { money: money(body.data.totalBalance, currency), confidence: 'official' as const };
  return {
    month: context.month.key,
    balance,
    balances: [balance],
    notes: balanceNotes(body.data, currency),
    fetchedAt: context.now().toISOString(),
  };
}

function balanceNotes(data: NonNullable<UserInfo['data']>, currency: string): string[] {
  const notes: string[] = [];
  if (data.chargeBalance && data.balance) {
    notes.push(`Total = ${formatAmount(data.chargeBalance)} recharged + ${formatAmount(data.balance)} granted ${currency}.`);
  }
  if (data.status && data.status !== 'normal') notes.push(`SiliconFlow reports the account status as "${data.status.slice(0, 40)}".`);
  return notes;
}
