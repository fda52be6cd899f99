/**
 * The figures the alert rules read, taken from the Overview the user sees (so an alert never disagrees
 * with the popover), plus the thresholds and budgets. Whether figures are fresh is decided here: only
 * an account whose last poll succeeded (or that has no poll: manual entries) may raise figure alerts.
 */
import type { AccountView, ErrorKind, Overview, ReconciliationFigure, Thresholds } from '../../shared/api.js';
import { Dec } from '../model/money.js';

export interface Amount {
  readonly amount: Dec;
  readonly currency: string;
}

export interface AccountFacts {
  readonly id: string;
  /** "OpenRouter (work)", for titles. */
  readonly label: string;
  /** False when the last poll failed: the figures are the last good ones, kept for display only. */
  readonly fresh: boolean;
  /** When the figures were fetched (now for manual accounts): rules judge the figures as of then. */
  readonly asOf: Date;
  readonly error: { readonly kind: ErrorKind; readonly message: string } | null;
  readonly balance?: Amount & { readonly official: boolean };
  /** Days left; 'infinite' when nothing is being spent; undefined when unknown. */
  readonly runwayDays?: number | 'infinite';
  readonly runway?: { readonly burnPerDay: string | null; readonly depletionDate: string | null };
  readonly monthToDate?: Amount & { readonly official: boolean };
  /** The month-end figure the popover shows for this account (src/core/overview/month-end.ts). */
  readonly monthEnd?: MonthEndFact;
  /** Tracked usage against the official figure for the month, as the overview computed it (overview/reconciliation.ts). */
  readonly reconciliation?: ReconciliationFact;
  readonly thresholds: { readonly lowBalance?: Dec; readonly lowRunwayDays?: number; readonly monthlyBudget?: Dec };
}

export interface ReconciliationFact {
  readonly official: Dec;
  readonly tracked: Dec;
  /** official − tracked */
  readonly difference: Dec;
  /** The difference in percent, as shown (two decimals); null when both figures are zero. */
  readonly percent: string | null;
  readonly currency: string;
}

export interface MonthEndFact extends Amount {
  /**
   * How it was reached; only 'month-to-date' means nothing was projected. `projection` is a total whose
   * accounts were projected in more than one way.
   */
  readonly basis: 'provider-forecast' | 'recent-daily-spend' | 'month-pace' | 'month-to-date' | 'projection';
  /** Days of data behind a projected rate. */
  readonly rateDays: number;
}

export interface AlertFacts {
  readonly month: string;
  readonly accounts: readonly AccountFacts[];
  /** Month-to-date per currency as the header shows it (stale accounts included: spend never shrinks). */
  readonly totals: readonly (Amount & { readonly monthEnd?: MonthEndFact })[];
  /** Overall monthly budget per currency (preferences). */
  readonly budgets: readonly Amount[];
}

export function factsFromOverview(
  overview: Overview,
  thresholdsOf: (accountId: string) => Thresholds | undefined,
  monthlyBudget: Readonly<Record<string, string>>,
  now: Date,
): AlertFacts {
  // A budget set in the display currency is held against the approximate converted total (issue 13);
  // every other budget, and every account threshold, keeps to native figures.
  const converted = overview.converted;
  const convertedBudget = converted !== undefined && (monthlyBudget[converted.currency]?.trim() ?? '') !== '';
  return {
    month: overview.month,
    accounts: overview.accounts.map((view) => accountFacts(view, thresholdsOf(view.id) ?? {}, now)),
    totals: [
      ...nativeTotals(overview, convertedBudget ? converted.currency : undefined),
      ...(convertedBudget ? [{ amount: new Dec(converted.amount), currency: converted.currency }] : []),
    ],
    budgets: Object.entries(monthlyBudget)
      .filter(([, amount]) => amount.trim() !== '')
      .map(([currency, amount]) => ({ amount: new Dec(amount), currency })),
  };
}

function nativeTotals(overview: Overview, except: string | undefined): AlertFacts['totals'] {
  return overview.totals
    .filter((total) => total.currency !== except)
    .map((total) => ({
      amount: new Dec(total.monthToDate),
      currency: total.currency,
      monthEnd: total.monthEnd
        ? {
            amount: new Dec(total.monthEnd.amount),
            currency: total.currency,
            basis: total.monthEnd.kind === 'forecast' ? 'provider-forecast' : 'projection',
            rateDays: total.monthEnd.rateDays ?? 0,
          }
        : undefined,
    }));
}

function accountFacts(view: AccountView, thresholds: Thresholds, now: Date): AccountFacts {
  const pollOk = view.status === 'ok';
  const runway = view.runway;
  let runwayDays: AccountFacts['runwayDays'];
  if (runway?.days !== null && runway?.days !== undefined) runwayDays = runway.days;
  else if (runway && (runway.burnPerDay7 !== null || runway.burnPerDay30 !== null)) runwayDays = 'infinite';
  return {
    id: view.id,
    label: `${view.providerName} (${view.account})`,
    fresh: pollOk,
    asOf: view.updatedAt && !view.manual ? new Date(view.updatedAt) : now,
    error: view.error,
    balance: view.balance ? { amount: new Dec(view.balance.amount), currency: view.balance.currency, official: view.balance.confidence === 'official' } : undefined,
    runwayDays,
    runway: runway ? { burnPerDay: runway.burnPerDay7 ?? runway.burnPerDay30, depletionDate: runway.depletionDate } : undefined,
    monthToDate: view.monthToDate
      ? { amount: new Dec(view.monthToDate.amount), currency: view.monthToDate.currency, official: view.monthToDate.confidence === 'official' }
      : undefined,
    monthEnd: view.monthEnd
      ? { amount: new Dec(view.monthEnd.amount), currency: view.monthEnd.currency, basis: view.monthEnd.basis, rateDays: view.monthEnd.rateDays }
      : undefined,
    reconciliation: view.reconciliation ? reconciliationFact(view.reconciliation.month) : undefined,
    thresholds: {
      lowBalance: thresholds.lowBalance ? new Dec(thresholds.lowBalance) : undefined,
      lowRunwayDays: thresholds.lowRunwayDays,
      monthlyBudget: thresholds.monthlyBudget ? new Dec(thresholds.monthlyBudget) : undefined,
    },
  };
}

export function reconciliationFact(figure: ReconciliationFigure): ReconciliationFact {
  return { official: new Dec(figure.official), tracked: new Dec(figure.tracked), difference: new Dec(figure.difference), percent: figure.percent, currency: figure.currency };
}

/** "12.35 USD": notifications show cents; the popover shows the exact figure. */
export function show(money: Amount): string {
  return `${money.amount.toFixed(2)} ${money.currency}`;
}
