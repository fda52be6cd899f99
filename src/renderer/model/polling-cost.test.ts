import { describe, expect, it } from 'vitest';
import { monthlyPollingCost } from './polling-cost';

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
