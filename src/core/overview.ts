/**
 * What the user sees, computed from what is stored (no network): per-account status and figures, and
 * totals per currency. Month-to-date is the provider's official spend where it reports spend, otherwise
 * the account's manual spend entries; totals include stale accounts with their last good figures.
 */
import type { AccountView, MoneyDto, Overview } from '../shared/api.js';
import type { Account } from './accounts.js';
import { balanceInputsFromEntries, estimateBalance, manualSpendByCurrency, type BalanceAnchor, type DatedMoney } from './ledger/ledger.js';
import { Dec, add, formatAmount, zero, type Money } from './model/money.js';
import type { Confidence, Figure, Snapshot } from './model/snapshot.js';
import type { LedgerEntry } from './store/entries-store.js';
import { snapshotFromJson, type MonthFile } from './store/history-store.js';

export interface AccountData {
  readonly account: Account;
  /** This month's history file. */
  readonly monthFile: MonthFile | undefined;
  /** Earlier months' files, for official spend since a known balance. */
  readonly earlierFiles: readonly MonthFile[];
  readonly entries: readonly LedgerEntry[];
  /** Set when the account cannot be polled for lack of a credential. */
  readonly missingCredential?: string;
}

export interface OverviewInput {
  readonly month: string;
  readonly now: Date;
  readonly accounts: readonly AccountData[];
  readonly warnings: readonly string[];
  readonly demo: boolean;
  readonly polling: boolean;
}

export function buildOverview(input: OverviewInput): Overview {
  const views = input.accounts.map((data) => accountView(data, input.month));
  return {
    month: input.month,
    generatedAt: input.now.toISOString(),
    demo: input.demo,
    totals: totals(views),
    accounts: views,
    warnings: [...input.warnings],
    polling: input.polling,
  };
}

function dto(figure: Figure): MoneyDto {
  return { amount: formatAmount(figure.money.amount), currency: figure.money.currency, confidence: figure.confidence };
}

function accountView(data: AccountData, month: string): AccountView {
  const { account } = data;
  const manual = account.provider.kind === 'manual';
  const snapshot: Snapshot | undefined = data.monthFile?.lastGood ? snapshotFromJson(data.monthFile.lastGood) : undefined;
  const lastError = data.monthFile?.lastAttempt?.error ?? null;

  let status: AccountView['status'];
  let error: AccountView['error'] = null;
  if (manual) status = 'ok';
  else if (data.missingCredential) {
    status = 'unconfigured';
    error = { kind: 'missing-credential', message: data.missingCredential };
  } else if (lastError) {
    status = snapshot ? 'stale' : 'error';
    error = lastError;
  } else status = snapshot ? 'ok' : 'stale';

  const monthToDate = account.provider.reportsSpend ? snapshot?.monthToDate : manualMonthToDate(data.entries, month);
  const officialBalances = snapshot?.balances ?? (snapshot?.balance ? [snapshot.balance] : []);
  const balances = officialBalances.length > 0 ? officialBalances : estimatedBalances(data);

  return {
    id: account.id,
    provider: account.provider.id,
    providerName: account.provider.name,
    account: account.name,
    status,
    monthToDate: monthToDate ? dto(monthToDate) : null,
    balance: balances[0] ? dto(balances[0]) : null,
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
    usage: (snapshot?.usage ?? []).map((item) => ({ ...item })),
    forecast: snapshot?.forecast ? dto(snapshot.forecast) : null,
    updatedAt: snapshot?.fetchedAt ?? null,
    error,
    notes: [...(snapshot?.notes ?? []), ...pollingCostNote(account)],
    manual,
  };
}

function manualMonthToDate(entries: readonly LedgerEntry[], month: string): Figure | undefined {
  const [first] = manualSpendByCurrency(entries, month);
  return first ? { money: first, confidence: 'manual' } : undefined;
}

/** Balances computed from the ledger, one per currency the account has entries or official spend in. */
function estimatedBalances(data: AccountData): Figure[] {
  const fromEntries = balanceInputsFromEntries(data.entries);
  const officialSpend: DatedMoney[] = [];
  const officialAnchors: BalanceAnchor[] = [];
  for (const file of [...data.earlierFiles, ...(data.monthFile ? [data.monthFile] : [])]) {
    const snapshot = file.lastGood ? snapshotFromJson(file.lastGood) : undefined;
    for (const day of snapshot?.dailySpend ?? []) officialSpend.push(day);
    for (const point of file.balances) {
      officialAnchors.push({ date: point.at.slice(0, 10), money: { amount: new Dec(point.amount), currency: point.currency }, confidence: point.confidence });
    }
  }
  const inputs = {
    anchors: [...fromEntries.anchors, ...officialAnchors],
    topUps: fromEntries.topUps,
    spend: data.account.provider.reportsSpend ? officialSpend : fromEntries.spend,
  };
  const currencies = new Set([...inputs.anchors, ...inputs.topUps].map((item) => item.money.currency));
  return [...currencies].map((currency) => estimateBalance(inputs, currency)).filter((figure): figure is Figure => figure !== undefined);
}

function totals(views: readonly AccountView[]): Overview['totals'] {
  const byCurrency = new Map<string, { total: Money; parts: Record<Confidence, Money> }>();
  for (const view of views) {
    const figure = view.monthToDate;
    if (!figure) continue;
    const amount: Money = { amount: new Dec(figure.amount), currency: figure.currency };
    const current = byCurrency.get(figure.currency) ?? {
      total: zero(figure.currency),
      parts: { official: zero(figure.currency), estimated: zero(figure.currency), manual: zero(figure.currency) },
    };
    current.total = add(current.total, amount);
    current.parts[figure.confidence] = add(current.parts[figure.confidence], amount);
    byCurrency.set(figure.currency, current);
  }
  return [...byCurrency.entries()]
    .sort(([a], [b]) => (a === 'USD' ? -1 : b === 'USD' ? 1 : a.localeCompare(b)))
    .map(([currency, { total, parts }]) => ({
      currency,
      monthToDate: formatAmount(total.amount),
      byConfidence: { official: formatAmount(parts.official.amount), estimated: formatAmount(parts.estimated.amount), manual: formatAmount(parts.manual.amount) },
    }));
}

/** "Polling costs about 0.60 USD a month at one refresh every 12 h": the price of watching the bill. */
function pollingCostNote(account: Account): string[] {
  const cost = account.provider.costPerRefresh;
  if (!cost) return [];
  const refreshesPerMonth = new Dec(30 * 24 * 3_600_000).div(account.intervalMs);
  const monthly = new Dec(cost.amount).times(refreshesPerMonth).toDecimalPlaces(2, Dec.ROUND_UP);
  const hours = account.intervalMs / 3_600_000;
  const every = hours >= 1 ? `${Number(hours.toFixed(1))} h` : `${Math.round(account.intervalMs / 60_000)} min`;
  return [`Polling costs about ${formatAmount(monthly)} ${cost.currency} a month at one refresh every ${every} (${cost.amount} ${cost.currency} per refresh), plus manual refreshes.`];
}
