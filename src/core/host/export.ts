/**
 * Export of a month: what each account spent (per day where known), balances, the manual entries, the
 * reconciliation of tracked usage against the official figure (by day and for the month; `difference`
 * rows carry the percent in their note) and coding agents' API-equivalent usage (never spend). CSV for
 * spreadsheets, JSON for scripts. Keys are never part of it.
 */
import type { LedgerEntryDto, Overview } from '../../shared/api.js';

const header = ['record', 'provider', 'account', 'date', 'kind', 'amount', 'currency', 'confidence', 'note'];

export function exportCsv(overview: Overview, entries: readonly LedgerEntryDto[]): string {
  const rows: string[][] = [header];
  for (const account of overview.accounts) {
    if (account.monthToDate) {
      rows.push(['month_to_date', account.provider, account.account, overview.month, '', account.monthToDate.amount, account.monthToDate.currency, account.monthToDate.confidence, '']);
    }
    for (const balance of account.balances) {
      rows.push(['balance', account.provider, account.account, account.updatedAt ?? '', '', balance.amount, balance.currency, balance.confidence, '']);
    }
    for (const day of account.dailySpend) {
      rows.push(['daily_spend', account.provider, account.account, day.date, '', day.amount, day.currency, 'official', '']);
    }
    const reconciliation = account.reconciliation;
    if (reconciliation) {
      for (const [date, figure] of [[overview.month, reconciliation.month] as const, ...reconciliation.days.map((day) => [day.date, day] as const)]) {
        const row = (kind: string, amount: string | null, confidence: string, note = '') =>
          amount === null ? [] : [['reconciliation', account.provider, account.account, date, kind, amount, figure.currency, confidence, note]];
        rows.push(...row('official', figure.official, 'official'), ...row('tracked', figure.tracked, 'estimated'), ...row('difference', figure.difference, 'estimated', figure.percent === null ? '' : `${figure.percent}%`));
      }
    }
  }
  for (const agent of overview.apiEquivalent ?? []) {
    const unpriced = agent.unpriced.length > 0 ? `; unpriced: ${agent.unpriced.join(' ')}` : '';
    rows.push(['api_equivalent', agent.provider, agent.source, overview.month, 'subscription', agent.cost, agent.currency, 'estimated', `${agent.requests} calls at API prices, not spend${unpriced}`]);
  }
  for (const entry of entries.filter((item) => item.date.startsWith(`${overview.month}-`))) {
    rows.push(['entry', entry.provider, entry.account, entry.date, entry.kind, entry.amount, entry.currency, 'manual', entry.note]);
  }
  return `${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}

export function exportJson(overview: Overview, entries: readonly LedgerEntryDto[]): string {
  return `${JSON.stringify(
    {
      month: overview.month,
      generatedAt: overview.generatedAt,
      totals: overview.totals,
      accounts: overview.accounts,
      apiEquivalent: overview.apiEquivalent ?? [],
      entries: entries.filter((item) => item.date.startsWith(`${overview.month}-`)),
    },
    null,
    2,
  )}\n`;
}

/** RFC 4180 quoting, and a leading quote for cells a spreadsheet would run as a formula. */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d+(\.\d+)?$/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
