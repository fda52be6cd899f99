/**
 * Built-in demo data, so a newcomer sees a full popover with no keys: `spendbar serve --demo`. It is
 * written into a throwaway folder and labelled "Demo data" everywhere; nothing is polled.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localDate, monthOf } from '../model/billing-month.js';
import { findProvider } from '../providers/registry.js';
import { writeJsonAtomic } from '../store/files.js';

interface DemoAccount {
  provider: string;
  monthToDate?: string;
  balance?: string;
  currency?: string;
  spendLimit?: string;
  /** Whether the provider reports spend per day (the month-to-date is then spread over the days). */
  daily?: boolean;
  error?: { kind: string; message: string };
  notes?: string[];
  breakdown?: { dimension: string; label: string; amount: string }[];
  usage?: { model: string; inputTokens: number; outputTokens: number; requests: number }[];
  /** Balance a week ago, so the balance history (and runway) has a slope. */
  balanceWeekAgo?: string;
}

const demoAccounts: DemoAccount[] = [
  {
    provider: 'openai',
    monthToDate: '184.32',
    daily: true,
    spendLimit: '500.00',
    breakdown: [
      { dimension: 'line_item', label: 'gpt-5, input', amount: '71.20' },
      { dimension: 'line_item', label: 'gpt-5, output', amount: '88.95' },
      { dimension: 'line_item', label: 'gpt-5-mini, input', amount: '9.61' },
      { dimension: 'line_item', label: 'Image generation', amount: '14.56' },
    ],
    usage: [
      { model: 'gpt-5', inputTokens: 56_960_000, outputTokens: 8_895_000, requests: 14_210 },
      { model: 'gpt-5-mini', inputTokens: 38_440_000, outputTokens: 2_100_000, requests: 30_877 },
    ],
  },
  {
    provider: 'anthropic',
    monthToDate: '96.40',
    daily: true,
    breakdown: [
      { dimension: 'model', label: 'claude-sonnet-4-5', amount: '81.15' },
      { dimension: 'model', label: 'claude-haiku-4-5', amount: '15.25' },
    ],
  },
  { provider: 'openrouter', monthToDate: '12.50', balance: '74.75', balanceWeekAgo: '83.40', spendLimit: '50.00' },
  { provider: 'deepseek', balance: '41.20', currency: 'CNY' },
  { provider: 'xai', monthToDate: '7.85', balance: '17.15', error: { kind: 'network', message: 'xAI could not be reached. Check the network (or proxy) and try again.' } },
  { provider: 'aws', monthToDate: '63.02', daily: true },
];

/** Splits a month-to-date over the days so far, unevenly so charts have a shape, adding up to the cent. */
function spreadOverDays(monthToDate: string, days: number, month: string, currency: string) {
  const totalCents = Math.round(Number(monthToDate) * 100);
  const weights = Array.from({ length: days }, (_, index) => 6 + ((index * 7) % 9));
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0);
  const cents = weights.map((weight) => Math.floor((totalCents * weight) / weightSum));
  cents[days - 1]! += totalCents - cents.reduce((sum, value) => sum + value, 0);
  return cents.map((value, index) => ({ date: `${month}-${String(index + 1).padStart(2, '0')}`, amount: (value / 100).toFixed(2), currency }));
}

export function createDemoDataDir(now: Date): string {
  const dir = mkdtempSync(join(tmpdir(), 'spendbar-demo-'));
  const month = monthOf(now);
  const accounts = demoAccounts.filter((demo) => findProvider(demo.provider));
  writeJsonAtomic(join(dir, 'settings.json'), {
    version: 1,
    accounts: accounts.map((demo) => ({ id: `${demo.provider}:demo`, provider: demo.provider, name: 'demo', settings: {} })),
  });
  const fetchedAt = new Date(now.getTime() - 4 * 60_000).toISOString();
  for (const demo of accounts) {
    const currency = demo.currency ?? 'USD';
    const figure = (amount: string | undefined) => amount && { amount, currency, confidence: 'official' };
    const dailySpend = demo.daily && demo.monthToDate ? spreadOverDays(demo.monthToDate, now.getUTCDate(), month.key, currency) : undefined;
    const staleAt = new Date(now.getTime() - 3 * 3_600_000).toISOString();
    writeJsonAtomic(join(dir, 'history', `${demo.provider}--demo`, `${month.key}.json`), {
      version: 1,
      accountId: `${demo.provider}:demo`,
      month: month.key,
      balances: [
        ...(demo.balanceWeekAgo ? [{ amount: demo.balanceWeekAgo, currency, confidence: 'official', at: new Date(now.getTime() - 7 * 86_400_000).toISOString() }] : []),
        ...(demo.balance ? [{ amount: demo.balance, currency, confidence: 'official', at: fetchedAt }] : []),
      ],
      lastGood: {
        month: month.key,
        monthToDate: figure(demo.monthToDate),
        balance: figure(demo.balance),
        balances: demo.balance ? [figure(demo.balance)] : undefined,
        spendLimit: figure(demo.spendLimit),
        dailySpend,
        breakdown: demo.breakdown?.map((item) => ({ ...item, currency })),
        usage: demo.usage,
        notes: demo.notes,
        fetchedAt: demo.error ? staleAt : fetchedAt,
      },
      lastAttempt: { at: fetchedAt, error: demo.error ?? null },
    });
  }
  const today = localDate(now);
  const earlier = `${month.key}-01`;
  const entry = (id: string, provider: string, kind: string, amount: string, date: string, note: string, account = 'default') => ({
    id,
    provider,
    account,
    kind,
    amount,
    currency: 'USD',
    date,
    note,
    createdAt: now.toISOString(),
  });
  writeJsonAtomic(join(dir, 'ledger', 'entries.json'), {
    version: 1,
    entries: [
      entry('demo-1', 'groq', 'topup', '25.00', earlier, 'Prepaid credits'),
      entry('demo-2', 'groq', 'spend', '6.40', today, 'From the console usage page'),
      entry('demo-3', 'perplexity', 'spend', '5.00', earlier, 'API credits used'),
      entry('demo-4', 'copilot', 'spend', '10.00', earlier, 'Copilot Pro seat'),
      // Anthropic has no balance API: a known balance plus its official daily spend gives an estimate.
      entry('demo-5', 'anthropic', 'balance', '250.00', earlier, 'Balance shown in the console', 'demo'),
    ].filter((item) => findProvider(item.provider)),
  });
  return dir;
}
