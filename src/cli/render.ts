/** Plain-text rendering of the overview for the terminal. */
import type { AccountView, Overview } from '../shared/api.js';

/** The totals and every account; `shown` leaves out accounts already printed (poll on a terminal). */
export function renderOverview(overview: Overview, shown: ReadonlySet<string> = new Set()): string {
  const lines: string[] = [];
  if (overview.demo) lines.push('Demo data');
  for (const warning of overview.warnings) lines.push(`! ${warning}`);
  const totals = overview.totals.map((total) => `${total.monthToDate} ${total.currency}`).join(' + ') || 'nothing recorded';
  lines.push(`Month to date (${overview.month}): ${totals}`);
  if (overview.accounts.length === 0) {
    lines.push('No accounts yet. Set a key (e.g. OPENROUTER_API_KEY) or run `spendbar accounts add PROVIDER`, or add a manual entry.');
  }
  for (const account of overview.accounts) if (!shown.has(account.id)) lines.push(...accountLines(account));
  return `${lines.join('\n')}\n`;
}

/** One account: its status and figures, then why it failed and its notes. */
export function renderAccount(account: AccountView): string {
  return `${accountLines(account).join('\n')}\n`;
}

function accountLines(account: AccountView): string[] {
  const spend = account.monthToDate ? `${account.monthToDate.amount} ${account.monthToDate.currency} (${account.monthToDate.confidence})` : '—';
  const balance = account.balances.length > 0 ? account.balances.map((b) => `${b.amount} ${b.currency} (${b.confidence})`).join(', ') : '—';
  const lines = [`  ${account.providerName} [${account.account}]  ${account.status}  spent ${spend}  balance ${balance}`];
  if (account.error) lines.push(`      ${account.error.kind}: ${account.error.message}`);
  for (const note of account.notes) lines.push(`      ${note}`);
  return lines;
}

/** The fixed JSON of `poll --json` and `status --json` (DESIGN.md's command line contract). */
export function overviewJson(overview: Overview): string {
  return `${JSON.stringify(overview, null, 2)}\n`;
}
