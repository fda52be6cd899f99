/**
 * `spendbar watch [--json] [--otlp[=PORT]]`: the app's scheduler in a terminal (with --otlp, also the
 * local OpenTelemetry receiver). Polls every account when due, prints a
 * line when the month-to-date changes and one per alert (with --json, only alerts, one JSON object a
 * line). Ctrl-C stops: the poll in flight gets a few seconds to finish, a second Ctrl-C exits at once.
 */
import { defaultDataDir } from '../core/store/data-dir.js';
import { openHost, type HostAlert } from '../core/host/host.js';
import type { Overview } from '../shared/api.js';
import { parse } from './args.js';
import { otlpOption, otlpPort, startOtlpReceiver, withOtlpDefault } from './otlp-flag.js';
import { terminalSafe } from './render.js';
import { closeWithin, listenForStop } from './stop-signal.js';

export type Write = (text: string) => void;

export async function watch(argv: string[], out: Write): Promise<number> {
  const { values } = parse(withOtlpDefault(argv), { json: { type: 'boolean' }, ...otlpOption }, 'spendbar watch [--json] [--otlp[=PORT]]');
  const otlp = otlpPort(values.otlp);
  const stop = listenForStop();
  const host = await openHost({ dataDir: defaultDataDir() });
  for (const warning of host.warnings) process.stderr.write(`Warning: ${warning}\n`);
  if (otlp !== undefined && !(await startOtlpReceiver(host, otlp))) {
    await host.close();
    return 1;
  }

  const stopAlerts = host.onAlert((alert) => out(values.json ? `${JSON.stringify(alert)}\n` : renderAlert(alert)));
  let lastTotals = '';
  const stopOverviews = host.onOverview((overview) => {
    if (values.json || overview.polling) return;
    const totals = totalsText(overview);
    if (totals === lastTotals) return;
    lastTotals = totals;
    out(`${clock(new Date())}  month to date (${overview.month}): ${totals}\n`);
  });

  if (!stop.requested) {
    process.stderr.write('Watching Spendbar accounts; press Ctrl-C to stop.\n');
    host.start();
  }
  await stop.stopped;

  stopAlerts();
  stopOverviews();
  const closed = await closeWithin(host);
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
