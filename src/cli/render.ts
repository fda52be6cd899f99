/** Plain-text rendering of the overview for the terminal. */
import type { AccountView, ConvertedTotal, Overview } from '../shared/api.js';
import { formatMoney } from '../shared/format-money.js';

// C0 controls (ESC, BEL, CR, newline…), DEL, C1 controls (CSI 0x9b) and the Unicode bidi overrides that
// reorder what a terminal shows.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text from users and providers (notes, labels, error messages) as the terminal should show it: every
 * control character spelled out (`\x1b`), so a stored escape sequence can neither recolour, move the
 * cursor, rewrite the title nor hide a line. JSON output needs no such care (JSON escapes them itself).
 */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (char) => {
    const code = char.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** The totals and every account; `shown` leaves out accounts already printed (poll on a terminal). */
export function renderOverview(overview: Overview, shown: ReadonlySet<string> = new Set()): string {
  const lines: string[] = [];
  if (overview.demo) lines.push('Demo data');
  for (const warning of overview.warnings) lines.push(`! ${terminalSafe(warning)}`);
  const totals = overview.totals.map((total) => `${total.monthToDate} ${terminalSafe(total.currency)}`).join(' + ') || 'nothing recorded';
  lines.push(`Month to date (${overview.month}): ${totals}`);
  if (overview.converted) lines.push(convertedLine(overview.converted));
  if (overview.accounts.length === 0) {
    lines.push('No accounts yet. Set a key (e.g. OPENROUTER_API_KEY) or run `spendbar accounts add PROVIDER`, or add a manual entry.');
  }
  for (const account of overview.accounts) if (!shown.has(account.id)) lines.push(...accountLines(account));
  for (const agent of overview.apiEquivalent ?? []) {
    const unpriced = agent.unpriced.length > 0 ? `; unpriced: ${terminalSafe(agent.unpriced.join(', '))}` : '';
    lines.push(`  ${terminalSafe(agent.name)} on a subscription: ${agent.requests} calls, ${agent.cost} ${agent.currency} at API prices (API-equivalent, not spend${unpriced})`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * "Approximately €510.83 (ECB reference rates bundled with Spendbar of 2024-06-28, over a week old;
 * leaves out XAF, which has no rate)": rounded here, once, to the currency's usual digits.
 */
export function convertedLine(converted: ConvertedTotal): string {
  const amount = formatMoney(converted.amount, converted.currency, { precision: 'total', locale: 'en-US' });
  const age = converted.stale ? ', over a week old' : '';
  const left = converted.excluded.length > 0 ? `; leaves out ${converted.excluded.join(', ')}, which ${converted.excluded.length === 1 ? 'has' : 'have'} no rate` : '';
  return `Approximately ${amount} in ${converted.currency} (${converted.ratesSource} of ${converted.ratesDate}${age}${left})`;
}

/** One account: its status and figures, then why it failed and its notes. */
export function renderAccount(account: AccountView): string {
  return `${accountLines(account).join('\n')}\n`;
}

function accountLines(account: AccountView): string[] {
  const spend = account.monthToDate ? `${account.monthToDate.amount} ${terminalSafe(account.monthToDate.currency)} (${account.monthToDate.confidence})` : '—';
  const balance = account.balances.length > 0 ? account.balances.map((b) => `${b.amount} ${terminalSafe(b.currency)} (${b.confidence})`).join(', ') : '—';
  const lines = [`  ${terminalSafe(account.providerName)} [${terminalSafe(account.account)}]  ${account.status}  spent ${spend}  balance ${balance}`];
  if (account.error) lines.push(`      ${account.error.kind}: ${terminalSafe(account.error.message)}`);
  const month = account.reconciliation?.month;
  if (month) {
    const percent = month.percent === null ? '' : ` (${month.percent}%)`;
    lines.push(`      Tracked ${month.tracked} ${month.currency} against official ${month.official} ${month.currency}: difference ${month.difference}${percent}`);
  }
  for (const note of account.notes) lines.push(`      ${terminalSafe(note)}`);
  return lines;
}

/** The fixed JSON of `poll --json` and `status --json` (the command line contract in docs/cli.md). */
export function overviewJson(overview: Overview): string {
  return `${JSON.stringify(overview, null, 2)}\n`;
}
