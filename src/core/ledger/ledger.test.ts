import { describe, expect, it } from 'vitest';
import { formatAmount } from '../model/money.js';
import type { LedgerEntry } from './entries-store.js';
import { balanceInputsFromEntries, estimateBalance, manualSpendByCurrency } from './ledger.js';

let counter = 0;
function entry(kind: LedgerEntry['kind'], amount: string, date: string, currency = 'USD'): LedgerEntry {
  counter += 1;
  return { id: String(counter), provider: 'groq', account: 'default', kind, amount, currency, date, note: '', createdAt: '2026-11-01T00:00:00Z' };
}

describe('ledger', () => {
  it('sums spend entries of the month per currency', () => {
    const entries = [entry('spend', '3.20', '2026-11-02'), entry('spend', '1.05', '2026-11-20'), entry('spend', '9', '2026-10-31'), entry('spend', '2', '2026-11-03', 'EUR'), entry('topup', '50', '2026-11-01')];
    const totals = manualSpendByCurrency(entries, '2026-11').map((m) => `${formatAmount(m.amount)} ${m.currency}`);
    expect(totals.sort()).toEqual(['2.00 EUR', '4.25 USD']);
  });

  it('estimates balance = last known + top-ups since - spend since', () => {
    const entries = [
      entry('balance', '40', '2026-11-05'),
      entry('spend', '5', '2026-11-05'), // same day: already inside the known balance
      entry('spend', '2.5', '2026-11-06'),
      entry('topup', '20', '2026-11-10'),
      entry('balance', '10', '2026-10-01'), // older known balance is superseded
    ];
    const balance = estimateBalance(balanceInputsFromEntries(entries), 'USD')!;
    expect(formatAmount(balance.money.amount)).toBe('57.50');
    expect(balance.confidence).toBe('estimated');
  });

  it('keeps a known balance as manual when nothing happened since', () => {
    const balance = estimateBalance(balanceInputsFromEntries([entry('balance', '-3.5', '2026-11-05')]), 'USD')!;
    expect(formatAmount(balance.money.amount)).toBe('-3.50');
    expect(balance.confidence).toBe('manual');
  });

  it('starts from the first top-up when no balance was ever known', () => {
    const entries = [entry('spend', '7', '2026-10-01'), entry('topup', '25', '2026-11-01'), entry('spend', '4.75', '2026-11-02')];
    expect(formatAmount(estimateBalance(balanceInputsFromEntries(entries), 'USD')!.money.amount)).toBe('20.25');
  });

  it('knows nothing without a balance or a top-up', () => {
    expect(estimateBalance(balanceInputsFromEntries([entry('spend', '7', '2026-10-01')]), 'USD')).toBeUndefined();
  });

  it('never mixes currencies', () => {
    const entries = [entry('balance', '100', '2026-11-01', 'CNY'), entry('spend', '5', '2026-11-02', 'USD')];
    expect(formatAmount(estimateBalance(balanceInputsFromEntries(entries), 'CNY')!.money.amount)).toBe('100.00');
  });
});
