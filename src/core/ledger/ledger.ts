/**
 * The ledger's arithmetic, pure: month-to-date from manual entries, and the estimated balance
 * = last known balance + top-ups since - spend since. Dates are calendar dates (YYYY-MM-DD); a known
 * balance holds at the end of its date, so entries dated the same day are already inside it.
 */
import { Dec, add, money, normalizeCurrency, subtract, sum, zero, type Money } from '../model/money.js';
import type { Confidence, Figure } from '../model/snapshot.js';
import { CANONICAL_AMOUNT, type LedgerEntry } from './entries-store.js';

export interface DatedMoney {
  readonly date: string;
  readonly money: Money;
}

export interface BalanceAnchor extends DatedMoney {
  readonly confidence: Confidence;
}

export interface BalanceInputs {
  /** Known balances: manual balance entries and official balance points (dated by their day). */
  readonly anchors: readonly BalanceAnchor[];
  readonly topUps: readonly DatedMoney[];
  /** Manual spend entries and, for providers that report spend, the official daily spend. */
  readonly spend: readonly DatedMoney[];
}

const decoded = new WeakMap<LedgerEntry, Money>();

/**
 * An entry's amount as Money, decoded once: the store hands out the same entry objects until the ledger
 * file changes, so the figures of every overview do not parse thousands of amounts again.
 */
export function entryMoney(entry: LedgerEntry): Money {
  let amount = decoded.get(entry);
  if (!amount) {
    // Stored amounts are plain decimals in range (formatAmount wrote them): no rounding or range check to do.
    amount = CANONICAL_AMOUNT.test(entry.amount) ? { amount: new Dec(entry.amount), currency: normalizeCurrency(entry.currency) } : money(entry.amount, entry.currency);
    decoded.set(entry, amount);
  }
  return amount;
}

const monthTotals = new WeakMap<readonly LedgerEntry[], Map<string, Money[]>>();

/**
 * Entries of one account for one month, as the amounts they add to month-to-date, per currency;
 * remembered per list and month (the store hands out the same lists until the ledger file changes).
 */
export function manualSpendByCurrency(entries: readonly LedgerEntry[], month: string): Money[] {
  let byMonth = monthTotals.get(entries);
  if (!byMonth) monthTotals.set(entries, (byMonth = new Map()));
  const known = byMonth.get(month);
  if (known) return known;
  const totals = new Map<string, Money>();
  for (const entry of entries) {
    if (entry.kind !== 'spend' || !entry.date.startsWith(`${month}-`)) continue;
    const amount = entryMoney(entry);
    totals.set(amount.currency, add(totals.get(amount.currency) ?? zero(amount.currency), amount));
  }
  const result = [...totals.values()];
  byMonth.set(month, result);
  return result;
}

/**
 * Estimated balance in one currency, or undefined when nothing is known. Without any known balance,
 * top-ups are the starting point: credit loaded minus what was spent from the first top-up on.
 */
export function estimateBalance(inputs: BalanceInputs, currency: string): Figure | undefined {
  const inCurrency = <T extends DatedMoney>(items: readonly T[]) => items.filter((item) => item.money.currency === currency);
  const anchors = inCurrency(inputs.anchors);
  const topUps = inCurrency(inputs.topUps);
  const spend = inCurrency(inputs.spend);
  const latest = anchors.reduce<BalanceAnchor | undefined>((best, anchor) => (!best || anchor.date >= best.date ? anchor : best), undefined);

  if (latest) {
    const laterTopUps = topUps.filter((item) => item.date > latest.date);
    const laterSpend = spend.filter((item) => item.date > latest.date);
    const adjusted = subtract(add(latest.money, sum(laterTopUps.map((item) => item.money), currency)), sum(laterSpend.map((item) => item.money), currency));
    const confidence = laterTopUps.length + laterSpend.length === 0 ? latest.confidence : 'estimated';
    return { money: adjusted, confidence };
  }
  if (topUps.length === 0) return undefined;
  const firstTopUp = topUps.reduce((first, item) => (item.date < first ? item.date : first), topUps[0]!.date);
  const loaded = sum(topUps.map((item) => item.money), currency);
  const spent = sum(spend.filter((item) => item.date >= firstTopUp).map((item) => item.money), currency);
  return { money: subtract(loaded, spent), confidence: 'estimated' };
}

const splitInputs = new WeakMap<readonly LedgerEntry[], BalanceInputs>();

/**
 * Ledger entries of one account split into the balance inputs; remembered per list, since the store
 * hands out the same lists until the ledger file changes.
 */
export function balanceInputsFromEntries(entries: readonly LedgerEntry[]): BalanceInputs {
  let inputs = splitInputs.get(entries);
  if (!inputs) {
    const dated = (entry: LedgerEntry) => ({ date: entry.date, money: entryMoney(entry) });
    inputs = {
      anchors: entries.filter((entry) => entry.kind === 'balance').map((entry) => ({ ...dated(entry), confidence: 'manual' as const })),
      topUps: entries.filter((entry) => entry.kind === 'topup').map(dated),
      spend: entries.filter((entry) => entry.kind === 'spend').map(dated),
    };
    splitInputs.set(entries, inputs);
  }
  return inputs;
}
