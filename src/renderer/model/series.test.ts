import { describe, expect, it } from 'vitest';
import { makeAccount } from '../test-support';
import { barLayout, dailySeries, datesEndingAt, datesOfMonth, sparklinePoints } from './series';

const day = (date: string, amount: string, currency = 'USD') => ({ date, amount, currency });

describe('dates', () => {
  it('lists consecutive UTC dates across a month boundary, and every date of a month', () => {
    expect(datesEndingAt('2026-12-02', 3)).toEqual(['2026-11-30', '2026-12-01', '2026-12-02']);
    expect(datesOfMonth('2026-02')).toHaveLength(28);
    expect(datesOfMonth('2026-11').at(-1)).toBe('2026-11-30');
    expect(datesOfMonth('nope')).toEqual([]);
  });
});

describe('dailySeries', () => {
  it('adds same-day buckets, treats gaps inside the reported range as zero and outside as unknown', () => {
    const account = makeAccount({
      dailySpend: [day('2026-11-02', '1.10'), day('2026-11-02', '0.20'), day('2026-11-04', '2.00'), day('2026-11-03', '9', 'EUR')],
    });
    expect(dailySeries(account, datesEndingAt('2026-11-05', 5))).toEqual([
      { date: '2026-11-01', amount: null },
      { date: '2026-11-02', amount: '1.30' },
      { date: '2026-11-03', amount: '0.00' },
      { date: '2026-11-04', amount: '2.00' },
      { date: '2026-11-05', amount: null },
    ]);
  });
});

describe('chart geometry', () => {
  const series = [
    { date: 'a', amount: null },
    { date: 'b', amount: '1.00' },
    { date: 'c', amount: '2.00' },
  ];

  it('draws a sparkline through the known days only, the highest at the top', () => {
    expect(sparklinePoints(series, 100, 20)).toBe('50,10 100,0');
  });

  it('lays out one equal slot per day and a bar for each known day', () => {
    const { bars, max } = barLayout(series, 30, 10, 0);
    expect(max).toBe('2.00');
    expect(bars).toEqual([
      { date: 'b', amount: '1.00', x: 10, y: 5, width: 10, height: 5 },
      { date: 'c', amount: '2.00', x: 20, y: 0, width: 10, height: 10 },
    ]);
  });

  it('draws flat, not NaN, when every known day is zero', () => {
    expect(sparklinePoints([{ date: 'a', amount: '0' }, { date: 'b', amount: '0' }], 10, 4)).toBe('0,4 10,4');
  });
});
