import { describe, expect, it } from 'vitest';
import { parseMonth } from '../model/billing-month.js';
import { formatAmount, money } from '../model/money.js';
import type { Figure } from '../model/snapshot.js';
import type { SpendSeries } from './runway.js';
import { accountMonthEnd, totalMonthEnd, type AccountMonthEndInput, type MonthEnd } from './month-end.js';

const december = parseMonth('2026-12')!;
const usd = (amount: string, confidence: Figure['confidence'] = 'official'): Figure => ({ money: money(amount, 'USD'), confidence });

/** `perDay` USD on every day from `from` through `to` (inclusive, UTC days). */
function steady(perDay: string, from: string, to: string, coversFrom = from): SpendSeries {
  const days = [];
  for (let at = Date.parse(`${from}T00:00:00Z`); at <= Date.parse(`${to}T00:00:00Z`); at += 86_400_000) {
    days.push({ date: new Date(at).toISOString().slice(0, 10), money: money(perDay, 'USD') });
  }
  return { days, coversFrom };
}

function only(input: Omit<AccountMonthEndInput, 'month'> & { month?: AccountMonthEndInput['month'] }): MonthEnd {
  const [figure, ...rest] = accountMonthEnd({ month: december, ...input });
  expect(rest).toEqual([]);
  return figure!;
}

const shown = (figure: MonthEnd | undefined) => figure && `${formatAmount(figure.money.amount)} ${figure.money.currency} (${figure.basis})`;

describe('the month-end figure', () => {
  it('in the middle of a month: month-to-date plus the last week’s daily rate for the time left', () => {
    // 10 a day since the 1st; at noon on the 15th, 145 is spent and 16.5 days are left.
    const figure = only({ asOf: new Date('2026-12-15T12:00:00Z'), parts: [usd('145')], dailySpend: steady('10', '2026-12-01', '2026-12-15') });
    // The week's rate: the buckets of the 9th to the 15th (70, today's included) over the 6.5 days since
    // the 9th began, 10.77 a day; 145 + 10.77 x 16.5 = 322.70.
    expect(shown(figure)).toBe('322.70 USD (recent-daily-spend)');
    expect(figure.rateDays).toBe(6.5);
    expect(figure.money.amount.toNumber()).toBeGreaterThan(145 + 10 * 16.5);
    expect(figure.money.amount.toNumber()).toBeLessThan(145 + 11 * 16.5);
  });

  it('on the 1st, with last month’s buckets: the rate is last week’s, not one hour times thirty-one', () => {
    const figure = only({
      asOf: new Date('2026-12-01T01:00:00Z'),
      parts: [usd('2')],
      dailySpend: { days: [...steady('10', '2026-11-01', '2026-11-30').days, { date: '2026-12-01', money: money('2', 'USD') }], coversFrom: '2026-11-01' },
    });
    // Six full days at 10 and one hour at 2, over six days and an hour: about 9.9 a day for the 30.96 days left.
    expect(figure.money.amount.toNumber()).toBeGreaterThan(300);
    expect(figure.money.amount.toNumber()).toBeLessThan(320);
    expect(figure.rateDays).toBe(6);
  });

  it('on the 1st with no history: the hour so far counts as a whole day, so it never explodes', () => {
    const figure = only({ asOf: new Date('2026-12-01T01:00:00Z'), parts: [usd('2')], dailySpend: steady('2', '2026-12-01', '2026-12-01') });
    // 2 a day for the 30.96 days left: 63.92, where scaling one hour to the month would say 1,488.
    expect(shown(figure)).toBe('63.92 USD (recent-daily-spend)');
    expect(figure.rateDays).toBe(0);
  });

  it('on the 31st: converges on month-to-date, since little time is left', () => {
    const figure = only({ asOf: new Date('2026-12-31T23:00:00Z'), parts: [usd('310')], dailySpend: steady('10', '2026-12-01', '2026-12-31') });
    expect(figure.money.amount.toNumber()).toBeGreaterThan(310);
    expect(figure.money.amount.toNumber()).toBeLessThan(311);
  });

  it('a month with no spend projects nothing: zero stays zero, and no parts give no figure', () => {
    const quiet = only({ asOf: new Date('2026-12-20T00:00:00Z'), parts: [usd('0')], dailySpend: steady('0', '2026-12-01', '2026-12-19') });
    expect(shown(quiet)).toBe('0.00 USD (recent-daily-spend)');
    expect(accountMonthEnd({ month: december, asOf: new Date('2026-12-20T00:00:00Z'), parts: [] })).toEqual([]);
  });

  it('a month that has ended is its month-to-date', () => {
    const november = parseMonth('2026-11')!;
    const figure = only({ month: november, asOf: new Date('2026-12-04T00:00:00Z'), parts: [usd('300')], dailySpend: steady('10', '2026-11-01', '2026-11-30') });
    expect(shown(figure)).toBe('300.00 USD (month-to-date)');
  });

  it('takes the provider’s forecast where given, but never below what is already spent', () => {
    const asOf = new Date('2026-12-10T00:00:00Z');
    expect(shown(only({ asOf, parts: [usd('100')], providerForecast: usd('250') }))).toBe('250.00 USD (provider-forecast)');
    expect(shown(only({ asOf, parts: [usd('100')], providerForecast: usd('80') }))).toBe('100.00 USD (provider-forecast)');
  });

  it('leaves manual entries as entered: a monthly subscription is not multiplied by the days left', () => {
    const figure = only({ asOf: new Date('2026-12-02T00:00:00Z'), parts: [usd('19', 'manual')] });
    expect(shown(figure)).toBe('19.00 USD (month-to-date)');
  });

  it('projects tracked usage from its days but adds manual entries in the same currency as they stand', () => {
    const figure = only({
      asOf: new Date('2026-12-08T00:00:00Z'),
      parts: [usd('19', 'manual'), usd('7', 'estimated')],
      dailySpend: steady('1', '2026-12-01', '2026-12-07'),
    });
    // 26 so far, plus 1 a day for the 24 days left.
    expect(shown(figure)).toBe('50.00 USD (recent-daily-spend)');
  });

  it('a polled month-to-date with no daily buckets goes at the month’s own pace', () => {
    const figure = only({ asOf: new Date('2026-12-11T00:00:00Z'), parts: [usd('100')], accruesWithoutSeries: true });
    // 10 a day over ten days, 21 days left.
    expect(shown(figure)).toBe('310.00 USD (month-pace)');
    expect(figure.rateDays).toBe(10);
    // In the first hours the pace counts at least a day.
    expect(shown(only({ asOf: new Date('2026-12-01T06:00:00Z'), parts: [usd('5')], accruesWithoutSeries: true }))).toBe('158.75 USD (month-pace)');
  });

  it('adds up per currency and says whether any part is projected', () => {
    const asOf = new Date('2026-12-10T00:00:00Z');
    const forecast = only({ asOf, parts: [usd('100')], providerForecast: usd('250') });
    const manual = only({ asOf, parts: [usd('20', 'manual')] });
    const projected = only({ asOf, parts: [usd('9')], dailySpend: steady('1', '2026-12-01', '2026-12-09') });
    expect(totalMonthEnd('USD', [forecast, manual])).toMatchObject({ kind: 'forecast', rateDays: null });
    expect(formatAmount(totalMonthEnd('USD', [forecast, manual])!.money.amount)).toBe('270.00');
    expect(totalMonthEnd('USD', [forecast, manual, projected])).toMatchObject({ kind: 'projection', rateDays: 6 });
    expect(totalMonthEnd('USD', [manual])).toMatchObject({ kind: 'month-to-date' });
    expect(totalMonthEnd('EUR', [manual])).toBeUndefined();
  });
});
