/** What the entry trusts of the first overview answer before the popover checks all of it. */
import { describe, expect, it } from 'vitest';
import { earlyHeader } from './early-total';

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
});
