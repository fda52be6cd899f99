/**
 * The approximate total in the user's display currency, and the glance figures the tray title can show
 * (the shortest runway, the lowest balance). Computed once here; every face only formats them.
 *
 * Conversion is exact decimal arithmetic on the rates as published: an amount in C becomes
 * amount × rate(D) ÷ rate(C) with the ECB's units-per-euro rates (40 significant digits, no rounding of
 * its own); a rate the user set for C wins over the reference one. The converted parts are added up
 * unrounded and the sum is given to 12 decimals, like every amount of the contract; the faces round it
 * once, to the currency's usual digits. A currency with no rate is never folded in: it is named in
 * `excluded` and its native total stays on its own.
 */
import type { AccountView, Overview } from '../../shared/api.js';
import { Dec, formatAmount } from '../model/money.js';
import { referenceRate, type RateTable } from '../rates/rate-table.js';

/** One unit of a currency is worth `rate` of `currency` (what the user typed in Settings). */
export interface UserRate {
  readonly rate: string;
  readonly currency: string;
  /** The day the user set it (YYYY-MM-DD). */
  readonly setOn: string;
}

export interface ConversionSettings {
  /** Null while the user has not chosen one (the default): no converted total. */
  readonly displayCurrency: string | null;
  readonly reference: RateTable;
  readonly userRates: Readonly<Record<string, UserRate>>;
}

/** Reference rates this old (in days) are labelled stale. */
export const STALE_AFTER_DAYS = 7;

type Converted = NonNullable<Overview['converted']>;
type Glance = NonNullable<Overview['glance']>;

interface Conversion {
  readonly amount: Dec;
  readonly rate: Dec;
  readonly source: 'reference' | 'user';
  readonly setOn?: string;
}

function viaReference(amount: Dec, from: string, to: string, reference: RateTable): Conversion | undefined {
  const fromRate = referenceRate(reference, from);
  const toRate = referenceRate(reference, to);
  if (!fromRate || !toRate) return undefined;
  const rate = toRate.dividedBy(fromRate);
  return { amount: amount.times(toRate).dividedBy(fromRate), rate, source: 'reference' };
}

/** An amount in `to`, or undefined when no rate links the two currencies. */
export function convert(amount: Dec, from: string, to: string, settings: ConversionSettings): Conversion | undefined {
  if (from === to) return { amount, rate: new Dec(1), source: 'reference' };
  const user = settings.userRates[from];
  if (user) {
    const inUserCurrency = amount.times(user.rate);
    if (user.currency === to) return { amount: inUserCurrency, rate: new Dec(user.rate), source: 'user', setOn: user.setOn };
    // A rate set against another currency still helps when the reference rates link that one to `to`.
    const onward = viaReference(inUserCurrency, user.currency, to, settings.reference);
    if (onward) return { amount: onward.amount, rate: onward.rate.times(user.rate), source: 'user', setOn: user.setOn };
  }
  return viaReference(amount, from, to, settings.reference);
}

function daysBetween(date: string, now: Date): number {
  return Math.floor((now.getTime() - Date.parse(`${date}T00:00:00Z`)) / 86_400_000);
}

/** The month-to-date totals in the display currency; undefined while none is chosen. */
export function convertedTotal(totals: Overview['totals'], settings: ConversionSettings | undefined, now: Date): Converted | undefined {
  const target = settings?.displayCurrency;
  if (!settings || !target) return undefined;
  let sum = new Dec(0);
  const excluded: string[] = [];
  const rates: Converted['rates'] = [];
  let usedReference = false;
  const userDates: string[] = [];
  for (const total of totals) {
    const result = convert(new Dec(total.monthToDate), total.currency, target, settings);
    if (!result) {
      excluded.push(total.currency);
      continue;
    }
    sum = sum.plus(result.amount);
    if (total.currency === target) continue;
    rates.push({ from: total.currency, rate: formatAmount(result.rate), source: result.source });
    if (result.source === 'user') userDates.push(result.setOn!);
    else usedReference = true;
  }
  // The date that matters is that of the reference rates, unless every rate used was the user's own.
  const ratesDate = !usedReference && userDates.length > 0 ? userDates.sort().at(-1)! : settings.reference.date;
  return {
    amount: formatAmount(sum),
    currency: target,
    ratesDate,
    excluded,
    approximate: true,
    stale: usedReference && daysBetween(settings.reference.date, now) > STALE_AFTER_DAYS,
    ratesSource: usedReference || userDates.length === 0 ? settings.reference.source : 'rates you set',
    rates,
  };
}

/**
 * The tray's glance figures. The shortest runway is the fewest days of any account. The lowest balance
 * is one account's primary balance, shown in its own currency; balances in different currencies are
 * compared through the rates (into the display currency, or the euro when none is chosen), and one
 * without a rate is compared only when every balance is in its currency.
 */
export function glanceFigures(accounts: readonly AccountView[], settings: ConversionSettings | undefined): Glance {
  let shortestRunway: Glance['shortestRunway'] = null;
  for (const account of accounts) {
    const days = account.runway?.days;
    if (typeof days === 'number' && (shortestRunway === null || days < shortestRunway.days)) shortestRunway = { accountId: account.id, days };
  }
  const balances = accounts.flatMap((account) => (account.balance ? [{ accountId: account.id, amount: account.balance.amount, currency: account.balance.currency }] : []));
  const oneCurrency = balances.every((balance) => balance.currency === balances[0]?.currency);
  const target = settings?.displayCurrency ?? 'EUR';
  const value = (balance: (typeof balances)[number]) =>
    oneCurrency ? new Dec(balance.amount) : settings ? convert(new Dec(balance.amount), balance.currency, target, settings)?.amount : undefined;
  let lowest: { balance: (typeof balances)[number]; value: Dec } | undefined;
  for (const balance of balances) {
    const comparable = value(balance);
    if (comparable && (!lowest || comparable.lessThan(lowest.value))) lowest = { balance, value: comparable };
  }
  return { shortestRunway, lowestBalance: lowest ? lowest.balance : null };
}

/** What build-overview adds to the Overview: the converted total (only with a display currency) and the glance figures. */
export function displayFigures(
  totals: Overview['totals'],
  accounts: readonly AccountView[],
  settings: ConversionSettings | undefined,
  now: Date,
): Pick<Overview, 'converted' | 'glance'> {
  const converted = convertedTotal(totals, settings, now);
  return { ...(converted ? { converted } : {}), glance: glanceFigures(accounts, settings) };
}
