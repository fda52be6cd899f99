/**
 * A small data folder written the way Spendbar 0.1 wrote it (indented JSON, one balance point a poll, no
 * carried balances), for tests that the figures read from old history stay what they were. Deterministic:
 * the same folder and the same figures on every run.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Overview } from '../../src/shared/api.js';
import { HistoryStore, snapshotFromJson, type MonthFile } from '../../src/core/ledger/history-store.js';
import { money } from '../../src/core/model/money.js';

export const FIXTURE_NOW = new Date('2026-12-04T12:00:00.000Z');

/**
 * Accounts of five kinds: daily spend only; balance without daily spend; balance with manual spend;
 * balance estimated from a manual balance and top-up; balance estimated from last month's official
 * balance less this month's daily spend (xAI's balance stopped coming in December).
 */
export const FIXTURE_ACCOUNTS = [
  { id: 'openai:team', provider: 'openai', name: 'team', daily: true, balance: false, balanceUntil: '' },
  { id: 'openrouter:main', provider: 'openrouter', name: 'main', daily: false, balance: true, balanceUntil: '9999-99' },
  { id: 'deepseek:cn', provider: 'deepseek', name: 'cn', daily: false, balance: true, balanceUntil: '9999-99' },
  { id: 'anthropic:lab', provider: 'anthropic', name: 'lab', daily: true, balance: false, balanceUntil: '' },
  { id: 'xai:ops', provider: 'xai', name: 'ops', daily: true, balance: true, balanceUntil: '2026-11' },
] as const;

/** `count` months ending with December 2026, oldest first. */
export function fixtureMonths(count: number): string[] {
  return Array.from({ length: count }, (_, index) => new Date(Date.UTC(2026, 12 - count + index, 1)).toISOString().slice(0, 7));
}

function cents(value: number): string {
  return (Math.round(value * 100) / 100).toFixed(2);
}

/** One month file as version 0.1 wrote it: a point per poll (`pointsPerDay` polls a day), indented. */
export function oldMonthFile(account: (typeof FIXTURE_ACCOUNTS)[number], month: string, index: number, pointsPerDay = 1): string {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  const lastDay = month === '2026-12' ? 4 : new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
  const days = Array.from({ length: lastDay }, (_, day) => ({ date: `${month}-${String(day + 1).padStart(2, '0')}`, amount: cents(2 + ((day * 7 + index) % 5)), currency: 'USD' }));
  const monthToDate = cents(days.reduce((total, day) => total + Number(day.amount), 0));
  const balances = [];
  let balance = 900 - index * 40;
  for (const day of days) {
    for (let poll = 0; poll < pointsPerDay; poll += 1) {
      // A top-up on the 10th, spend the rest of the time.
      balance += day.date.endsWith('-10') && poll === 0 ? 150 : -0.35 - (poll % 3) * 0.1;
      const at = new Date(Date.parse(`${day.date}T00:00:00Z`) + ((poll + 0.5) * 86_400_000) / pointsPerDay).toISOString();
      balances.push({ amount: cents(balance), currency: 'USD', confidence: 'official', at });
    }
  }
  const withBalance = account.balance && month <= account.balanceUntil;
  const fetchedAt = month === '2026-12' ? '2026-12-04T11:45:00.000Z' : `${days.at(-1)!.date}T23:50:00.000Z`;
  const lastGood = {
    month,
    monthToDate: { amount: monthToDate, currency: 'USD', confidence: 'official' },
    ...(account.daily ? { dailySpend: days } : {}),
    ...(withBalance ? { balance: { amount: cents(balance), currency: 'USD', confidence: 'official' } } : {}),
    fetchedAt,
  };
  const file = { version: 1, accountId: account.id, month, balances: withBalance ? balances : [], lastGood, lastAttempt: { at: fetchedAt, error: null } };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** Writes settings, entries and `monthCount` months of history per account, all in the old format. */
export function writeOldFixture(dataDir: string, monthCount: number, pointsPerDay = 1): void {
  writeSettingsAndEntries(dataDir);
  for (const account of FIXTURE_ACCOUNTS) {
    const folder = join(dataDir, 'history', account.id.replace(':', '--'));
    mkdirSync(folder, { recursive: true });
    // Indexed back from December, so the recent months are the same whatever the history's length.
    fixtureMonths(monthCount).forEach((month, index) => writeFileSync(join(folder, `${month}.json`), oldMonthFile(account, month, monthCount - 1 - index, pointsPerDay)));
  }
}

/**
 * The same history polled into today's store: one poll per stored balance point, then the month's last
 * good poll. Months before `pollsFrom` get only their last poll, which keeps a long history quick to write.
 */
export function writeFixtureThroughStore(dataDir: string, monthCount: number, pollsFrom = '0000-00'): void {
  writeSettingsAndEntries(dataDir);
  const history = new HistoryStore(dataDir, () => undefined);
  for (const account of FIXTURE_ACCOUNTS) {
    fixtureMonths(monthCount).forEach((month, index) => {
      const old = JSON.parse(oldMonthFile(account, month, monthCount - 1 - index)) as MonthFile;
      const lastGood = snapshotFromJson(old.lastGood!);
      for (const point of month >= pollsFrom ? old.balances : []) {
        history.recordSuccess(account.id, { ...lastGood, balance: { money: money(point.amount, point.currency), confidence: point.confidence }, fetchedAt: point.at });
      }
      history.recordSuccess(account.id, lastGood);
    });
  }
}

function writeSettingsAndEntries(dataDir: string): void {
  mkdirSync(join(dataDir, 'ledger'), { recursive: true });
  const accounts = FIXTURE_ACCOUNTS.map(({ id, provider, name }) => ({ id, provider, name, settings: {}, thresholds: {} }));
  writeFileSync(join(dataDir, 'settings.json'), `${JSON.stringify({ version: 1, accounts, preferences: { launchAtLogin: false, monthlyBudget: {} } }, null, 2)}\n`);
  const entry = (index: number, provider: string, account: string, kind: string, amount: string, date: string) => ({
    id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    provider,
    account,
    kind,
    amount,
    currency: 'USD',
    date,
    note: '',
    createdAt: '2026-01-01T00:00:00.000Z',
  });
  const entries = [
    entry(1, 'anthropic', 'lab', 'balance', '400.00', '2026-10-15'),
    entry(2, 'anthropic', 'lab', 'topup', '100.00', '2026-11-02'),
    entry(3, 'custom', 'cursor', 'spend', '40.00', '2026-12-01'),
    entry(4, 'custom', 'cursor', 'spend', '40.00', '2026-11-01'),
    entry(5, 'custom', 'cursor', 'topup', '200.00', '2026-10-01'),
    entry(6, 'deepseek', 'cn', 'spend', '3.10', '2026-12-02'),
    entry(7, 'deepseek', 'cn', 'spend', '1.25', '2026-12-03'),
  ];
  writeFileSync(join(dataDir, 'ledger', 'entries.json'), `${JSON.stringify({ version: 1, entries }, null, 2)}\n`);
}

/** The figures a user reads, per account and in total. */
export function figuresOf(overview: Overview) {
  return {
    totals: overview.totals,
    accounts: overview.accounts.map((account) => ({
      id: account.id,
      status: account.status,
      monthToDate: account.monthToDate,
      balance: account.balance,
      balances: account.balances,
      monthEnd: account.monthEnd,
      runway: account.runway,
    })),
  };
}
