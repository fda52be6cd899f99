/**
 * The alert rules, pure: figures in, one observation per rule instance out. An observation says whether
 * the condition holds now ('on'), has clearly gone away ('off': the rule re-arms), or sits in between
 * ('keep': a hysteresis band, or nothing trustworthy to judge by, so the previous state stands).
 * decide.ts turns observations into notifications; a rule never decides whether to notify.
 */
import { Dec } from '../model/money.js';
import type { AccountTrack, AlertSettings } from './alert-model.js';
import { budgetObservations } from './budget-rules.js';
import { show, type AccountFacts, type AlertFacts } from './facts.js';
import type { Observation, Verdict } from './observation.js';

export type { AlertKind, Observation, Verdict } from './observation.js';

export function observe(facts: AlertFacts, tracks: Readonly<Record<string, AccountTrack>>, settings: AlertSettings): Observation[] {
  const observations: Observation[] = [];
  for (const account of facts.accounts) {
    observations.push(...lowBalance(account), ...credentials(account), ...reconciliation(account, tracks[account.id], settings, facts.month));
    const budget = account.thresholds.monthlyBudget;
    // Stale figures are last good ones; a budget crossing must come from a poll that just worked.
    if (account.fresh && budget !== undefined && account.monthToDate) {
      const monthEnd = account.monthEnd?.currency === account.monthToDate.currency ? account.monthEnd : undefined;
      observations.push(
        ...budgetObservations({ scope: account.id, accountId: account.id, label: account.label, spend: account.monthToDate, budget, monthEnd, month: facts.month }),
      );
    }
  }
  for (const budget of facts.budgets) {
    const total = facts.totals.find((candidate) => candidate.currency === budget.currency);
    const spend = total ?? { amount: new Dec(0), currency: budget.currency };
    observations.push(
      ...budgetObservations({ scope: `total:${budget.currency}`, accountId: null, label: `all accounts (${budget.currency})`, spend, budget: budget.amount, monthEnd: total?.monthEnd, month: facts.month }),
    );
  }
  return observations;
}

/** Money and runway thresholds are one alert: a balance that crosses both at once is one notification. */
function lowBalance(account: AccountFacts): Observation[] {
  const key = `low-balance:${account.id}`;
  const { lowBalance: floor, lowRunwayDays } = account.thresholds;
  const base = { key, snoozeKey: key, accountId: account.id, kind: 'low-balance' as const };
  if (floor === undefined && lowRunwayDays === undefined) return [{ ...base, verdict: 'off', title: '', body: '' }];
  if (!account.fresh || !account.balance) return [];
  const balance = account.balance.amount;

  // Re-arm only well clear of the threshold, so a balance wobbling around it alerts once.
  const money: Level = floor === undefined ? 'clear' : balance.lessThan(floor) ? 'low' : balance.greaterThan(floor.plus(Dec.max(floor.times('0.1'), '0.01'))) ? 'clear' : 'band';
  const runwayDays = account.runwayDays;
  let days: Level;
  if (lowRunwayDays === undefined || runwayDays === 'infinite') days = 'clear';
  else if (runwayDays === undefined) days = 'unknown';
  else days = runwayDays < lowRunwayDays ? 'low' : runwayDays > lowRunwayDays + Math.max(1, lowRunwayDays * 0.1) ? 'clear' : 'band';

  const verdict: Verdict = money === 'low' || days === 'low' ? 'on' : money === 'clear' && days === 'clear' ? 'off' : 'keep';
  const left = show({ amount: balance, currency: account.balance.currency });
  const pace = runwaySentence(account);
  if (money === 'low') {
    return [{ ...base, verdict, title: `Low balance: ${account.label}`, body: `${left} left, below your ${show({ amount: floor!, currency: account.balance.currency })} alert.${pace}` }];
  }
  return [{ ...base, verdict, title: `Credit running out: ${account.label}`, body: `${left} left, under your ${lowRunwayDays}-day runway alert.${pace}` }];
}

type Level = 'low' | 'band' | 'clear' | 'unknown';

function runwaySentence(account: AccountFacts): string {
  if (typeof account.runwayDays !== 'number' || !account.runway?.burnPerDay || !account.balance) return '';
  const until = account.runway.depletionDate ? ` (until about ${account.runway.depletionDate})` : '';
  return ` At ${show({ amount: new Dec(account.runway.burnPerDay), currency: account.balance.currency })} a day that lasts ${account.runwayDays} days${until}.`;
}

/** One notification when a key starts failing, however many polls fail; a successful poll re-arms it. */
function credentials(account: AccountFacts): Observation[] {
  const key = `credentials:${account.id}`;
  const base = { key, snoozeKey: key, accountId: account.id, kind: 'credentials' as const };
  if (account.fresh) return [{ ...base, verdict: 'off', title: '', body: '' }];
  if (account.error?.kind !== 'auth' && account.error?.kind !== 'permission') return [];
  const what = account.error.kind === 'auth' ? 'Key not accepted' : 'Key lacks permission';
  return [{ ...base, verdict: 'on', title: `${what}: ${account.label}`, body: account.error.message }];
}

/**
 * Official spend against an estimate of the same spend: tracked usage for the whole month (the overview's
 * reconciliation figures, the very numbers the account's detail shows), or, for an account without
 * tracked usage, the balance's fall over the poll intervals without a top-up. Both figures go into the message.
 */
function reconciliation(account: AccountFacts, track: AccountTrack | undefined, settings: AlertSettings, month: string): Observation[] {
  const own = account.monthToDate;
  if (!account.fresh || !own) return [];
  let pair: { official: Dec; estimated: Dec; difference: Dec; percent: Dec; shownPercent: string; how: string } | undefined;
  const figures = account.reconciliation;
  // An account whose own figure is an estimate (Gemini) is reconciled against another account's bill.
  const againstBill = !own.official;
  if (figures && (againstBill || figures.currency === own.currency)) {
    const percent = figures.percent === null ? new Dec(0) : new Dec(figures.percent).abs();
    const how = againstBill ? 'month-to-date; the billing export against this account’s estimate' : 'month-to-date; estimated from tracked usage';
    pair = { official: figures.official, estimated: figures.tracked, difference: figures.difference.abs(), percent, shownPercent: `${percent.toFixed(2)}%`, how };
  } else if (own.official && track?.reconciliation?.month === month && track.reconciliation.currency === own.currency) {
    const since = track.reconciliation.since.slice(0, 10);
    const officialGrowth = new Dec(track.reconciliation.official);
    const estimated = new Dec(track.reconciliation.estimated);
    const difference = officialGrowth.minus(estimated).abs();
    const base = officialGrowth.greaterThan(0) ? officialGrowth : estimated;
    const percent = base.greaterThan(0) ? difference.div(base).times(100) : new Dec(0);
    pair = { official: officialGrowth, estimated, difference, percent, shownPercent: `${percent.toDecimalPlaces(0).toString()}%`, how: `since ${since}; estimated from the balance’s fall` };
  }
  if (!pair) return [];
  const { difference, percent } = pair;
  const floor = new Dec(settings.reconciliationFloor);
  const limit = settings.reconciliationPercent;
  const verdict: Verdict = difference.greaterThan(floor) && percent.greaterThan(limit) ? 'on' : difference.lessThanOrEqualTo(floor) || percent.lessThanOrEqualTo(limit / 2) ? 'off' : 'keep';
  const key = `reconciliation:${account.id}:${month}`;
  const currency = figures?.currency ?? own.currency;
  return [
    {
      key,
      snoozeKey: `reconciliation:${account.id}`,
      accountId: account.id,
      kind: 'reconciliation',
      verdict,
      title: `Spend figures disagree: ${account.label}`,
      body: `Official ${show({ amount: pair.official, currency })}, estimated ${show({ amount: pair.estimated, currency })} (${pair.how}): ${pair.shownPercent} apart, more than your ${limit}%.`,
    },
  ];
}
