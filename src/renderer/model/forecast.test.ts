import { describe, expect, it } from 'vitest';
import { makeAccount, makeOverview } from '../test-support';
import { monthEndFigures, monthProgress } from './forecast';

const total = (currency: string, monthToDate: string) => ({ currency, monthToDate, byConfidence: { official: monthToDate, estimated: '0', manual: '0' } });
const money = (amount: string, currency = 'USD') => ({ amount, currency, confidence: 'official' as const });
const nov10 = Date.parse('2026-11-10T12:00:00Z');

describe('monthProgress', () => {
  it('counts the UTC days of the billing month that have begun', () => {
    expect(monthProgress('2026-11', nov10)).toEqual({ days: 30, elapsed: 10 });
    expect(monthProgress('2026-02', Date.parse('2026-03-05T00:00:00Z'))).toEqual({ days: 28, elapsed: 28 });
    expect(monthProgress('2026-12', nov10)).toBeNull();
  });
});

describe('monthEndFigures', () => {
  it('projects month-to-date linearly by day of month when no provider forecasts', () => {
    const overview = makeOverview({ totals: [total('USD', '12.50')] });
    expect(monthEndFigures(overview, nov10)).toEqual([{ currency: 'USD', amount: '37.50', kind: 'projection' }]);
  });

  it("uses the providers' forecasts when they cover the whole total", () => {
    const overview = makeOverview({
      totals: [total('USD', '60.00')],
      accounts: [makeAccount({ monthToDate: money('60.00'), forecast: money('150.00') })],
    });
    expect(monthEndFigures(overview, nov10)).toEqual([{ currency: 'USD', amount: '150.00', kind: 'forecast' }]);
  });

  it('adds the forecasts to a projection of the rest, labelled as a projection, per currency', () => {
    const overview = makeOverview({
      totals: [total('USD', '70.00'), total('CNY', '5.00')],
      accounts: [
        makeAccount({ id: 'aws', monthToDate: money('60.00'), forecast: money('150.00') }),
        makeAccount({ id: 'groq', monthToDate: money('10.00'), forecast: null }),
        makeAccount({ id: 'deepseek', monthToDate: money('5.00', 'CNY') }),
      ],
    });
    expect(monthEndFigures(overview, nov10)).toEqual([
      { currency: 'USD', amount: '180.00', kind: 'projection' },
      { currency: 'CNY', amount: '15.00', kind: 'projection' },
    ]);
  });
});
