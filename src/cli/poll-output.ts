/**
 * What `spendbar poll` shows while it runs. On a terminal each account is printed as soon as its poll
 * ends (a slow provider does not hold back the others); the totals follow at the end. Accounts whose
 * provider asked to wait are named on stderr with the time, in every output mode.
 */
import { formatWaitTime } from '../core/scheduler/retry-waits.js';
import type { PollProgress, SpendbarService } from '../core/host/service.js';
import { renderAccount } from './render.js';

export interface PollPrinter {
  readonly onProgress: PollProgress | undefined;
  /** Accounts already printed; waits until every pending line is out. */
  finish(): Promise<ReadonlySet<string>>;
}

export function pollPrinter(service: SpendbarService, options: { json: boolean; month?: string; stdoutIsTty: boolean; stderrIsTty: boolean }, out: (text: string) => void): PollPrinter {
  const printed = new Set<string>();
  let queue: Promise<void> = Promise.resolve();
  const live = options.stdoutIsTty && !options.json;
  const onProgress: PollProgress = (event) => {
    if (event.state === 'started') {
      if (!live && options.stderrIsTty) process.stderr.write(`Polling ${event.accountId}\n`);
      return;
    }
    if (!live) {
      if (options.stderrIsTty && event.state !== 'waiting') process.stderr.write(`${event.state === 'done' ? 'Done' : 'Failed'} ${event.accountId}\n`);
      return;
    }
    queue = queue.then(async () => {
      const view = (await service.overview(options.month)).accounts.find((account) => account.id === event.accountId);
      if (!view) return;
      printed.add(view.id);
      out(renderAccount(view));
    });
  };
  return {
    onProgress,
    async finish() {
      await queue;
      return printed;
    },
  };
}

/** "Not polled: openai:env — …": said on stderr so that `--json` stays one document on stdout. */
export function reportWaits(outcomes: readonly { accountId: string; waitingUntil?: string }[]): void {
  for (const outcome of outcomes) {
    if (outcome.waitingUntil === undefined) continue;
    process.stderr.write(
      `Not polled: ${outcome.accountId} — its provider asked Spendbar to wait until ${formatWaitTime(outcome.waitingUntil)}. ` +
        '`spendbar poll --force` asks now anyway.\n',
    );
  }
}
