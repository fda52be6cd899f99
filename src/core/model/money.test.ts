import { describe, expect, it } from 'vitest';
import { Dec, add, formatAmount, money, parseAmount, sum, toDecimal } from './money.js';

describe('Money', () => {
  it('keeps Anthropic fractional cents exact', () => {
    const cents = parseAmount('123.78912').plus(parseAmount('876.21088'));
    expect(formatAmount(cents.div(100))).toBe('10.00');
    expect(formatAmount(parseAmount('123.78912').div(100))).toBe('1.2378912');
  });

  it('adds JSON-number dollars without float drift', () => {
    const total = sum([money(0.1, 'usd'), money(0.2, 'USD')], 'USD');
    expect(formatAmount(total.amount)).toBe('0.30');
    expect(total.currency).toBe('USD');
  });

  it.each(['abc', 'NaN', 'Infinity', '1e309', '1e3', '12,50', '', '  ', '--1', '1.', '0x10'])('refuses %j', (text) => {
    expect(() => parseAmount(text)).toThrow(/amount|too large|decimal/i);
  });

  it('refuses amounts beyond the exact range', () => {
    expect(() => parseAmount('99999999999999999999')).toThrow(/too large/);
    expect(() => parseAmount('1.1234567890123')).toThrow(/decimal places/);
  });

  it('formats with at least two decimals and never an exponent', () => {
    expect(formatAmount(new Dec('10'))).toBe('10.00');
    expect(formatAmount(new Dec('0.000001'))).toBe('0.000001');
    expect(formatAmount(new Dec('1e-7'))).toBe('0.0000001');
    expect(formatAmount(new Dec('-0'))).toBe('0.00');
    expect(formatAmount(new Dec('123456789012.5'))).toBe('123456789012.50');
  });

  it('never adds two currencies', () => {
    expect(() => add(money('1', 'USD'), money('1', 'CNY'))).toThrow(/never converts/);
  });

  it('refuses unknown currencies', () => {
    expect(() => money('1', 'XYZ')).toThrow(/Unknown currency/);
    expect(() => money('1', 'US')).toThrow(/Unknown currency/);
  });

  it('refuses non-finite numbers from a provider', () => {
    expect(() => toDecimal(Number.NaN)).toThrow(/finite/);
  });

  it('brings a provider figure with more than 12 decimals to the canonical form', () => {
    expect(formatAmount(money(13.629999999999999, 'USD').amount)).toBe('13.63');
    expect(formatAmount(toDecimal('0.12345678901234567'))).toBe('0.123456789012');
    expect(() => parseAmount(formatAmount(toDecimal(13.629999999999999)))).not.toThrow();
  });

  it('never formats more than 12 decimals, so what is stored reads back', () => {
    const third = new Dec(1).div(3);
    expect(formatAmount(third)).toBe('0.333333333333');
    expect(parseAmount(formatAmount(third)).toString()).toBe('0.333333333333');
  });
});
