import { describe, expect, it } from 'vitest';
import { checkCurrency, checkEntryAmount, checkInterval, checkOptionalMoney, checkRunwayDays } from './validation';

describe('checkEntryAmount', () => {
  it('accepts positive decimals for spend and top-ups', () => {
    expect(checkEntryAmount('3.20', 'spend')).toBeNull();
    expect(checkEntryAmount(' 25 ', 'topup')).toBeNull();
    expect(checkEntryAmount('.5', 'spend')).toBeNull();
  });

  it('refuses what is not a positive decimal with a message that says how to write it', () => {
    expect(checkEntryAmount('', 'spend')).toBe('Enter an amount, for example 12.50.');
    expect(checkEntryAmount('3,2x', 'spend')).toMatch(/"3,2x" is not an amount: use digits/);
    expect(checkEntryAmount('12,50', 'spend')).toMatch(/not an amount/);
    expect(checkEntryAmount('1e3', 'spend')).toMatch(/not an amount/);
    expect(checkEntryAmount('0', 'spend')).toBe('A spend amount must be positive; got 0.');
    expect(checkEntryAmount('-4', 'topup')).toBe('A top-up amount must be positive; got -4.');
    expect(checkEntryAmount('0.0000000000001', 'spend')).toMatch(/more than 12 decimal places/);
  });

  it('lets a known balance be zero or negative', () => {
    expect(checkEntryAmount('0', 'balance')).toBeNull();
    expect(checkEntryAmount('-12.40', 'balance')).toBeNull();
  });
});

describe('settings fields', () => {
  it('accepts an empty threshold, refuses a negative or unreadable one', () => {
    expect(checkOptionalMoney('', 'The budget')).toBeNull();
    expect(checkOptionalMoney('500', 'The budget')).toBeNull();
    expect(checkOptionalMoney('-5', 'The budget')).toBe('The budget cannot be negative.');
    expect(checkOptionalMoney('five', 'The budget')).toMatch(/not an amount/);
  });

  it('checks runway days, intervals against the provider minimum, and currency codes', () => {
    expect(checkRunwayDays('7')).toBeNull();
    expect(checkRunwayDays('0')).toMatch(/from 1 to 365/);
    expect(checkRunwayDays('400')).toMatch(/from 1 to 365/);
    expect(checkInterval('60', 15)).toBeNull();
    expect(checkInterval('5', 15)).toBe('At least 15 minutes for this provider.');
    expect(checkInterval('0', 1)).toBe('At least 1 minute for this provider.');
    expect(checkInterval('1.5', 1)).toBe('Enter the interval in whole minutes.');
    expect(checkInterval('20000', 1)).toMatch(/At most a week/);
    expect(checkCurrency('eur')).toBeNull();
    expect(checkCurrency('EURO')).toMatch(/three-letter/);
  });
});
