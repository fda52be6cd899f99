/**
 * `spendbar watch [--json]`: the app's scheduler in a terminal. Polls every account when due, prints a
 * line when the month-to-date changes and one per alert (with --json, only alerts, one JSON object a
 * line). Ctrl-C stops: the poll in flight gets a few seconds to finish, a second Ctrl-C exits at once.
 */
import { defaultDataDir } from '../core/data-dir.js';
import { openHost, type HostAlert } from '../core/host.js';
import type { Overview } from '../shared/api.js';
import { parse } from './args.js';
import { terminalSafe } from './render.js';

/** How long a stop waits for the poll in flight before giving up on it. */
const STOP_GRACE_MS = 5_000;

export type Write = (text: string) => void;

export async function watch(argv: string[], out: Write): Promise<number> {
  const { values } = parse(argv, { json: { type: 'boolean' } }, 'spendbar watch [--json]');
  const host = await openHost({ dataDir: defaultDataDir() });
  for (const warning of host.warnings) process.stderr.write(`Warning: ${warning}\n`);

  const stopAlerts = host.onAlert((alert) => out(values.json ? `${JSON.stringify(alert)}\n` : renderAlert(alert)));
  let lastTotals = '';
  const stopOverviews = host.onOverview((overview) => {
    if (values.json || overview.polling) return;
    const totals = totalsText(overview);
    if (totals === lastTotals) return;
    lastTotals = totals;
    out(`${clock(new Date())}  month to date (${overview.month}): ${totals}\n`);
  });

  process.stderr.write('Watching Spendbar accounts; press Ctrl-C to stop.\n');
  host.start();
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });

  const now = () => process.exit(130);
  process.once('SIGINT', now);
  stopAlerts();
  stopOverviews();
  let timer: NodeJS.Timeout | undefined;
  const closed = await Promise.race([
    host.close().then(() => true),
    new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), STOP_GRACE_MS))),
  ]);
  clearTimeout(timer);
  process.off('SIGINT', now);
  if (!closed) {
    process.stderr.write('Stopped without waiting for the poll in flight (its result is not stored).\n');
    // The request in flight would keep the process alive until its own timeout.
    process.exit(0);
  }
  return 0;
}

/** "! Low balance: OpenRouter (work) — 5.50 USD left, below your 10.00 USD alert." */
export function renderAlert(alert: HostAlert): string {
  return `! ${terminalSafe(alert.title)} — ${terminalSafe(alert.body)}\n`;
}

function totalsText(overview: Overview): string {
  return overview.totals.map((total) => `${total.monthToDate} ${total.currency}`).join(' + ') || 'nothing recorded';
}

function clock(date: Date): string {
  return date.toTimeString().slice(0, 8);
}
