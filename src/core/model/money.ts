/**
 * Exact money. Amounts are decimal.js values, never binary floats: providers send decimal strings with
 * fractional cents (Anthropic: "123.78912" cents) and dollars as JSON numbers (OpenAI), and both must
 * add up to the cent the user sees on the invoice.
 */
import DecimalModule, { type Decimal as DecimalClass } from 'decimal.js';
import { InputError } from './input-error.js';

// decimal.mjs has only a default export, but its typings describe a CommonJS module under NodeNext.
const Decimal = DecimalModule as unknown as typeof DecimalClass;

/** A private Decimal constructor: enough precision for any bill, and no exponent notation in output. */
export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -30, toExpPos: 40 });
export type Dec = InstanceType<typeof Dec>;

/** Largest magnitude accepted: a trillion in any currency, with at most 12 fractional digits. */
const MAX_INTEGER_DIGITS = 13;
const MAX_FRACTION_DIGITS = 12;
const LIMIT = new Dec(10).pow(MAX_INTEGER_DIGITS);

/** ISO 4217 codes are three upper-case letters; Intl knows which ones exist. */
const knownCurrencies = new Set(Intl.supportedValuesOf('currency'));

/** Raised for amounts and currencies a person typed; carries the field so forms can point at it. */
export { InputError as MoneyInputError };

export interface Money {
  readonly amount: Dec;
  readonly currency: string;
}

export function money(amount: Dec | string | number, currency: string): Money {
  return { amount: toDecimal(amount), currency: normalizeCurrency(currency) };
}

export function zero(currency: string): Money {
  return money(0, currency);
}

/** Accepts "USD", "usd": providers differ (OpenAI sends lower case). Throws on codes Intl does not know. */
export function normalizeCurrency(code: string): string {
  const upper = code.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(upper) || !knownCurrencies.has(upper)) {
    throw new InputError(`Unknown currency "${code}": use a three-letter ISO 4217 code such as USD or EUR.`, 'currency');
  }
  return upper;
}

/**
 * Parses what a person typed ("12.50", "1,234.5" is refused) exactly. Only plain decimals are money:
 * "abc", "NaN", "Infinity", "1e309" and amounts beyond the exact range are refused with a message.
 */
export function parseAmount(text: string, field = 'amount'): Dec {
  const trimmed = text.trim();
  if (trimmed === '') throw new InputError('Enter an amount, for example 12.50.', field);
  if (!/^[+-]?\d+(\.\d+)?$/.test(trimmed) && !/^[+-]?\.\d+$/.test(trimmed)) {
    throw new InputError(`"${text}" is not an amount: use digits with an optional decimal point, for example 12.50.`, field);
  }
  const [integerPart = '', fractionPart = ''] = trimmed.replace(/^[+-]/, '').split('.');
  if (integerPart.replace(/^0+/, '').length > MAX_INTEGER_DIGITS) {
    throw new InputError(`"${text}" is too large: amounts up to 9,999,999,999,999 are accepted.`, field);
  }
  if (fractionPart.length > MAX_FRACTION_DIGITS) {
    throw new InputError(`"${text}" has more than ${MAX_FRACTION_DIGITS} decimal places.`, field);
  }
  return new Dec(trimmed);
}

/**
 * Converts what a provider sent or a file holds (a JSON number or a decimal string) without going
 * through float maths, into the canonical form: at most 12 decimals (half-even). A provider may send
 * 13.629999999999999 for 13.63; kept as it came, it would be a figure no reader accepts.
 */
export function toDecimal(value: Dec | string | number): Dec {
  if (value instanceof Dec) return canonical(value);
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new InputError(`${value} is not a finite amount.`, 'amount');
    // String(n) is the shortest round-trip form, so 0.1 stays 0.1 rather than 0.1000000000000000055…
    text = String(value);
  } else {
    text = value.trim();
    if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) throw new InputError(`"${value}" is not an amount.`, 'amount');
  }
  const amount = canonical(new Dec(text));
  if (amount.abs().gte(LIMIT)) throw new InputError(`${text} is too large: amounts up to 9,999,999,999,999 are accepted.`, 'amount');
  return amount;
}

/** True when a stored amount can be read back (what stores check before using a record). */
export function readableAmount(text: string): boolean {
  try {
    toDecimal(text);
    return true;
  } catch {
    return false;
  }
}

export function readableCurrency(code: string): boolean {
  try {
    normalizeCurrency(code);
    return true;
  } catch {
    return false;
  }
}

function canonical(amount: Dec): Dec {
  return amount.decimalPlaces() > MAX_FRACTION_DIGITS ? amount.toDecimalPlaces(MAX_FRACTION_DIGITS, Dec.ROUND_HALF_EVEN) : amount;
}

/**
 * The canonical form of an amount a provider sent (at most 12 decimals, half-even, no -0), or undefined
 * when it is beyond any bill Spendbar can hold. Adapters call this where figures arrive; the stores read
 * back exactly this range.
 */
export function canonicalAmount(value: Dec): Dec | undefined {
  if (!value.isFinite()) return undefined;
  const rounded = canonical(value);
  if (rounded.abs().gte(LIMIT)) return undefined;
  // -0 would print as "-0.00" in places that do not go through formatAmount.
  return rounded.isZero() ? new Dec(0) : rounded;
}

/**
 * Decimal string with at least two decimals, at most 12, and no exponent: "10.00", "1.2378912",
 * "-3.50". Everything Spendbar writes goes through here, so every stored amount reads back.
 */
export function formatAmount(amount: Dec): string {
  const rounded = canonical(amount);
  const places = Math.max(2, rounded.decimalPlaces());
  const fixed = rounded.toFixed(places);
  return fixed === '-0.00' ? '0.00' : fixed.replace(/^-0(\.0+)$/, '0$1');
}

export function add(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return { amount: a.amount.plus(b.amount), currency: a.currency };
}

export function subtract(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return { amount: a.amount.minus(b.amount), currency: a.currency };
}

export function sum(amounts: readonly Money[], currency: string): Money {
  return amounts.reduce((total, item) => add(total, item), zero(currency));
}

function assertSameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) {
    throw new Error(`Cannot add ${a.currency} and ${b.currency}: Spendbar never converts currencies silently.`);
  }
}
