/**
 * Ctrl-C and SIGTERM for the long-running commands (`serve`, `watch`). The handlers are installed before
 * anything else starts, so a stop in the first second is an orderly one too: the poll in flight gets a
 * few seconds to finish, the data folder lock is released (see data-lock.ts) and the exit code is 0. A
 * second signal ends the process at once.
 */
import type { SpendbarHost } from '../core/host/host.js';

/** How long a stop waits for the poll in flight before giving up on it. */
export const STOP_GRACE_MS = 5_000;

export interface StopSignal {
  /** Resolves at the first SIGINT or SIGTERM. */
  readonly stopped: Promise<void>;
  readonly requested: boolean;
}

export function listenForStop(): StopSignal {
  let requested = false;
  const stopped = new Promise<void>((resolve) => {
    const stop = () => {
      requested = true;
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      const now = () => process.exit(130);
      process.once('SIGINT', now);
      process.once('SIGTERM', now);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return {
    stopped,
    get requested() {
      return requested;
    },
  };
}

/** Closes the host, waiting at most STOP_GRACE_MS for the poll in flight; true if it closed in time. */
export async function closeWithin(host: SpendbarHost, graceMs = STOP_GRACE_MS): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const closed = await Promise.race([
    host.close().then(() => true),
    new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), graceMs))),
  ]);
  clearTimeout(timer);
  return closed;
}
