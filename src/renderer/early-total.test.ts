/** What the entry trusts of the first overview answer before the popover checks all of it. */
import { describe, expect, it } from 'vitest';
import { convertedNote, earlyHeader } from './early-total';

describe('earlyHeader', () => {
  it('reads the demo flag and each currency total as exact decimal strings', () => {
    const body = { demo: false, totals: [{ currency: 'USD', monthToDate: '412.305', byConfidence: {} }, { currency: 'EUR', monthToDate: '0' }], accounts: [] };
    expect(earlyHeader(body)).toEqual({ demo: false, totals: [{ currency: 'USD', monthToDate: '412.305' }, { currency: 'EUR', monthToDate: '0' }] });
  });

  it('paints nothing for an answer it cannot trust, leaving it to the popover', () => {
    for (const body of [
      null,
      'overview',
      { demo: false },
      { demo: 'no', totals: [] },
      { demo: false, totals: [{ currency: 'USD', monthToDate: 412.3 }] },
      { demo: false, totals: [{ currency: 'USD', monthToDate: '1e3' }] },
      { demo: false, totals: [{ currency: '<b>', monthToDate: '1' }] },
      { demo: false, totals: [null] },
      { error: 'Unauthorized' },
    ]) {
      expect(earlyHeader(body)).toBeNull();
    }
  });

  it('reads an empty month as no totals, which paints "No spend recorded"', () => {
    expect(earlyHeader({ demo: true, totals: [] })).toEqual({ demo: true, totals: [] });
  });

  it('reads the approximate total in the display currency, and refuses the answer when it is malformed', () => {
    const converted = { amount: '380.5', currency: 'EUR', ratesDate: '2024-06-28', ratesSource: 'rates you set', stale: true, excluded: ['JPY'], approximate: true, rates: [] };
    expect(earlyHeader({ demo: false, totals: [], converted })?.converted).toEqual({
      amount: '380.5',
      currency: 'EUR',
      ratesDate: '2024-06-28',
      ratesSource: 'rates you set',
      stale: true,
      excluded: ['JPY'],
    });
    expect(earlyHeader({ demo: false, totals: [], converted: { ...converted, amount: 380.5 } })).toBeNull();
    expect(earlyHeader({ demo: false, totals: [], converted: { ...converted, excluded: [1] } })).toBeNull();
  });
});

describe('convertedNote', () => {
  it('says where the rates come from, and adds their age and what is left out only when it matters', () => {
    expect(convertedNote({ ratesSource: 'rates you set', ratesDate: '2026-12-01', stale: false, excluded: [] })).toEqual({ source: 'approximate, rates you set of 2026-12-01' });
    expect(convertedNote({ ratesSource: 'ECB', ratesDate: '2024-06-28', stale: true, excluded: ['JPY', 'XAU'] })).toEqual({
      source: 'approximate, ECB of 2024-06-28',
      stale: ' · over a week old',
      excluded: ' · leaves out JPY, XAU (no rate)',
    });
  });
});
