/**
 * The lines beside an account's figures: tracked usage by model, what the estimate left out, a top-up the
 * alerts saw, and what polling costs. Text only; the figures themselves come from build-overview.ts.
 */
import type { AccountView } from '../../shared/api.js';
import { monthlyPollingCost } from '../../shared/polling-cost.js';
import type { Account } from '../accounts/accounts.js';
import type { DetectedTopUp } from '../alerts/alert-model.js';
import { lastGoodOf } from '../ledger/history-store.js';
import { manualSpendByCurrency } from '../ledger/ledger.js';
import { Dec, formatAmount } from '../model/money.js';
import type { TrackedRecord } from '../tracked/tracked-store.js';
import type { AccountData } from './account-data.js';

export function trackedUsage(records: readonly TrackedRecord[]): AccountView['usage'] {
  const byModel = new Map<string, { input: number; output: number; cached: number; written: number; requests: number; cost: Dec | null; origins: Set<string> }>();
  for (const record of records) {
    const current = byModel.get(record.model) ?? { input: 0, output: 0, cached: 0, written: 0, requests: 0, cost: new Dec(0), origins: new Set<string>() };
    current.origins.add(record.source ?? 'manual');
    current.input += record.inputTokens;
    current.output += record.outputTokens;
    current.cached += record.cachedInputTokens ?? 0;
    current.written += record.cacheWriteTokens ?? 0;
    current.requests += 1;
    // One unpriced record makes the model's cost unknown rather than understated.
    current.cost = record.cost === null || current.cost === null ? null : current.cost.plus(record.cost);
    byModel.set(record.model, current);
  }
  return [...byModel].map(([model, usage]) => ({
    model,
    inputTokens: usage.input,
    outputTokens: usage.output,
    cachedInputTokens: usage.cached || undefined,
    cacheWriteTokens: usage.written || undefined,
    requests: usage.requests,
    source: 'tracked' as const,
    cost: usage.cost === null ? null : formatAmount(usage.cost),
    origins: [...usage.origins].sort(),
  }));
}

export function trackedNotes(data: AccountData, month: string): string[] {
  const notes: string[] = [];
  const unpriced = [...new Set(data.tracked.filter((record) => record.cost === null).map((record) => record.model))];
  if (unpriced.length > 0) notes.push(`Unpriced: ${unpriced.join(', ')} (no known price; not counted in the estimate).`);
  if (data.account.provider.reportsSpend && data.tracked.length > 0) {
    const estimate = data.tracked.reduce((total, record) => (record.cost === null ? total : total.plus(record.cost)), new Dec(0));
    // Gemini's polled figure is itself an estimate (tokens from Cloud Monitoring, priced): say whose figure is shown.
    const shown = lastGoodOf(data.monthFile)?.monthToDate?.confidence === 'estimated' ? `the ${data.account.provider.name} estimate` : 'the official figure';
    notes.push(`Tracked usage estimate: ${formatAmount(estimate)} USD (${shown} is shown).`);
  }
  const polledEstimate = !data.account.provider.reportsSpend && lastGoodOf(data.monthFile)?.monthToDate;
  if (polledEstimate && (data.tracked.length > 0 || manualSpendByCurrency(data.entries, month).length > 0)) {
    notes.push(`Spend entries and tracked usage are not added to the month-to-date: the ${data.account.provider.name} figure covers the same usage.`);
  }
  return notes;
}

/** "Polling costs about 0.60 USD a month at one refresh every 12 h": the price of watching the bill. */
export function pollingCostNote(account: Account): string[] {
  const cost = account.provider.costPerRefresh;
  const monthly = cost && monthlyPollingCost(cost.amount, account.intervalMs / 60_000);
  if (!cost || !monthly) return [];
  const hours = account.intervalMs / 3_600_000;
  const every = hours >= 1 ? `${Number(hours.toFixed(1))} h` : `${Math.round(account.intervalMs / 60_000)} min`;
  return [`Polling costs about ${monthly} ${cost.currency} a month at one refresh every ${every} (${cost.amount} ${cost.currency} per refresh), plus manual refreshes.`];
}

/** The latest top-up the alert engine saw this month: the balance rose, and that is not negative spend. */
export function topUpNote(accountId: string, month: string, topUps: readonly DetectedTopUp[]): string[] {
  const latest = topUps.find((topUp) => topUp.accountId === accountId && topUp.at.startsWith(month));
  return latest ? [`Top-up detected ${latest.at.slice(0, 10)}: +${latest.amount} ${latest.currency} (payment or auto-recharge; not counted as spend).`] : [];
}
