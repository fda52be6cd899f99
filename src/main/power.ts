/**
 * Polling pauses while the machine sleeps or is offline, and resumes only when neither holds (waking up
 * without a network should not start a round of failing polls). Electron's powerMonitor and net come in
 * as parameters, so this is unit-tested with fakes.
 */
import type { SpendbarHost } from '../core/host/host.js';

type PauseReason = Parameters<SpendbarHost['pause']>[0];

export interface PowerEvents {
  on(event: 'suspend' | 'resume', listener: () => void): unknown;
  removeListener(event: 'suspend' | 'resume', listener: () => void): unknown;
}

export interface PowerWatchOptions {
  host: Pick<SpendbarHost, 'pause' | 'resume'>;
  powerMonitor: PowerEvents;
  /** `net.isOnline`; Electron has no online/offline event in the main process, so it is polled. */
  isOnline: () => boolean;
  /** How often to look while online (default a minute): an idle tray app should hardly ever wake. */
  onlineCheckMs?: number;
  /** How often to look while offline (default 5 s), so polling resumes soon after a laptop joins Wi-Fi. */
  offlineCheckMs?: number;
  setInterval?: (callback: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
}

/** Starts watching; returns a function that stops it. */
export function watchPowerAndNetwork(options: PowerWatchOptions): () => void {
  const { host, powerMonitor, isOnline } = options;
  const every = options.setInterval ?? ((callback, ms) => setInterval(callback, ms));
  const stopEvery = options.clearInterval ?? ((handle) => clearInterval(handle as NodeJS.Timeout));
  const reasons = new Set<PauseReason>();

  const pause = (reason: PauseReason) => {
    if (reasons.has(reason)) return;
    reasons.add(reason);
    host.pause(reason);
  };
  const clear = (reason: PauseReason) => {
    if (!reasons.delete(reason)) return;
    if (reasons.size === 0) host.resume();
  };
  // net.isOnline() is a local check, but each look wakes the process: look rarely while online (a poll
  // that starts in the minute after the network goes is retried like any failed poll) and often while
  // offline, where the wait for the network to return is what the user notices.
  let timer: unknown;
  let period: number | undefined;
  const arm = (ms: number) => {
    if (period === ms) return;
    if (timer !== undefined) stopEvery(timer);
    period = ms;
    timer = every(checkNetwork, ms);
  };
  function checkNetwork(): void {
    if (isOnline()) {
      clear('offline');
      arm(options.onlineCheckMs ?? 60_000);
    } else {
      pause('offline');
      arm(options.offlineCheckMs ?? 5_000);
    }
  }

  const onSuspend = () => pause('sleep');
  const onResume = () => {
    // The network state may have changed while asleep; look before deciding to resume.
    checkNetwork();
    clear('sleep');
  };

  powerMonitor.on('suspend', onSuspend);
  powerMonitor.on('resume', onResume);
  checkNetwork();

  return () => {
    powerMonitor.removeListener('suspend', onSuspend);
    powerMonitor.removeListener('resume', onResume);
    stopEvery(timer);
  };
}
