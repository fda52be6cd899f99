import { setMaxListeners } from 'node:events';
import { rmSync } from 'node:fs';
import type { Overview, PollProgressEvent } from '../../shared/api.js';
import { alertView } from '../alerts/alert-center.js';
import { createApiHandlers } from './api-handlers.js';
import { assistantSetup, findInstalledCli } from './assistant-setup.js';
import { defaultDataDir } from '../store/data-dir.js';
import { createDemoDataDir } from './demo.js';
import type { HostAlert, OpenHostOptions, SpendbarHost } from './host-api.js';
import { createHttpClient, type HttpClient } from '../http/http-client.js';
import { withLinkedSignal } from '../http/linked-signal.js';
import { Scheduler, realClock } from '../scheduler/scheduler.js';
import { KeychainSecretStore, MemorySecretStore } from '../secrets/secret-store.js';
import { SpendbarService, type PollProgress } from './service.js';
import { OtlpControl } from './otlp-control.js';

/** How often the app looks for new lines in coding agents' logs between poll cycles. */
const AGENT_LOG_INTERVAL_MS = 5 * 60_000;

export async function openHost(options: OpenHostOptions): Promise<SpendbarHost> {
  const demo = options.demo ?? false;
  const dataDir = demo ? createDemoDataDir(new Date()) : options.dataDir;
  // Aborted by close(): requests in flight stop at once; files already being written finish first.
  const closing = new AbortController();
  // Every request and poll in flight listens to it (and stops listening when it ends): with all accounts
  // polled at once that is more than Node's default of 10, which is not a leak here.
  setMaxListeners(0, closing.signal);
  const service = new SpendbarService({
    dataDir,
    demo,
    env: demo ? {} : (options.env ?? process.env),
    secrets: demo ? new MemorySecretStore() : new KeychainSecretStore(),
    http: abortedBy(createHttpClient(), closing.signal),
  });
  const listeners = new Set<(overview: Overview) => void>();
  const changed = () => {
    if (listeners.size === 0) return;
    void service.overview().then((overview) => listeners.forEach((listener) => listener(overview)));
  };
  const progressListeners = new Set<(event: PollProgressEvent) => void>();
  const progress: PollProgress = (event) => {
    const step = { ...event, at: new Date().toISOString() };
    progressListeners.forEach((listener) => listener(step));
  };
  const alertListeners = new Set<(alert: HostAlert) => void>();
  // One evaluation at a time: two overlapping ones would read the same state and could both notify.
  let evaluating: Promise<void> = Promise.resolve();
  const evaluateAlerts = () => {
    evaluating = evaluating.then(async () => {
      if (demo) return;
      try {
        for (const alert of await service.evaluateAlerts()) {
          const view = alertView(alert);
          alertListeners.forEach((listener) => listener(view));
        }
      } catch (error) {
        console.error('Spendbar: alerts could not be evaluated:', error);
      }
    });
    return evaluating;
  };
  // Coding agents' logs: read on every poll cycle and every few minutes (a user on a subscription may
  // have no account to poll at all). An unchanged log costs one stat; the records come in once.
  let agentLogsRead: Promise<boolean> = Promise.resolve(false);
  const readAgentLogs = (): Promise<boolean> => {
    if (demo || closing.signal.aborted) return Promise.resolve(false);
    agentLogsRead = service.agentLogs
      .readEnabled()
      .then((reports) => reports.some((report) => report.added > 0))
      .catch((error: unknown) => {
        console.error('Spendbar: agent logs could not be read:', error);
        return false;
      });
    return agentLogsRead;
  };
  let alertTimer: NodeJS.Timeout | undefined;
  let ratesTimer: NodeJS.Timeout | undefined;
  // Off by default; when on, at most one request a day (rates-refresh.ts), checked hourly.
  const refreshRates = () => {
    if (demo) return;
    void service.rates.refreshIfDue(service.preferences()).then(
      (newer) => newer && changed(),
      (error: unknown) => console.error(`Spendbar: the exchange rates could not be refreshed: ${error instanceof Error ? error.message : String(error)}`),
    );
  };
  // Calls received by the OpenTelemetry receiver change the overview like an entry does.
  const otlp = new OtlpControl(service, changed);
  const followOtlpSetting = (options.otlpFromSettings ?? false) && !demo;
  let agentLogTimer: NodeJS.Timeout | undefined;
  const scheduler = new Scheduler({
    clock: realClock,
    accounts: () =>
      demo
        ? []
        : service
            .accounts()
            .filter((account) => account.provider.kind === 'api')
            .map((account) => ({ id: account.id, intervalMs: account.intervalMs, minimumMs: account.provider.refresh.minimumMs })),
    // All accounts due in one cycle go to the service together, which polls them in parallel.
    poll: async (ids) => {
      const [outcomes] = await Promise.all([service.poll({ accountIds: ids, signal: closing.signal }, progress), readAgentLogs()]);
      if (closing.signal.aborted) return outcomes;
      // Decided before the overview goes out, so the popover's history already lists what is notified.
      await evaluateAlerts();
      changed();
      return outcomes;
    },
  });

  return {
    api: createApiHandlers(service, {
      refresh: async (accountId) => {
        if (!demo) await scheduler.refreshNow(accountId);
        changed();
      },
      changed,
      launchAtLoginAvailable: options.launchAtLogin !== undefined,
      applyLaunchAtLogin: options.launchAtLogin,
      assistantSetup: () => {
        const env = options.env ?? process.env;
        const cli = options.locateCli ? options.locateCli() : findInstalledCli({ env, platform: process.platform });
        // The assistant starts the CLI without this process's SPENDBAR_DATA_DIR.
        return assistantSetup(cli, options.dataDir, defaultDataDir({ ...env, SPENDBAR_DATA_DIR: undefined }));
      },
      applyShortcut: options.applyShortcut,
      ratesRefreshChanged: (enabled) => enabled && refreshRates(),
      otlpStatus: () => otlp.status(),
      applyOtlpReceiver: async (setting) => {
        if (followOtlpSetting) await otlp.apply(setting);
      },
    }),
    startOtlpReceiver: (port) => otlp.force(port),
    start: () => {
      scheduler.start();
      if (followOtlpSetting) void otlp.apply(service.preferences().otlpReceiver);
      // Releases alerts held for quiet hours even when no account is due for hours (AWS: twice a day).
      alertTimer ??= setInterval(() => void evaluateAlerts().then(changed), 15 * 60_000).unref();
      ratesTimer ??= setInterval(refreshRates, 60 * 60_000).unref();
      refreshRates();
      if (!agentLogTimer) {
        const readAndShow = () => void readAgentLogs().then((added) => (added ? evaluateAlerts().then(changed) : undefined));
        agentLogTimer = setInterval(readAndShow, AGENT_LOG_INTERVAL_MS).unref();
        readAndShow();
      }
    },
    pause: () => scheduler.pause(),
    resume: () => scheduler.resume(),
    onAlert(listener) {
      alertListeners.add(listener);
      return () => alertListeners.delete(listener);
    },
    onProgress(listener) {
      progressListeners.add(listener);
      return () => progressListeners.delete(listener);
    },
    onOverview(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get warnings() {
      return service.warnings;
    },
    async close() {
      scheduler.stop();
      closing.abort();
      clearInterval(alertTimer);
      clearInterval(ratesTimer);
      clearInterval(agentLogTimer);
      await scheduler.idle();
      await otlp.close();
      await agentLogsRead;
      await evaluating;
      if (demo) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Every request also stops when `signal` aborts, whether or not its adapter passes a signal of its own. */
function abortedBy(http: HttpClient, signal: AbortSignal): HttpClient {
  // Not AbortSignal.any: `signal` lives as long as the app, and on Node 20 it would keep every request's
  // combined signal alive (linked-signal.ts).
  return {
    json: (request) =>
      request.signal ? withLinkedSignal([request.signal, signal], (both) => http.json({ ...request, signal: both })) : http.json({ ...request, signal }),
  };
}
