/**
 * Property tests of money: what a person types is either an exact amount or a clear InputError; what a
 * provider sends (any finite JSON number, any decimal string) becomes a canonical amount that reads back
 * from a stored file; sums are exact (checked against integer arithmetic) and never mix currencies.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/model/input-error.js';
import { Dec, formatAmount, money, parseAmount, sum, toDecimal } from '../../src/core/model/money.js';

const RUNS = 2000;
const checked: string[] = [];

/** A decimal string within the accepted range: up to 13 integer digits and 12 decimals. */
const decimalText = fc
  .tuple(fc.boolean(), fc.stringMatching(/^\d{1,13}$/), fc.option(fc.stringMatching(/^\d{1,12}$/), { nil: undefined }))
  .map(([negative, whole, fraction]) => `${negative ? '-' : ''}${whole}${fraction === undefined ? '' : `.${fraction}`}`);

/** Exact value of such a string in units of 1e-12, as a BigInt. */
function picoUnits(text: string): bigint {
  const negative = text.startsWith('-');
  const [whole = '0', fraction = ''] = text.replace('-', '').split('.');
  const units = BigInt(whole) * 10n ** 12n + BigInt(fraction.padEnd(12, '0'));
  return negative ? -units : units;
}

function run(name: string, property: fc.IProperty<unknown> | fc.IAsyncProperty<unknown>): void {
  fc.assert(property as fc.IProperty<unknown>, { numRuns: RUNS });
  checked.push(name);
}

describe('money properties', () => {
  it('parseAmount returns an exact amount or throws an InputError, for any text', () => {
    run(
      'parse-any-text',
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[-+ .0-9eE,_x]{0,20}$/)), (text) => {
        try {
          const amount = parseAmount(text);
          expect(amount.decimalPlaces()).toBeLessThanOrEqual(12);
          expect(/^\s*[+-]?(\d+(\.\d+)?|\.\d+)\s*$/.test(text)).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
        }
      }),
    );
  });

  it('every decimal in range parses exactly and formats back to a string that parses to the same amount', () => {
    run(
      'parse-format-roundtrip',
      fc.property(decimalText, (text) => {
        const amount = parseAmount(text);
        expect(picoUnits(amount.toFixed(12))).toBe(picoUnits(text));
        const stored = formatAmount(amount);
        expect(stored).toMatch(/^-?\d+\.\d{2,12}$/);
        expect(parseAmount(stored).equals(amount)).toBe(true);
      }),
    );
  });

  it('any finite JSON number from a provider becomes a canonical amount that reads back from a file', () => {
    run(
      'provider-number-canonical',
      fc.property(fc.double({ min: -9e12, max: 9e12, noNaN: true, noDefaultInfinity: true }), (value) => {
        const amount = toDecimal(value);
        expect(amount.decimalPlaces()).toBeLessThanOrEqual(12);
        // Within half a unit of the 12th decimal of the number's own shortest form.
        expect(amount.minus(new Dec(String(value))).abs().lte('5e-13')).toBe(true);
        const stored = formatAmount(amount);
        expect(parseAmount(stored).equals(amount)).toBe(true);
        expect(formatAmount(toDecimal(stored))).toBe(stored);
      }),
    );
  });

  it('any decimal string from a provider, however many decimals, reads back after it is stored', () => {
    run(
      'provider-string-canonical',
      fc.property(fc.stringMatching(/^-?\d{1,12}\.\d{0,30}$/).filter((text) => !text.endsWith('.')), (text) => {
        const stored = formatAmount(money(text, 'USD').amount);
        expect(parseAmount(stored).minus(new Dec(text)).abs().lte('5e-13')).toBe(true);
      }),
    );
  });

  it('sums are exact, whatever the order', () => {
    run(
      'sum-exact',
      fc.property(fc.array(decimalText, { maxLength: 30 }), (texts) => {
        const amounts = texts.map((text) => money(text, 'USD'));
        const total = sum(amounts, 'USD');
        const expected = texts.reduce((units, text) => units + picoUnits(text), 0n);
        expect(picoUnits(total.amount.toFixed(12))).toBe(expected);
        expect(sum([...amounts].reverse(), 'USD').amount.equals(total.amount)).toBe(true);
      }),
    );
  });

  it('a sum never adds two currencies', () => {
    run(
      'sum-one-currency',
      fc.property(fc.array(decimalText, { minLength: 1, maxLength: 5 }), fc.constantFrom('EUR', 'CNY', 'JPY'), (texts, other) => {
        const amounts = [...texts.map((text) => money(text, 'USD')), money('1', other)];
        expect(() => sum(amounts, 'USD')).toThrow(/never converts/);
      }),
    );
  });

  it('prints what was checked', () => {
    console.log(`[storage money properties] ${checked.length} properties x ${RUNS} runs each: ${checked.join(', ')}; 0 counterexamples`);
    expect(checked).toHaveLength(6);
  });
});
