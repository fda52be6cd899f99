/**
 * What the user sees, computed from what is stored (no network): per-account status and figures, and
 * totals per currency. Month-to-date is the provider's official spend where it reports spend, otherwise
 * the account's manual spend entries; totals include stale accounts with their last good figures.
 */
import type { AccountView, MoneyDto, Overview } from '../../shared/api.js';
import { earlierOf, type AccountData } from './account-data.js';
import { pollingCostNote, topUpNote, trackedNotes, trackedUsage } from './account-notes.js';
import { balanceInputsFromEntries, estimateBalance, manualSpendByCurrency, type BalanceAnchor, type DatedMoney } from '../ledger/ledger.js';
import { Dec, add, formatAmount, zero, type Money } from '../model/money.js';
import type { Confidence, Figure, Snapshot } from '../model/snapshot.js';
import { lastGoodOf, type EarlierHistory, type StoredBalancePoint } from '../ledger/history-store.js';
import type { DetectedTopUp } from '../alerts/alert-model.js';
import { runwayView } from './runway-view.js';
import { formatWaitTime } from '../scheduler/retry-waits.js';
import { parseMonth } from '../model/billing-month.js';
import { accountMonthEnd, totalMonthEnd, type MonthEnd, type TotalMonthEnd } from './month-end.js';
import { ledgerSeries, providerDailySeries } from './spend-series.js';
import { displayFigures, type ConversionSettings } from './converted-total.js';
import { reconcile } from './reconciliation.js';
import { reconcileGeminiWithBilling } from './gemini-billing.js';
import { apiEquivalentViews } from './api-equivalent.js';
import type { AgentLogSource } from '../tracked/agent-logs/agent-log-format.js';
import type { TrackedRecord } from '../tracked/tracked-store.js';

export type { AccountData } from './account-data.js';

export interface OverviewInput {
  readonly month: string;
  readonly now: Date;
  readonly accounts: readonly AccountData[];
  readonly warnings: readonly string[];
  readonly demo: boolean;
  readonly polling: boolean;
  /** The alert history, newest first (alerts.json). */
  readonly alerts?: Overview['alerts'];
  /** Balance rises the alert engine recorded as top-ups, newest first. */
  readonly topUps?: readonly DetectedTopUp[];
  /** The display currency and rates of the approximate converted total (converted-total.ts). */
  readonly conversion?: ConversionSettings;
  /** Coding-agent usage on a subscription, by source: shown apart, never in any account's figures. */
  readonly apiEquivalent?: ReadonlyMap<AgentLogSource, readonly TrackedRecord[]>;
}

export function buildOverview(input: OverviewInput): Overview {
  const figures = input.accounts.map((data) => accountFigures(data, input.month, input.now));
  const views = input.accounts.map((data, index) => {
    const view = accountView(data, figures[index]!, input.month, input.now, input.topUps ?? []);
    if (view.reconciliation || data.account.provider.id !== 'gemini') return view;
    return { ...view, reconciliation: reconcileGeminiWithBilling(data, input.accounts) };
  });
  const monthTotals = totals(figures.flatMap((figure) => figure.parts), figures.flatMap((figure) => figure.monthEnd));
  return {
    month: input.month,
    generatedAt: input.now.toISOString(),
    demo: input.demo,
    totals: monthTotals,
    accounts: views,
    warnings: [...input.warnings],
    polling: input.polling,
    ...(input.apiEquivalent && input.apiEquivalent.size > 0 ? { apiEquivalent: apiEquivalentViews(input.apiEquivalent) } : {}),
    alerts: [...(input.alerts ?? [])],
    ...displayFigures(monthTotals, views, input.conversion, input.now),
  };
}

/** What the user reads while a provider's Retry-After holds. */
export function waitSentence(retryAt: string): string {
  return `The provider asked Spendbar to wait: no new request before ${formatWaitTime(retryAt)}.`;
}

function dto(figure: Figure): MoneyDto {
  return { amount: formatAmount(figure.money.amount), currency: figure.money.currency, confidence: figure.confidence };
}

/** The figures an account adds to the totals, computed once per overview. */
interface AccountFigures {
  readonly parts: readonly Figure[];
  readonly monthEnd: readonly MonthEnd[];
}

function accountFigures(data: AccountData, monthKey: string, now: Date): AccountFigures {
  const parts = monthToDateParts(data, monthKey);
  const month = parseMonth(monthKey);
  if (!month) return { parts, monthEnd: [] };
  const snapshot = lastGoodOf(data.monthFile);
  const polledMonthToDate = Boolean(snapshot?.monthToDate) && (data.account.provider.reportsSpend || snapshot?.monthToDate !== undefined);
  const dailySpend = polledMonthToDate ? providerDailySeries(data.monthFile, earlierOf(data).previous()) : ledgerSeries(data, { entries: false });
  const monthEnd = accountMonthEnd({
    month,
    asOf: figuresAsOf(data, now),
    parts,
    providerForecast: snapshot?.forecast,
    dailySpend,
    accruesWithoutSeries: polledMonthToDate,
  });
  return { parts, monthEnd };
}

function accountView(data: AccountData, figures: AccountFigures, month: string, now: Date, topUps: readonly DetectedTopUp[]): AccountView {
  const { account } = data;
  const manual = account.provider.kind === 'manual';
  const snapshot: Snapshot | undefined = lastGoodOf(data.monthFile);
  const lastError = data.monthFile?.lastAttempt?.error ?? null;

  let status: AccountView['status'];
  let error: AccountView['error'] = null;
  if (manual) status = 'ok';
  else if (data.missingCredential) {
    status = 'unconfigured';
    error = { kind: 'missing-credential', message: data.missingCredential };
  } else if (lastError) {
    status = snapshot ? 'stale' : 'error';
    error = data.retryAt ? { ...lastError, message: `${lastError.message} ${waitSentence(data.retryAt)}`, retryAt: data.retryAt } : lastError;
  } else status = snapshot || data.keyless ? 'ok' : 'pending';

  const monthToDate = combine(figures.parts);
  const monthEnd = monthToDate ? figures.monthEnd.find((figure) => figure.money.currency === monthToDate.money.currency) : undefined;
  const officialBalances = snapshot?.balances ?? (snapshot?.balance ? [snapshot.balance] : []);
  const balances = officialBalances.length > 0 ? officialBalances : estimatedBalances(data);
  // The provider's primary balance leads, whatever order its per-currency list came in.
  const primary = snapshot?.balance ?? balances[0];

  return {
    id: account.id,
    provider: account.provider.id,
    providerName: account.provider.name,
    monogram: { ...account.provider.monogram },
    account: account.name,
    status,
    monthToDate: monthToDate ? dto(monthToDate) : null,
    balance: primary ? dto(primary) : null,
    balances: balances.map(dto),
    spendLimit: snapshot?.spendLimit ? dto(snapshot.spendLimit) : null,
    quota: snapshot?.quota
      ? { used: snapshot.quota.used, limit: snapshot.quota.limit ?? null, unit: snapshot.quota.unit, resetsAt: snapshot.quota.resetsAt ?? null }
      : null,
    dailySpend: (snapshot?.dailySpend ?? []).map((day) => ({ date: day.date, amount: formatAmount(day.money.amount), currency: day.money.currency })),
    breakdown: (snapshot?.breakdown ?? []).map((item) => ({
      dimension: item.dimension,
      label: item.label,
      amount: formatAmount(item.money.amount),
      currency: item.money.currency,
    })),
    usage: [...(snapshot?.usage ?? []).map((item) => ({ ...item, source: 'official' as const })), ...trackedUsage(data.tracked)],
    forecast: snapshot?.forecast ? dto(snapshot.forecast) : null,
    monthEnd: monthEnd ? monthEndDto(monthEnd, monthToDate!.confidence) : null,
    runway: runwayView(data, balances[0], now),
    balanceHistory: (data.monthFile?.balances ?? []).map((point) => ({ at: point.at, amount: point.amount, currency: point.currency })),
    updatedAt: snapshot?.fetchedAt ?? null,
    lastAttemptAt: data.monthFile?.lastAttempt?.at ?? null,
    polling: data.polling ?? false,
    error,
    notes: [...(snapshot?.notes ?? []), ...trackedNotes(data, month), ...topUpNote(account.id, month, topUps), ...pollingCostNote(account)],
    manual,
    reconciliation: reconcile(data),
  };
}

/**
 * What an account adds to month-to-date: the provider's official spend where it reports spend, or the
 * month-to-date its last poll estimated (Groq's Enterprise usage metrics cover the whole organization,
 * so entries and tracked usage would count the same calls twice); otherwise manual spend entries plus
 * the estimated cost of tracked usage, kept apart by confidence.
 */
function monthToDateParts(data: AccountData, month: string): Figure[] {
  const snapshot = lastGoodOf(data.monthFile);
  if (data.account.provider.reportsSpend || snapshot?.monthToDate) {
    return snapshot?.monthToDate ? [snapshot.monthToDate] : [];
  }
  const manual = manualSpendByCurrency(data.entries, month).map((amount): Figure => ({ money: amount, confidence: 'manual' }));
  const priced = data.tracked.filter((record) => record.cost !== null);
  const tracked: Figure[] = priced.length > 0 ? [{ money: { amount: priced.reduce((total, record) => total.plus(record.cost!), new Dec(0)), currency: 'USD' }, confidence: 'estimated' }] : [];
  return [...manual, ...tracked];
}

/** One figure for the row: the first currency's parts added up; estimated if any part is. */
function combine(parts: readonly Figure[]): Figure | undefined {
  const [first] = parts;
  if (!first) return undefined;
  const same = parts.filter((part) => part.money.currency === first.money.currency);
  const total = same.reduce((sumSoFar, part) => add(sumSoFar, part.money), zero(first.money.currency));
  const confidence = same.some((part) => part.confidence === 'estimated') ? 'estimated' : first.confidence;
  return { money: total, confidence };
}

/**
 * Balances computed from the ledger, one per currency the account has entries or official balance points
 * in: the latest known balance, plus top-ups and less spend since. Only the months from that balance (or
 * the first top-up) on are read: the balances of the months before come carried in the month files.
 */
function estimatedBalances(data: AccountData): Figure[] {
  const fromEntries = balanceInputsFromEntries(data.entries);
  const earlier = earlierOf(data);
  const officialPoints = [...(data.monthFile?.carriedBalances ?? earlier.balancesBefore()), ...(data.monthFile?.balances ?? [])];
  const anchors: BalanceAnchor[] = [...fromEntries.anchors, ...officialPoints.map(anchorOf)];
  const currencies = [...new Set([...anchors, ...fromEntries.topUps].map((item) => item.money.currency))];
  if (currencies.length === 0) return [];
  const spend = data.account.provider.reportsSpend ? officialSpendFrom(data, earlier, spendStart(anchors, fromEntries.topUps, currencies)) : fromEntries.spend;
  const inputs = { anchors, topUps: fromEntries.topUps, spend };
  return currencies.map((currency) => estimateBalance(inputs, currency)).filter((figure): figure is Figure => figure !== undefined);
}

function anchorOf(point: StoredBalancePoint): BalanceAnchor {
  return { date: point.at.slice(0, 10), money: { amount: new Dec(point.amount), currency: point.currency }, confidence: point.confidence };
}

/** The first day whose spend an estimate counts: each currency's latest balance, else its first top-up. */
function spendStart(anchors: readonly BalanceAnchor[], topUps: readonly DatedMoney[], currencies: readonly string[]): string {
  const starts = currencies.map((currency) => {
    const dates = (items: readonly DatedMoney[]) => items.filter((item) => item.money.currency === currency).map((item) => item.date);
    const anchored = dates(anchors).sort().at(-1);
    return anchored ?? dates(topUps).sort()[0] ?? '';
  });
  return starts.sort()[0] ?? '';
}

/** The provider's daily spend from the month of `start` (YYYY-MM-DD) to the overview's month. */
function officialSpendFrom(data: AccountData, earlier: EarlierHistory, start: string): DatedMoney[] {
  const files = [...earlier.filesFrom(start.slice(0, 7)), ...(data.monthFile ? [data.monthFile] : [])];
  return files.flatMap((file) => lastGoodOf(file)?.dailySpend ?? []);
}

function monthEndDto(figure: MonthEnd, monthToDateConfidence: Confidence): NonNullable<AccountView['monthEnd']> {
  return {
    amount: formatAmount(figure.money.amount),
    currency: figure.money.currency,
    confidence: figure.basis === 'month-to-date' ? monthToDateConfidence : figure.basis === 'provider-forecast' ? 'official' : 'estimated',
    basis: figure.basis,
    ratePerDay: figure.ratePerDay ? formatAmount(figure.ratePerDay) : null,
    rateDays: figure.rateDays,
  };
}

/** The instant an account's figures describe: the last poll's fetch time for a polled account, else now. */
function figuresAsOf(data: AccountData, now: Date): Date {
  const fetchedAt = lastGoodOf(data.monthFile)?.fetchedAt;
  return fetchedAt && data.account.provider.kind === 'api' ? new Date(fetchedAt) : now;
}

function totals(parts: readonly Figure[], monthEnds: readonly MonthEnd[]): Overview['totals'] {
  const byCurrency = new Map<string, { total: Money; parts: Record<Confidence, Money> }>();
  for (const part of parts) {
    const currency = part.money.currency;
    const current = byCurrency.get(currency) ?? {
      total: zero(currency),
      parts: { official: zero(currency), estimated: zero(currency), manual: zero(currency) },
    };
    current.total = add(current.total, part.money);
    current.parts[part.confidence] = add(current.parts[part.confidence], part.money);
    byCurrency.set(currency, current);
  }
  return [...byCurrency.entries()]
    .sort(([a], [b]) => (a === 'USD' ? -1 : b === 'USD' ? 1 : a.localeCompare(b)))
    .map(([currency, { total, parts: split }]) => ({
      currency,
      monthToDate: formatAmount(total.amount),
      byConfidence: { official: formatAmount(split.official.amount), estimated: formatAmount(split.estimated.amount), manual: formatAmount(split.manual.amount) },
      monthEnd: totalMonthEndDto(currency, totalMonthEnd(currency, monthEnds)),
    }));
}

function totalMonthEndDto(currency: string, figure: TotalMonthEnd | undefined): Overview['totals'][number]['monthEnd'] {
  // Nothing projected (a month that has ended, manual entries only): no month-end figure to show.
  if (!figure || figure.kind === 'month-to-date') return null;
  return { amount: formatAmount(figure.money.amount), currency, kind: figure.kind, rateDays: figure.rateDays };
}
