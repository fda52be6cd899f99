/**
 * What the MCP tools return, selected from the engine's Overview and ledger. Nothing here computes a
 * figure: month-to-date, balances, runway and month-end are the engine's, copied with their currency,
 * confidence and age. Grouping lists the figures under a key; it never adds them up.
 */
import { z } from 'zod';
import { confidenceSchema, ledgerEntryDtoSchema, type AccountView, type LedgerEntryDto, type Overview } from '../shared/api.js';

/** How old a figure is: the account's last successful poll, and whether the engine calls it stale. */
const freshness = {
  accountId: z.string(),
  status: z.string(),
  updatedAt: z.string().nullable(),
  ageMinutes: z.number().nullable(),
  stale: z.boolean(),
};

const figure = z.object({ ...freshness, label: z.string(), amount: z.string(), currency: z.string(), confidence: confidenceSchema });
type Figure = z.infer<typeof figure>;

const total = z.object({
  currency: z.string(),
  monthToDate: z.string(),
  byConfidence: z.object({ official: z.string(), estimated: z.string(), manual: z.string() }),
  monthEnd: z.object({ amount: z.string(), currency: z.string(), kind: z.string(), rateDays: z.number().nullable() }).nullable(),
});

export const groupBySchema = z.enum(['provider', 'account', 'day', 'model', 'line_item']);
export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'use YYYY-MM, for example 2026-11');

export const spendOutput = {
  month: z.string(),
  groupBy: groupBySchema,
  totals: z.array(total),
  groups: z.array(z.object({ key: z.string(), figures: z.array(figure) })),
  warnings: z.array(z.string()),
};

const money = z.object({ amount: z.string(), currency: z.string(), confidence: confidenceSchema });

export const balancesOutput = {
  month: z.string(),
  accounts: z.array(
    z.object({
      ...freshness,
      provider: z.string(),
      balance: money.nullable(),
      balances: z.array(money),
      spendLimit: money.nullable(),
      runway: z.object({ days: z.number().nullable(), depletionDate: z.string().nullable(), burnPerDay7: z.string().nullable(), burnPerDay30: z.string().nullable(), currency: z.string() }).nullable(),
    }),
  ),
  warnings: z.array(z.string()),
};

export const accountOutput = {
  month: z.string(),
  account: z.object({
    ...freshness,
    provider: z.string(),
    providerName: z.string(),
    account: z.string(),
    monthToDate: money.nullable(),
    monthEnd: money.extend({ basis: z.string() }).nullable(),
    balances: z.array(money),
    dailySpend: z.array(z.object({ date: z.string(), amount: z.string(), currency: z.string(), confidence: confidenceSchema })),
    breakdown: z.array(z.object({ dimension: z.string(), label: z.string(), amount: z.string(), currency: z.string(), confidence: confidenceSchema })),
    notes: z.array(z.string()),
    error: z.object({ kind: z.string(), message: z.string(), retryAt: z.string().optional() }).nullable(),
    entries: z.array(ledgerEntryDtoSchema),
  }),
};

export const alertsOutput = {
  month: z.string(),
  alerts: z.array(z.object({ id: z.string(), accountId: z.string().nullable(), kind: z.string(), title: z.string(), body: z.string(), raisedAt: z.string(), snoozedUntil: z.string().nullable() })),
  budgets: z.array(z.object({ currency: z.string(), budget: z.string(), monthToDate: z.string().nullable(), monthEnd: total.shape.monthEnd })),
  accountErrors: z.array(z.object({ ...freshness, kind: z.string(), message: z.string() })),
  warnings: z.array(z.string()),
};

function fresh(overview: Overview, account: AccountView) {
  const ageMs = account.updatedAt === null ? null : Date.parse(overview.generatedAt) - Date.parse(account.updatedAt);
  return {
    accountId: account.id,
    status: account.status,
    updatedAt: account.updatedAt,
    ageMinutes: ageMs === null || Number.isNaN(ageMs) ? null : Math.max(0, Math.round(ageMs / 60_000)),
    stale: account.status === 'stale' || account.status === 'error',
  };
}

/** Daily series and breakdowns come from the same source as the account's month-to-date. */
const sourceOf = (account: AccountView) => account.monthToDate?.confidence ?? (account.manual ? 'manual' : 'official');

function figuresOf(overview: Overview, account: AccountView, groupBy: z.infer<typeof groupBySchema>): Array<Figure & { key: string }> {
  const base = fresh(overview, account);
  const confidence = sourceOf(account);
  switch (groupBy) {
    case 'provider':
    case 'account':
      if (!account.monthToDate) return [];
      return [{ ...base, ...account.monthToDate, label: account.id, key: groupBy === 'provider' ? account.provider : account.id }];
    case 'day':
      return account.dailySpend.map((day) => ({ ...base, ...day, confidence, label: account.id, key: day.date }));
    case 'model': {
      const official = account.breakdown.filter((item) => item.dimension === 'model').map((item) => ({ ...base, amount: item.amount, currency: item.currency, confidence, label: account.id, key: item.label }));
      const tracked = account.usage.flatMap((row) =>
        row.source === 'tracked' && row.cost ? [{ ...base, amount: row.cost, currency: account.monthToDate?.currency ?? 'USD', confidence: 'estimated' as const, label: account.id, key: row.model }] : [],
      );
      return [...official, ...tracked];
    }
    case 'line_item':
      return account.breakdown.filter((item) => item.dimension !== 'model').map((item) => ({ ...base, amount: item.amount, currency: item.currency, confidence, label: `${account.id} (${item.dimension})`, key: item.label }));
  }
}

const totalsOf = (overview: Overview) => overview.totals.map((t) => ({ currency: t.currency, monthToDate: t.monthToDate, byConfidence: t.byConfidence, monthEnd: t.monthEnd ?? null }));

export function spendView(overview: Overview, groupBy: z.infer<typeof groupBySchema>) {
  const groups = new Map<string, Figure[]>();
  for (const account of overview.accounts) {
    for (const { key, ...item } of figuresOf(overview, account, groupBy)) groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  const sorted = [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([key, figures]) => ({ key, figures }));
  return { month: overview.month, groupBy, totals: totalsOf(overview), groups: sorted, warnings: overview.warnings };
}

export function balancesView(overview: Overview) {
  const accounts = overview.accounts
    .filter((account) => account.balances.length > 0 || account.balance !== null || account.spendLimit !== null)
    .map((account) => ({ ...fresh(overview, account), provider: account.provider, balance: account.balance, balances: account.balances, spendLimit: account.spendLimit, runway: account.runway }));
  return { month: overview.month, accounts, warnings: overview.warnings };
}

export function accountView(overview: Overview, account: AccountView, entries: LedgerEntryDto[]) {
  const confidence = sourceOf(account);
  return {
    month: overview.month,
    account: {
      ...fresh(overview, account),
      provider: account.provider,
      providerName: account.providerName,
      account: account.account,
      monthToDate: account.monthToDate,
      monthEnd: account.monthEnd ? { amount: account.monthEnd.amount, currency: account.monthEnd.currency, confidence: account.monthEnd.confidence, basis: account.monthEnd.basis } : null,
      balances: account.balances,
      dailySpend: account.dailySpend.map((day) => ({ ...day, confidence })),
      breakdown: account.breakdown.map((item) => ({ ...item, confidence })),
      notes: account.notes,
      error: account.error,
      entries: entries.filter((entry) => entry.provider === account.provider && entry.account === account.account),
    },
  };
}

export function alertsView(overview: Overview, budgets: Record<string, string>) {
  return {
    month: overview.month,
    alerts: overview.alerts.map((alert) => ({ ...alert, snoozedUntil: alert.snoozedUntil ?? null })),
    budgets: Object.entries(budgets).map(([currency, budget]) => {
      const found = overview.totals.find((t) => t.currency === currency);
      return { currency, budget, monthToDate: found?.monthToDate ?? null, monthEnd: found?.monthEnd ?? null };
    }),
    accountErrors: overview.accounts.flatMap((account) => (account.error ? [{ ...fresh(overview, account), kind: account.error.kind, message: account.error.message }] : [])),
    warnings: overview.warnings,
  };
}
