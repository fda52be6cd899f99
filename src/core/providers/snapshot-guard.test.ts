import { describe, expect, it } from 'vitest';
import { billingMonth } from '../model/billing-month.js';
import { formatAmount, money } from '../model/money.js';
import { ProviderError } from '../model/provider-error.js';
import type { Snapshot } from '../model/snapshot.js';
import type { ProviderContext } from './provider.js';
import { guarded, isUnmappedFailure } from './snapshot-guard.js';

const secret = 'sk-guard-secret-000000';
const context = { secrets: [secret], month: billingMonth(2026, 11) } as unknown as ProviderContext;
const base: Snapshot = { month: '2026-11', fetchedAt: '2026-11-21T10:00:00.000Z' };

describe('the adapter boundary', () => {
  it('turns a fault in mapping code into a parse error without the key', async () => {
    const fetch = guarded('Example', () => Promise.reject(new TypeError(`Cannot read properties of undefined (key ${secret})`)));
    const error = await fetch(context).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).kind).toBe('parse');
    expect((error as ProviderError).message).not.toContain(secret);
    expect(isUnmappedFailure(error)).toBe(true);
  });

  it('passes a ProviderError through as it is', async () => {
    const original = new ProviderError('auth', 'Example rejected the key.');
    const error = await guarded('Example', () => Promise.reject(original))(context).catch((caught: unknown) => caught);
    expect(error).toBe(original);
    expect(isUnmappedFailure(error)).toBe(false);
  });

  it('rounds every amount to the 12 decimals the history keeps', async () => {
    const noisy = money(0.1234567890123456, 'USD');
    const snapshot = await guarded('Example', () =>
      Promise.resolve({
        ...base,
        monthToDate: { money: noisy, confidence: 'official' },
        dailySpend: [{ date: '2026-11-01', money: noisy }],
        breakdown: [{ dimension: 'model', label: 'm', money: noisy }],
      } satisfies Snapshot),
    )(context);
    expect(formatAmount(snapshot.monthToDate!.money.amount)).toBe('0.123456789012');
    expect(formatAmount(snapshot.dailySpend![0]!.money.amount)).toBe('0.123456789012');
    expect(formatAmount(snapshot.breakdown![0]!.money.amount)).toBe('0.123456789012');
  });

  it('refuses a quota count that is not a finite, non-negative number', async () => {
    for (const used of [Number.POSITIVE_INFINITY, Number.NaN, -3]) {
      const fetch = guarded('Example', () => Promise.resolve({ ...base, quota: { used, unit: 'characters' } }));
      const error = await fetch(context).catch((caught: unknown) => caught);
      expect((error as ProviderError).kind).toBe('parse');
    }
  });

  it('leaves absent figures absent', async () => {
    const snapshot = await guarded('Example', () => Promise.resolve(base))(context);
    expect(Object.keys(snapshot).sort()).toEqual(['fetchedAt', 'month']);
  });
});
