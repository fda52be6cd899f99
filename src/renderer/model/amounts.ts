/**
 * Exact arithmetic on the engine's decimal strings, in integer micro-units (BigInt). The renderer only
 * adds, subtracts and scales figures for display (a forecast, a bar), so six decimals are plenty and a
 * decimal library would only grow the bundle. Never route money through a float before it is shown.
 */

const MICROS_PER_UNIT = 1_000_000n;
const DECIMAL = /^([+-]?)(\d*)(?:\.(\d+))?$/;

/** "12.345678" -> 12345678n; beyond six decimals rounds half away from zero; null when unreadable. */
export function toMicros(amount: string): bigint | null {
  const match = DECIMAL.exec(amount.trim());
  if (!match || (match[2] === '' && match[3] === undefined)) return null;
  const [, sign, whole = '', fraction = ''] = match;
  const kept = (fraction + '000000').slice(0, 6);
  let micros = BigInt(whole || '0') * MICROS_PER_UNIT + BigInt(kept);
  if (fraction.length > 6 && Number(fraction[6]) >= 5) micros += 1n;
  return sign === '-' ? -micros : micros;
}

/** 12345678n -> "12.345678", 12500000n -> "12.50": at least two decimals, trailing zeros beyond dropped. */
export function fromMicros(micros: bigint): string {
  const negative = micros < 0n;
  const magnitude = negative ? -micros : micros;
  const whole = magnitude / MICROS_PER_UNIT;
  const fraction = (magnitude % MICROS_PER_UNIT).toString().padStart(6, '0').replace(/0+$/, '').padEnd(2, '0');
  const text = `${whole}.${fraction}`;
  return negative && magnitude !== 0n ? `-${text}` : text;
}

/** Sum of decimal strings; unreadable ones are skipped (the engine validated them already). */
export function sumAmounts(amounts: readonly string[]): string {
  return fromMicros(amounts.reduce((total, amount) => total + (toMicros(amount) ?? 0n), 0n));
}

/** `amount * numerator / denominator`, rounded to micro-units (for a linear month-end projection). */
export function scaleAmount(amount: string, numerator: number, denominator: number): string | null {
  const micros = toMicros(amount);
  if (micros === null || denominator <= 0) return null;
  const scaled = (micros * BigInt(Math.round(numerator * 1000))) / BigInt(Math.round(denominator * 1000));
  return fromMicros(scaled);
}

/** For sizes on screen only (bars, chart heights), where a float is fine and nothing is added up. */
export function amountToNumber(amount: string): number {
  const micros = toMicros(amount);
  return micros === null ? 0 : Number(micros) / 1_000_000;
}

/** Orders two decimal strings exactly: negative, zero or positive like a sort comparator. */
export function compareAmounts(a: string, b: string): number {
  const difference = (toMicros(a) ?? 0n) - (toMicros(b) ?? 0n);
  return difference === 0n ? 0 : difference < 0n ? -1 : 1;
}
