import { describe, expect, it } from 'vitest';
import { amountToNumber, compareAmounts, fromMicros, scaleAmount, sumAmounts, toMicros } from './amounts';

describe('amounts', () => {
  it('reads decimal strings exactly into micro-units and back, with at least two decimals', () => {
    expect(toMicros('12.345678')).toBe(12_345_678n);
    expect(toMicros('-0.5')).toBe(-500_000n);
    expect(toMicros('.25')).toBe(250_000n);
    expect(toMicros('0.0000005')).toBe(1n);
    expect(toMicros('12,50')).toBeNull();
    expect(toMicros('')).toBeNull();
    expect(fromMicros(12_500_000n)).toBe('12.50');
    expect(fromMicros(12_345_678n)).toBe('12.345678');
    expect(fromMicros(-1_000_000n)).toBe('-1.00');
    expect(fromMicros(0n)).toBe('0.00');
  });

  it('adds without float error', () => {
    expect(sumAmounts(['0.1', '0.2'])).toBe('0.30');
    expect(sumAmounts(['9007199254740993.01', '0.01'])).toBe('9007199254740993.02');
    expect(sumAmounts([])).toBe('0.00');
  });

  it('scales for a projection and compares exactly', () => {
    expect(scaleAmount('10.00', 30, 10)).toBe('30.00');
    expect(scaleAmount('1.00', 31, 3)).toBe('10.333333');
    expect(scaleAmount('x', 30, 10)).toBeNull();
    expect(compareAmounts('10.000001', '10')).toBe(1);
    expect(compareAmounts('-1', '0')).toBe(-1);
    expect(amountToNumber('74.75')).toBe(74.75);
  });
});
