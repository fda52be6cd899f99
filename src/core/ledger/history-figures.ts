/**
 * Checks every amount of a stored month file before it is used. A figure that cannot be read (not an
 * amount, an unknown currency) is left out with a note of what it was; the others are brought to the
 * canonical form (at most 12 decimals, a string), so one odd figure never stops the overview.
 */
import { formatAmount, readableCurrency, toDecimal } from '../model/money.js';

type Json = Record<string, unknown>;

const SINGLE_FIGURES = ['monthToDate', 'balance', 'spendLimit', 'forecast'] as const;
const FIGURE_LISTS = ['balances', 'dailySpend', 'breakdown'] as const;

/** Returns `raw` with unreadable figures removed; each removal is described in `problems`. */
export function readableFigures(raw: unknown, problems: string[]): unknown {
  if (!isObject(raw)) return raw;
  const file: Json = { ...raw };
  if (Array.isArray(file.balances)) file.balances = keepReadable(file.balances, 'a balance point', problems);
  if (Array.isArray(file.carriedBalances)) file.carriedBalances = keepReadable(file.carriedBalances, 'a balance carried from an earlier month', problems);
  if (isObject(file.lastGood)) {
    const lastGood: Json = { ...file.lastGood };
    for (const name of SINGLE_FIGURES) {
      if (lastGood[name] === undefined) continue;
      const figure = readable(lastGood[name]);
      if (figure) lastGood[name] = figure;
      else {
        problems.push(`the ${describe(name)} ${shown(lastGood[name])}`);
        delete lastGood[name];
      }
    }
    for (const name of FIGURE_LISTS) {
      if (Array.isArray(lastGood[name])) lastGood[name] = keepReadable(lastGood[name] as unknown[], `one of the ${describe(name)} figures`, problems);
    }
    file.lastGood = lastGood;
  }
  return file;
}

function keepReadable(items: unknown[], what: string, problems: string[]): unknown[] {
  return items.flatMap((item) => {
    const figure = readable(item);
    if (figure) return [figure];
    problems.push(`${what} ${shown(item)}`);
    return [];
  });
}

function readable(value: unknown): Json | undefined {
  if (!isObject(value) || typeof value.currency !== 'string' || !readableCurrency(value.currency)) return undefined;
  if (typeof value.amount !== 'string' && typeof value.amount !== 'number') return undefined;
  try {
    return { ...value, amount: formatAmount(toDecimal(value.amount)) };
  } catch {
    return undefined;
  }
}

function describe(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => ` ${letter.toLowerCase()}`);
}

function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return `(${text.length > 80 ? `${text.slice(0, 77)}...` : text})`;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
