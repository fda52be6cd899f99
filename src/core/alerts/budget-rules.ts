/**
 * Monthly budgets, per account and overall per currency: alerts at 80% and 100%, and when the month-end
 * projection (the provider's forecast, else linear by day of month) exceeds the budget. Every key carries
 * the month, so a new month starts with all budget alerts armed; within a month each fires at most once.
 */
import type { Dec } from '../model/money.js';
import { parseMonth } from '../model/billing-month.js';
import { show, type Amount } from './facts.js';
import type { Observation } from './rules.js';

const DAY_MS = 86_400_000;
/** A linear projection from the first few days swings wildly (one busy day x 30); wait this long. */
export const MIN_DAYS_FOR_LINEAR_FORECAST = 5;

export interface BudgetInput {
  /** Account id, or "total:USD". */
  readonly scope: string;
  readonly accountId: string | null;
  readonly label: string;
  readonly spend: Amount;
  readonly budget: Dec;
  /** The provider's own month-end projection, when it offers one. */
  readonly forecast?: Amount;
  readonly asOf: Date;
  readonly month: string;
}

export function budgetObservations(input: BudgetInput): Observation[] {
  const { scope, spend, budget, month } = input;
  if (budget.lessThanOrEqualTo(0)) return [];
  const projection = input.forecast ? { amount: input.forecast.amount, how: 'the provider’s forecast' } : linearProjection(spend.amount, input.asOf, month);
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

/** Month-to-date scaled to the whole month by elapsed time; undefined in the first days (too noisy). */
export function linearProjection(spend: Dec, asOf: Date, monthKey: string): { amount: Dec; how: string } | undefined {
  const month = parseMonth(monthKey);
  if (!month) return undefined;
  const monthMs = month.end.getTime() - month.start.getTime();
  const elapsedMs = Math.min(Math.max(asOf.getTime() - month.start.getTime(), 0), monthMs);
  if (elapsedMs < MIN_DAYS_FOR_LINEAR_FORECAST * DAY_MS) return undefined;
  return { amount: spend.times(monthMs).div(elapsedMs).toDecimalPlaces(2), how: 'at this month’s pace' };
}
