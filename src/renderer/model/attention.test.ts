import { describe, expect, it } from 'vitest';
import type { AccountView } from '../../shared/api';
import { makeAccount } from '../test-support';
import { balanceBar, runwayTone, sortByAttention } from './attention';

const runway = (days: number | null): AccountView['runway'] => ({ days, depletionDate: null, burnPerDay7: null, burnPerDay30: null, currency: 'USD' });
const mtd = (amount: string) => ({ amount, currency: 'USD', confidence: 'official' as const });

describe('runwayTone', () => {
  it.each([
    [null, 'none'],
    [30, 'good'],
    [14.5, 'good'],
    [14, 'warn'],
    [3, 'warn'],
    [2.9, 'bad'],
    [0, 'bad'],
  ] as const)('%s days -> %s', (days, tone) => {
    expect(runwayTone(days)).toBe(tone);
  });
});

describe('sortByAttention', () => {
  it('puts broken accounts first, then low runway (fewest days first), then stale, then the biggest spend', () => {
    const accounts = [
      makeAccount({ id: 'big', monthToDate: mtd('90.00') }),
      makeAccount({ id: 'small', monthToDate: mtd('5.00') }),
      makeAccount({ id: 'unknown-spend', monthToDate: null }),
      makeAccount({ id: 'stale', status: 'stale', monthToDate: mtd('1.00') }),
      makeAccount({ id: 'runway-10', runway: runway(10) }),
      makeAccount({ id: 'runway-2', runway: runway(2) }),
      makeAccount({ id: 'runway-40', runway: runway(40), monthToDate: mtd('50.00') }),
      makeAccount({ id: 'unconfigured', status: 'unconfigured', monthToDate: null }),
      makeAccount({ id: 'error', status: 'error', monthToDate: mtd('3.00') }),
    ];
    expect(sortByAttention(accounts).map((account) => account.id)).toEqual([
      'error',
      'unconfigured',
      'runway-2',
      'runway-10',
      'stale',
      'big',
      'runway-40',
      'small',
      'unknown-spend',
    ]);
  });

  it('does not reorder the input array and breaks ties by name', () => {
    const accounts = [makeAccount({ id: 'b', providerName: 'Zeta' }), makeAccount({ id: 'a', providerName: 'Alpha' })];
    expect(sortByAttention(accounts).map((account) => account.id)).toEqual(['a', 'b']);
    expect(accounts.map((account) => account.id)).toEqual(['b', 'a']);
  });
});

describe('balanceBar', () => {
  it('draws the balance against the largest of the spend limit and this month\'s balance points', () => {
    const bar = balanceBar(
      makeAccount({
        balance: { amount: '25.00', currency: 'USD', confidence: 'official' },
        spendLimit: { amount: '50.00', currency: 'USD', confidence: 'official' },
        balanceHistory: [{ at: '2026-11-01T00:00:00Z', amount: '100.00', currency: 'USD' }],
        runway: runway(5),
      }),
    );
    expect(bar).toEqual({ amount: '25.00', currency: 'USD', reference: '100.00', fraction: 0.25, tone: 'warn' });
  });

  it('fills the bar when the balance is above every reference, and empties it when overdrawn', () => {
    const above = balanceBar(makeAccount({ spendLimit: { amount: '50.00', currency: 'USD', confidence: 'official' } }));
    expect(above).toMatchObject({ reference: '74.75', fraction: 1 });
    const overdrawn = balanceBar(
      makeAccount({ balance: { amount: '-3.00', currency: 'USD', confidence: 'estimated' }, balanceHistory: [{ at: 'x', amount: '20', currency: 'USD' }] }),
    );
    expect(overdrawn).toMatchObject({ fraction: 0 });
  });

  it('shows only the balance without a reference in its currency, and nothing without a balance', () => {
    const noReference = balanceBar(
      makeAccount({ balance: { amount: '41.20', currency: 'CNY', confidence: 'official' }, spendLimit: { amount: '50', currency: 'USD', confidence: 'official' } }),
    );
    expect(noReference).toEqual({ amount: '41.20', currency: 'CNY', reference: null, fraction: null, tone: 'none' });
    expect(balanceBar(makeAccount({ balance: null }))).toBeNull();
  });
});
