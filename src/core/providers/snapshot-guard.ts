/**
 * The boundary between an adapter and the engine. Every adapter's fetchSnapshot goes through `guarded`:
 * whatever a provider sent, the engine gets either a ProviderError or a snapshot it can store and read
 * back. Amounts are brought into canonical form (sums and cent conversions can add decimals), figures
 * beyond any bill and counts that are not finite or negative are refused as a parse error (the last good
 * figures stay), a spend limit below zero or beyond any bill and a reset time that is no time are set
 * aside on their own, and a fault in mapping code becomes a parse error instead of a crash.
 */
import type { Money } from '../model/money.js';
import { ProviderError, redact } from '../model/provider-error.js';
import type { Figure, Snapshot } from '../model/snapshot.js';
import { canonicalAmount } from './adapter-kit.js';
import type { ProviderContext, ProviderSnapshot } from './provider.js';

type Fetch = (context: ProviderContext) => Promise<ProviderSnapshot>;

/** Errors made here from a fault in mapping code; tests use it to find adapters that need a real check. */
const unmapped = new WeakSet<ProviderError>();

export function isUnmappedFailure(error: unknown): boolean {
  return error instanceof ProviderError && unmapped.has(error);
}

export function guarded(providerName: string, fetch: Fetch): Fetch {
  return async (context) => {
    let snapshot: ProviderSnapshot;
    try {
      snapshot = await fetch(context);
    } catch (error) {
      if (error instanceof ProviderError) throw error;
      const detail = error instanceof Error ? error.message : String(error);
      const wrapped = new ProviderError(
        'parse',
        redact(`${providerName} answered with data Spendbar could not read (${detail.slice(0, 160)}). The last good figures are kept.`, context.secrets),
      );
      unmapped.add(wrapped);
      throw wrapped;
    }
    const { settled, ...figures } = snapshot;
    // The kept buckets are the provider's own decoded answers, not figures: they pass as they are.
    return settled === undefined ? canonicalSnapshot(providerName, figures) : { ...canonicalSnapshot(providerName, figures), settled };
  };
}

/** The snapshot with canonical amounts; a ProviderError of kind parse when a figure cannot be held. */
export function canonicalSnapshot(providerName: string, snapshot: Snapshot): Snapshot {
  const refuse = (what: string, value: string): never => {
    throw new ProviderError('parse', `${providerName} reported ${what} of ${value.slice(0, 40)}, which no bill can be; the last good figures are kept.`);
  };
  const canonical = (what: string, item: Money): Money => {
    const amount = canonicalAmount(item.amount);
    return amount === undefined ? refuse(`${what}`, item.amount.toString()) : { amount, currency: item.currency };
  };
  const figure = (what: string, item: Figure | undefined): Figure | undefined =>
    item && { money: canonical(what, item.money), confidence: item.confidence };
  // A spend limit below zero or beyond any bill means nothing: it is set aside on its own.
  const limitAmount = snapshot.spendLimit && canonicalAmount(snapshot.spendLimit.money.amount);
  const oddLimit = snapshot.spendLimit !== undefined && (limitAmount === undefined || limitAmount.isNegative());
  const count = (what: string, value: number | undefined): void => {
    if (value !== undefined && !(Number.isFinite(value) && value >= 0)) refuse(what, String(value));
  };
  count('a quota use', snapshot.quota?.used);
  count('a quota limit', snapshot.quota?.limit);
  for (const usage of snapshot.usage ?? []) {
    for (const value of [usage.inputTokens, usage.outputTokens, usage.cachedInputTokens, usage.requests]) count('a token or request count', value);
  }
  // Only the fields the adapter set are written back, so an absent figure stays absent.
  const result: { -readonly [Key in keyof Snapshot]: Snapshot[Key] } = { ...snapshot };
  if (snapshot.monthToDate) result.monthToDate = figure('a month-to-date', snapshot.monthToDate);
  if (snapshot.balance) result.balance = figure('a balance', snapshot.balance);
  if (snapshot.balances) result.balances = snapshot.balances.map((item) => figure('a balance', item)!);
  if (snapshot.spendLimit && limitAmount) {
    result.spendLimit = { money: { amount: limitAmount, currency: snapshot.spendLimit.money.currency }, confidence: snapshot.spendLimit.confidence };
  }
  if (oddLimit) {
    delete result.spendLimit;
    result.notes = [...(snapshot.notes ?? []), `${providerName} reported a spend limit of ${snapshot.spendLimit!.money.amount.toString().slice(0, 24)}, which cannot be; it is not shown.`];
  }
  if (snapshot.forecast) result.forecast = figure('a forecast', snapshot.forecast);
  if (snapshot.dailySpend) result.dailySpend = snapshot.dailySpend.map((day) => ({ date: day.date, money: canonical('a daily spend', day.money) }));
  // A reset time that is no time (an empty string, "2026-02-30") is unknown, not "Invalid Date".
  if (snapshot.quota?.resetsAt !== undefined && Number.isNaN(Date.parse(snapshot.quota.resetsAt))) {
    const { resetsAt: _unreadable, ...quota } = snapshot.quota;
    result.quota = quota;
  }
  if (snapshot.breakdown) result.breakdown = snapshot.breakdown.map((item) => ({ ...item, money: canonical('a breakdown line', item.money) }));
  return result;
}
