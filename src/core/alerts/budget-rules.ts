/**
 * Monthly budgets, per account and overall per currency: alerts at 80% and 100%, and when the month-end
 * figure the popover shows (src/core/overview/month-end.ts) exceeds the budget. Every key carries the
 * month, so a new month starts with all budget alerts armed; within a month each fires at most once.
 */
import type { Dec } from '../model/money.js';
import { show, type Amount, type MonthEndFact } from './facts.js';
import type { Observation } from './observation.js';

/**
 * A projection from less than this many days of spend is shown, labelled, but not alerted on: one busy
 * morning is not a trend. A provider's own forecast alerts from the first day.
 */
export const MIN_DAYS_FOR_PROJECTION_ALERT = 3;

export interface BudgetInput {
  /** Account id, or "total:USD". */
  readonly scope: string;
  readonly accountId: string | null;
  readonly label: string;
  readonly spend: Amount;
  readonly budget: Dec;
  /** The month-end figure shown for this scope. */
  readonly monthEnd?: MonthEndFact;
  readonly month: string;
}

export function budgetObservations(input: BudgetInput): Observation[] {
  const { scope, spend, budget, month } = input;
  if (budget.lessThanOrEqualTo(0)) return [];
  const projection = alertableProjection(input.monthEnd);
  const ratio = spend.amount.div(budget);
  const percent = ratio.times(100).floor().toString();
  const budgetText = show({ amount: budget, currency: spend.currency });
  const spent = `Spent ${show(spend)} of ${budgetText} this month (${percent}%)`;
  const outlook = projection ? `; projected ${show({ amount: projection.amount, currency: spend.currency })} by month end (${projection.how})` : '';
  const common = { accountId: input.accountId, snoozeKey: `budget:${scope}`, group: `budget:${scope}:${month}` };
  // Within a month a budget alert never re-arms: spend only grows, and a refund dipping under the line
  // and back should not notify twice.
  const on = (condition: boolean) => (condition ? 'on' : 'keep') as Observation['verdict'];
  return [
    { ...common, key: `budget-100:${scope}:${month}`, kind: 'budget', severity: 3, verdict: on(ratio.greaterThanOrEqualTo(1)), title: `Over budget: ${input.label}`, body: `${spent}.` },
    { ...common, key: `budget-80:${scope}:${month}`, kind: 'budget', severity: 2, verdict: on(ratio.greaterThanOrEqualTo('0.8')), title: `80% of budget used: ${input.label}`, body: `${spent}${outlook}.` },
    {
      ...common,
      key: `budget-forecast:${scope}:${month}`,
      kind: 'budget-forecast',
      severity: 1,
      verdict: on(projection !== undefined && projection.amount.greaterThan(budget) && ratio.lessThan(1)),
      title: `On track to exceed budget: ${input.label}`,
      body: `${spent}${outlook}, over the ${budgetText} budget.`,
    },
  ];
}

const HOW: Record<MonthEndFact['basis'], string> = {
  'provider-forecast': 'the provider’s forecast',
  'recent-daily-spend': 'at the recent daily rate',
  'month-pace': 'at this month’s pace',
  'month-to-date': 'as entered',
  projection: 'from recent spend',
};

/** The month-end figure, when it projects something and rests on enough data to alert on. */
function alertableProjection(monthEnd: MonthEndFact | undefined): { amount: Dec; how: string } | undefined {
  if (!monthEnd || monthEnd.basis === 'month-to-date') return undefined;
  if (monthEnd.basis !== 'provider-forecast' && monthEnd.rateDays < MIN_DAYS_FOR_PROJECTION_ALERT) return undefined;
  return { amount: monthEnd.amount, how: HOW[monthEnd.basis] };
}
