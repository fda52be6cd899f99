/**
 * A Gemini account's estimate (its tokens from Cloud Monitoring, priced from the price list) held
 * against what Google billed for the Gemini API, when the user also has a `gcp` account reading the
 * Cloud Billing export. The bill stays the truth: this only fills the Gemini account's reconciliation,
 * which the detail view, `status --json`, `export` and the reconciliation alert read as for any account.
 */
import type { Reconciliation } from '../../shared/api.js';
import { lastGoodOf } from '../ledger/history-store.js';
import { Dec, formatAmount } from '../model/money.js';
import type { AccountData } from './account-data.js';
import { reconciliationFigure } from './reconciliation.js';

/** The billing export's service description for the Gemini API (older exports: Generative Language API). */
const GEMINI_SERVICES = new Set(['Gemini API', 'Generative Language API']);
const CURRENCY = 'USD';

export function reconcileGeminiWithBilling(gemini: AccountData, accounts: readonly AccountData[]): Reconciliation | null {
  const estimate = lastGoodOf(gemini.monthFile);
  if (!estimate?.monthToDate || estimate.monthToDate.money.currency !== CURRENCY) return null;
  const billed = accounts.filter((data) => data.account.provider.id === 'gcp').flatMap((data) => billedGeminiLine(data));
  if (billed.length === 0) return null;
  const official = billed.reduce((total, line) => total.plus(line.amount), new Dec(0));
  return {
    month: reconciliationFigure(official, estimate.monthToDate.money.amount),
    // The export's daily figures are not split by service, so days carry the estimate alone.
    days: (estimate.dailySpend ?? [])
      .filter((day) => day.money.currency === CURRENCY)
      .map((day) => ({ date: day.date, official: null, tracked: formatAmount(day.money.amount), difference: null, percent: null, currency: CURRENCY })),
    basis: `the Gemini API line of the Cloud Billing export (${billed.map((line) => line.accountId).join(', ')}) against this account's estimate; the export covers every project on the billing account and lags by about a day`,
  };
}

function billedGeminiLine(data: AccountData): { amount: Dec; accountId: string }[] {
  const snapshot = lastGoodOf(data.monthFile);
  if (snapshot?.monthToDate?.confidence !== 'official') return [];
  return (snapshot.breakdown ?? [])
    .filter((item) => item.dimension === 'service' && GEMINI_SERVICES.has(item.label) && item.money.currency === CURRENCY)
    .map((item) => ({ amount: item.money.amount, accountId: data.account.id }));
}
