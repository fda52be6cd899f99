/**
 * Helpers for the alert tests: facts built from a few numbers, and a runner that feeds a sequence of
 * evaluations through decideAlerts, carrying the state along as the host does. (Not a test file itself,
 * so the sequences in several test files can share it.)
 */
import { Dec } from '../model/money.js';
import { defaultAlertSettings, emptyAlertState, type AlertSettings, type AlertState, type RaisedAlert } from './alert-model.js';
import { decideAlerts, type AlertDecision } from './decide.js';
import { reconciliationFact, type AccountFacts, type AlertFacts } from './facts.js';
import { reconciliationFigure } from '../overview/reconciliation.js';

export const ACCOUNT = 'openrouter:work';

export interface AccountStep {
  balance?: string;
  monthToDate?: string;
  /** The provider's own month-end forecast (the month-end figure, from the first day). */
  forecast?: string;
  /** A month-end figure projected from recent spend, and the days of data behind its rate. */
  projected?: string;
  rateDays?: number;
  tracked?: string;
  runwayDays?: number | 'infinite';
  /** Default true: the poll that produced these figures succeeded. */
  fresh?: boolean;
  error?: AccountFacts['error'];
  /** When the figures were fetched; default: the step's time. */
  asOf?: string;
}

export interface Step extends AccountStep {
  /** ISO time of the evaluation. */
  at: string;
  /** Local minute of day; default: taken from `at` in UTC. */
  minuteOfDay?: number;
  thresholds?: { lowBalance?: string; lowRunwayDays?: number; monthlyBudget?: string };
  /** Overall budgets per currency and the header total. */
  budgets?: Record<string, string>;
  total?: string;
  settings?: Partial<AlertSettings>;
  /** Applied to the state before this step (what the snooze API does). */
  before?: (state: AlertState) => AlertState;
}

export function accountFacts(step: Step): AccountFacts {
  const dec = (value: string | undefined) => (value === undefined ? undefined : new Dec(value));
  const usd = (value: string | undefined, official = true) => (value === undefined ? undefined : { amount: new Dec(value), currency: 'USD', official });
  return {
    id: ACCOUNT,
    label: 'OpenRouter (work)',
    fresh: step.fresh ?? true,
    asOf: new Date(step.asOf ?? step.at),
    error: step.error ?? null,
    balance: usd(step.balance),
    runwayDays: step.runwayDays,
    monthToDate: usd(step.monthToDate),
    monthEnd:
      step.forecast !== undefined
        ? { amount: new Dec(step.forecast), currency: 'USD', basis: 'provider-forecast', rateDays: 0 }
        : step.projected !== undefined
          ? { amount: new Dec(step.projected), currency: 'USD', basis: 'recent-daily-spend', rateDays: step.rateDays ?? 7 }
          : undefined,
    reconciliation: step.tracked === undefined || step.monthToDate === undefined ? undefined : reconciliationFact(reconciliationFigure(new Dec(step.monthToDate), new Dec(step.tracked))),
    thresholds: {
      lowBalance: dec(step.thresholds?.lowBalance),
      lowRunwayDays: step.thresholds?.lowRunwayDays,
      monthlyBudget: dec(step.thresholds?.monthlyBudget),
    },
  };
}

export function factsOf(step: Step): AlertFacts {
  return {
    month: step.at.slice(0, 7),
    accounts: [accountFacts(step)],
    totals: step.total === undefined ? [] : [{ amount: new Dec(step.total), currency: 'USD' }],
    budgets: Object.entries(step.budgets ?? {}).map(([currency, amount]) => ({ amount: new Dec(amount), currency })),
  };
}

export interface SequenceResult {
  /** Per step: the alerts delivered. */
  delivered: RaisedAlert[][];
  decisions: AlertDecision[];
  state: AlertState;
}

/** Steps inherit thresholds, budgets and settings from the first step that sets them. */
export function runSequence(steps: readonly Step[], initial: AlertState = emptyAlertState()): SequenceResult {
  let state = initial;
  let thresholds: Step['thresholds'];
  let budgets: Step['budgets'];
  let settings: AlertSettings = defaultAlertSettings;
  const decisions: AlertDecision[] = [];
  for (const step of steps) {
    thresholds = step.thresholds ?? thresholds;
    budgets = step.budgets ?? budgets;
    if (step.settings) settings = { ...settings, ...step.settings };
    if (step.before) state = step.before(state);
    const at = new Date(step.at);
    const minuteOfDay = step.minuteOfDay ?? at.getUTCHours() * 60 + at.getUTCMinutes();
    const decision = decideAlerts(state, factsOf({ ...step, thresholds, budgets }), settings, { now: at, minuteOfDay });
    decisions.push(decision);
    state = decision.state;
  }
  return { delivered: decisions.map((decision) => decision.deliver), decisions, state };
}

/** How many alerts each step delivered: the shape most tables assert. */
export function countsOf(result: SequenceResult): number[] {
  return result.delivered.map((alerts) => alerts.length);
}

/** Steps an hour apart from `start`, one per value, built by `make`. */
export function hourly<T>(start: string, values: readonly T[], make: (value: T) => Omit<Step, 'at'>): Step[] {
  return values.map((value, index) => ({ at: new Date(Date.parse(start) + index * 3_600_000).toISOString(), ...make(value) }));
}
