import { describe, expect, it } from 'vitest';
import type { AccountView, Overview } from '../../shared/api.js';
import { formatMoney } from '../../shared/format-money.js';
import type { RateTable } from '../rates/rate-table.js';
import { convertedTotal, glanceFigures, type ConversionSettings } from './converted-total.js';

const NOW = new Date('2026-12-04T12:00:00Z');
// Units per 1 EUR, chosen so the exact results can be checked by hand.
const reference: RateTable = { base: 'EUR', date: '2026-12-03', source: 'test rates', rates: { USD: '1.25', CNY: '8', GBP: '0.8', JPY: '160' } };

function totals(...pairs: [currency: string, monthToDate: string][]): Overview['totals'] {
  return pairs.map(([currency, monthToDate]) => ({ currency, monthToDate, byConfidence: { official: monthToDate, estimated: '0.00', manual: '0.00' } }));
}

function settings(displayCurrency: string | null, changes: Partial<ConversionSettings> = {}): ConversionSettings {
  return { displayCurrency, reference, userRates: {}, ...changes };
}

describe('convertedTotal', () => {
  it('is absent while no display currency is chosen (the default)', () => {
    expect(convertedTotal(totals(['USD', '10.00']), settings(null), NOW)).toBeUndefined();
    expect(convertedTotal(totals(['USD', '10.00']), undefined, NOW)).toBeUndefined();
  });

  it('adds several currencies up exactly in the display currency, with the rates and their date', () => {
    // 412.10 USD / 1.25 = 329.68; 350 CNY / 8 = 43.75; 12.40 EUR stays; 100 GBP / 0.8 = 125.
    const result = convertedTotal(totals(['USD', '412.10'], ['CNY', '350.00'], ['EUR', '12.40'], ['GBP', '100.00']), settings('EUR'), NOW);
    expect(result).toEqual({
      amount: '510.83',
      currency: 'EUR',
      ratesDate: '2026-12-03',
      excluded: [],
      approximate: true,
      stale: false,
      ratesSource: 'test rates',
      rates: [
        { from: 'USD', rate: '0.80', source: 'reference' },
        { from: 'CNY', rate: '0.125', source: 'reference' },
        { from: 'GBP', rate: '1.25', source: 'reference' },
      ],
    });
  });

  it('crosses through the euro for a display currency other than the base', () => {
    // 350 CNY × 1.25 / 8 = 54.6875 USD; 1600 JPY × 1.25 / 160 = 12.50 USD; 10 USD stays.
    const result = convertedTotal(totals(['USD', '10.00'], ['CNY', '350.00'], ['JPY', '1600']), settings('USD'), NOW);
    expect(result?.amount).toBe('77.1875');
  });

  it('never folds in a currency without a rate, and names it', () => {
    const result = convertedTotal(totals(['USD', '12.50'], ['XAF', '5000.00']), settings('EUR'), NOW);
    expect(result?.amount).toBe('10.00');
    expect(result?.excluded).toEqual(['XAF']);
  });

  it('lets a rate the user set win over the reference rate, and dates it by the user', () => {
    const userRates = { CNY: { rate: '0.14', currency: 'EUR', setOn: '2026-12-01' } };
    const result = convertedTotal(totals(['CNY', '100.00']), settings('EUR', { userRates }), NOW);
    expect(result).toMatchObject({ amount: '14.00', ratesDate: '2026-12-01', stale: false, ratesSource: 'rates you set', rates: [{ from: 'CNY', rate: '0.14', source: 'user' }] });
  });

  it('uses a user rate set against another currency through the reference rates', () => {
    // 1 CNY = 0.15 USD by the user; 15 USD = 12 EUR by the reference rates.
    const userRates = { CNY: { rate: '0.15', currency: 'USD', setOn: '2026-12-01' } };
    expect(convertedTotal(totals(['CNY', '100.00']), settings('EUR', { userRates }), NOW)?.amount).toBe('12.00');
  });

  it('labels reference rates over a week old as stale, and a week old as not', () => {
    const old = { ...reference, date: '2026-11-26' };
    expect(convertedTotal(totals(['USD', '1.25']), settings('EUR', { reference: old }), NOW)?.stale).toBe(true);
    const weekOld = { ...reference, date: '2026-11-27' };
    expect(convertedTotal(totals(['USD', '1.25']), settings('EUR', { reference: weekOld }), NOW)?.stale).toBe(false);
    // Only the user's own rates were used: the reference table's age does not matter.
    const userRates = { USD: { rate: '0.8', currency: 'EUR', setOn: '2026-01-01' } };
    expect(convertedTotal(totals(['USD', '1.25']), settings('EUR', { reference: old, userRates }), NOW)?.stale).toBe(false);
  });

  it('rounds only at display: the parts are added unrounded', () => {
    // Each part is €0.005; rounded one by one they would show €0.03 (or €0.00), the sum is €0.015.
    const result = convertedTotal(totals(['USD', '0.00625'], ['GBP', '0.004'], ['CNY', '0.04']), settings('EUR'), NOW);
    expect(result?.amount).toBe('0.015');
    expect(formatMoney(result!.amount, 'EUR', { precision: 'total', locale: 'en-US' })).toBe('€0.02');
  });

  it('keeps a non-terminating conversion exact to 12 decimals', () => {
    const result = convertedTotal(totals(['USD', '1.00']), settings('EUR', { reference: { ...reference, rates: { USD: '1.0705' } } }), NOW);
    expect(result?.amount).toBe('0.934142923867');
  });
});

describe('glanceFigures', () => {
  const account = (id: string, balance: [string, string] | null, days: number | null) =>
    ({
      id,
      balance: balance ? { amount: balance[0], currency: balance[1], confidence: 'official' } : null,
      runway: days === null ? null : { days, depletionDate: null, burnPerDay7: null, burnPerDay30: null, currency: 'USD' },
    }) as AccountView;

  it('finds the shortest runway and the lowest balance, comparing currencies through the rates', () => {
    const accounts = [account('openrouter:env', ['20.00', 'USD'], 9), account('deepseek:env', ['100.00', 'CNY'], 6), account('openai:env', null, null)];
    // 100 CNY = 12.50 EUR is less than 20 USD = 16 EUR.
    expect(glanceFigures(accounts, settings(null))).toEqual({
      shortestRunway: { accountId: 'deepseek:env', days: 6 },
      lowestBalance: { accountId: 'deepseek:env', amount: '100.00', currency: 'CNY' },
    });
  });

  it('has nothing to show without balances or runways', () => {
    expect(glanceFigures([account('openai:env', null, null)], settings(null))).toEqual({ shortestRunway: null, lowestBalance: null });
  });
});
