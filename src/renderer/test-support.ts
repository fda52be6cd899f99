/** Builders for renderer unit tests: valid DTOs with only the interesting fields spelled out. */
import type { AccountView, LedgerEntryDto, Overview } from '../shared/api';

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
