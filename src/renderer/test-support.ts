/** Builders for renderer unit tests: valid DTOs with only the interesting fields spelled out. */
import { apiNames, type AccountView, type LedgerEntryDto, type Overview } from '../shared/api';
import type { SpendbarBridge } from './bridge/types';

export function makeAccount(overrides: Partial<AccountView> = {}): AccountView {
  return {
    id: 'openrouter:env',
    provider: 'openrouter',
    providerName: 'OpenRouter',
    account: 'env',
    status: 'ok',
    monthToDate: { amount: '12.50', currency: 'USD', confidence: 'official' },
    balance: { amount: '74.75', currency: 'USD', confidence: 'official' },
    balances: [],
    spendLimit: null,
    quota: null,
    dailySpend: [],
    breakdown: [],
    usage: [],
    forecast: null,
    runway: null,
    balanceHistory: [],
    updatedAt: '2026-11-21T10:00:00.000Z',
    lastAttemptAt: '2026-11-21T10:00:00.000Z',
    polling: false,
    error: null,
    notes: [],
    manual: false,
    ...overrides,
  };
}

export function makeOverview(overrides: Partial<Overview> = {}): Overview {
  return {
    month: '2026-11',
    generatedAt: '2026-11-21T10:00:00.000Z',
    demo: false,
    totals: [{ currency: 'USD', monthToDate: '12.50', byConfidence: { official: '12.50', estimated: '0', manual: '0' } }],
    accounts: [makeAccount()],
    warnings: [],
    polling: false,
    alerts: [],
    ...overrides,
  };
}

export function makeEntry(overrides: Partial<LedgerEntryDto> = {}): LedgerEntryDto {
  return {
    id: 'entry-1',
    provider: 'groq',
    account: 'default',
    kind: 'spend',
    amount: '3.20',
    currency: 'USD',
    date: '2026-11-21',
    note: '',
    createdAt: '2026-11-21T10:00:00.000Z',
    ...overrides,
  };
}

/**
 * A bridge whose every contract call rejects until a test gives it an implementation, so fakes keep
 * compiling when the contract gains a call the test does not care about.
 */
export function makeBridge(calls: Partial<SpendbarBridge>): SpendbarBridge {
  const unfaked = Object.fromEntries(apiNames.map((name) => [name, () => Promise.reject(new Error(`${name} is not faked in this test`))]));
  return { ...unfaked, onOverview: () => () => {}, ...calls } as SpendbarBridge;
}
