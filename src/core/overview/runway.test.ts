import { describe, expect, it } from 'vitest';
import { money } from '../model/money.js';
import { balanceRises, burnFromBalancePoints, burnFromDays, computeRunway, type BalancePoint, type DatedAmount } from './runway.js';

const day = (date: string, amount: string): DatedAmount => ({ date, money: money(amount, 'USD') });
const point = (at: string, amount: string): BalancePoint => ({ at, money: money(amount, 'USD') });
const asOf = new Date('2026-11-21T00:00:00Z');

/** Ten dollars a day on the 1st to the 20th of November. */
const tenADay = Array.from({ length: 20 }, (_, index) => day(`2026-11-${String(index + 1).padStart(2, '0')}`, '10'));

describe('burn rate from daily spend', () => {
  it('averages the last 7 and 30 days over the days the series covers', () => {
    const series = { days: tenADay, coversFrom: '2026-11-01' };
    expect(burnFromDays(series, asOf, 7)?.toString()).toBe('10');
    // Only 20 days are covered: 200 over 20 days, not over 30.
    expect(burnFromDays(series, asOf, 30)?.toString()).toBe('10');
  });

  it('counts a day without a bucket as nothing spent, and never divides by less than a day', () => {
    const sparse = { days: [day('2026-11-18', '12')], coversFrom: '2026-11-01' };
    expect(burnFromDays(sparse, asOf, 7)?.toString()).toBe('2');
    const firstHour = { days: [day('2026-11-01', '3')], coversFrom: '2026-11-01' };
    expect(burnFromDays(firstHour, new Date('2026-11-01T01:00:00Z'), 7)?.toString()).toBe('3');
  });
});

describe('burn rate from balance points', () => {
  it('adds up the falls and leaves rises (top-ups) out', () => {
    const points = [point('2026-11-18T00:00:00Z', '100'), point('2026-11-19T00:00:00Z', '90'), point('2026-11-20T00:00:00Z', '150'), point('2026-11-21T00:00:00Z', '140')];
    // 10 + 10 over the three days since the first point.
    expect(burnFromBalancePoints(points, asOf, 7)?.toFixed(2)).toBe('6.67');
    expect(balanceRises(points)).toEqual([point('2026-11-20T00:00:00Z', '60')]);
  });

  it('knows nothing from a single point', () => {
    expect(burnFromBalancePoints([point('2026-11-18T00:00:00Z', '100')], asOf, 7)).toBeNull();
  });
});

describe('runway', () => {
  it('days left and depletion date at the 7-day rate, from the provider’s daily spend first', () => {
    const runway = computeRunway({
      balance: money('45', 'USD'),
      asOf,
      dailySpend: { days: tenADay, coversFrom: '2026-11-01' },
      balancePoints: [point('2026-11-01T00:00:00Z', '500'), point('2026-11-20T00:00:00Z', '45')],
    });
    expect(runway).toMatchObject({ days: 4.5, depletionDate: '2026-11-25', currency: 'USD', source: 'daily-spend' });
    expect(runway?.burnPerDay7?.toString()).toBe('10');
  });

  it('falls back to balance changes, then to manual entries', () => {
    const fromBalance = computeRunway({ balance: money('140', 'USD'), asOf, balancePoints: [point('2026-11-20T00:00:00Z', '150'), point('2026-11-21T00:00:00Z', '140')] });
    expect(fromBalance).toMatchObject({ days: 14, source: 'balance-changes' });
    const fromEntries = computeRunway({ balance: money('30', 'USD'), asOf, balancePoints: [], entrySpend: { days: [day('2026-11-16', '18')], coversFrom: '2026-11-14' } });
    expect(fromEntries).toMatchObject({ days: 10, depletionDate: '2026-12-01', source: 'entries' });
  });

  it('uses the 30-day rate after a quiet week, and has no days when nothing is spent', () => {
    const quietWeek = { days: [day('2026-11-02', '60')], coversFrom: '2026-11-01' };
    expect(computeRunway({ balance: money('30', 'USD'), asOf, dailySpend: quietWeek, balancePoints: [] })).toMatchObject({ days: 10 });
    const nothing = computeRunway({ balance: money('30', 'USD'), asOf, dailySpend: { days: [day('2026-11-02', '0')], coversFrom: '2026-11-01' }, balancePoints: [] });
    expect(nothing).toMatchObject({ days: null, depletionDate: null });
    expect(nothing?.burnPerDay7?.toString()).toBe('0');
  });

  it('is zero days for a used-up balance, and absent without a balance', () => {
    expect(computeRunway({ balance: money('-1.50', 'USD'), asOf, balancePoints: [] })).toMatchObject({ days: 0 });
    expect(computeRunway({ balance: undefined, asOf, balancePoints: [] })).toBeNull();
  });

  it('only counts spend in the balance’s currency', () => {
    const mixed = { days: [day('2026-11-20', '10'), { date: '2026-11-20', money: money('99', 'CNY') }], coversFrom: '2026-11-14' };
    expect(computeRunway({ balance: money('100', 'CNY'), asOf, dailySpend: mixed, balancePoints: [] })?.burnPerDay7?.toString()).toBe('16.5');
  });
});
