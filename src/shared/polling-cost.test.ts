import { describe, expect, it } from 'vitest';
import { monthlyPollingCost } from './polling-cost.js';

describe('monthly polling cost', () => {
  it('is 1.20 a month for two Cost Explorer requests every 12 hours', () => {
    expect(monthlyPollingCost('0.02', 720)).toBe('1.20');
  });

  it('grows as the interval shrinks, rounded up to the cent', () => {
    expect(monthlyPollingCost('0.02', 60)).toBe('14.40');
    expect(monthlyPollingCost('0.01', 7)).toBe('61.72');
  });

  it('says nothing for an interval that is not a positive number', () => {
    expect(monthlyPollingCost('0.02', 0)).toBeNull();
    expect(monthlyPollingCost('0.02', Number.NaN)).toBeNull();
  });
});

describe('polling cost for intervals the engine stores in milliseconds', () => {
  it('rounds up a fractional-minute interval the same way', () => {
    // 90 seconds: 28,800 refreshes a month at 0.01.
    expect(monthlyPollingCost('0.01', 1.5)).toBe('288.00');
  });

  it('refuses a price that is not a plain decimal', () => {
    expect(monthlyPollingCost('abc', 60)).toBeNull();
  });
});
