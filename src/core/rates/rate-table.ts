/**
 * Reference exchange rates as the European Central Bank publishes them: units of each currency per one
 * euro, on one working day. Kept as the decimal strings the ECB wrote, so a conversion is exact decimal
 * arithmetic on exactly those figures (no float ever holds a rate).
 */
import { z } from 'zod';
import { Dec } from '../model/money.js';

export interface RateTable {
  /** Always EUR: the ECB quotes every currency against the euro. */
  readonly base: 'EUR';
  /** The working day the rates are for (YYYY-MM-DD). */
  readonly date: string;
  /** Where the figures came from, for the user ("ECB reference rates, bundled"). */
  readonly source: string;
  /** Units of the currency per 1 EUR, as decimal strings ("1.0705"). EUR itself is implicit. */
  readonly rates: Readonly<Record<string, string>>;
}

const CODE = /^[A-Z]{3}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const RATE = /^\d+(\.\d+)?$/;

export const rateTableSchema = z.object({
  base: z.literal('EUR'),
  date: z.string().regex(DATE),
  source: z.string(),
  rates: z.record(z.string().regex(CODE), z.string().regex(RATE)),
});

/** A rate the table holds for a currency (EUR is 1), or undefined when it has none. */
export function referenceRate(table: RateTable, currency: string): Dec | undefined {
  if (currency === table.base) return new Dec(1);
  const text = table.rates[currency];
  if (text === undefined) return undefined;
  const rate = new Dec(text);
  return rate.isPositive() && !rate.isZero() ? rate : undefined;
}

function checked(date: string | undefined, rates: Record<string, string>, source: string): RateTable {
  if (!date || !DATE.test(date)) throw new Error('The rates file has no date (expected YYYY-MM-DD).');
  const valid = Object.fromEntries(Object.entries(rates).filter(([code, rate]) => CODE.test(code) && RATE.test(rate) && !new Dec(rate).isZero()));
  if (Object.keys(valid).length === 0) throw new Error('The rates file holds no rates.');
  return { base: 'EUR', date, source, rates: valid };
}

/** Reads eurofxref-daily.xml (`<Cube time='…'><Cube currency='USD' rate='1.0705'/>…`). */
export function parseEurofxrefXml(xml: string, source: string): RateTable {
  const date = /<Cube\s+time=['"](\d{4}-\d{2}-\d{2})['"]/.exec(xml)?.[1];
  const rates: Record<string, string> = {};
  for (const match of xml.matchAll(/<Cube\s+currency=['"]([A-Z]{3})['"]\s+rate=['"]([\d.]+)['"]\s*\/>/g)) rates[match[1]!] = match[2]!;
  return checked(date, rates, source);
}

/**
 * Reads eurofxref.csv, the ECB's one-day CSV: a header "Date, USD, JPY, …" and one row
 * "28 June 2024, 1.0705, 171.94, …" (sometimes with a trailing comma and N/A for a missing rate).
 */
export function parseEurofxrefCsv(csv: string, source: string): RateTable {
  const [header, row] = csv.trim().split(/\r?\n/).map((line) => line.split(',').map((cell) => cell.trim()));
  if (!header || !row || header[0] !== 'Date') throw new Error('Not an ECB eurofxref CSV (expected a "Date, USD, …" header).');
  const day = new Date(`${row[0]} UTC`);
  const date = Number.isNaN(day.getTime()) ? undefined : day.toISOString().slice(0, 10);
  const rates: Record<string, string> = {};
  header.slice(1).forEach((code, index) => {
    const rate = row[index + 1];
    if (code && rate) rates[code] = rate;
  });
  return checked(date, rates, source);
}
