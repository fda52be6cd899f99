import { rmSync } from 'node:fs';
import type { Overview } from '../shared/api.js';
import { createApiHandlers } from './api-handlers.js';
import { createDemoDataDir } from './demo.js';
import type { OpenHostOptions, SpendbarHost } from './host.js';
import { createHttpClient } from './http/http-client.js';
import { Scheduler, realClock } from './scheduler/scheduler.js';
import { KeychainSecretStore, MemorySecretStore } from './secrets/secret-store.js';
import { SpendbarService } from './service.js';

export async function openHost(options: OpenHostOptions): Promise<SpendbarHost> {
  const demo = options.demo ?? false;
  const dataDir = demo ? createDemoDataDir(new Date()) : options.dataDir;
  const service = new SpendbarService({
    dataDir,
    demo,
    env: demo ? {} : (options.env ?? process.env),
    secrets: demo ? new MemorySecretStore() : new KeychainSecretStore(),
    http: createHttpClient(),
  });
  const listeners = new Set<(overview: Overview) => void>();
  const changed = () => {
    if (listeners.size === 0) return;
    void service.overview().then((overview) => listeners.forEach((listener) => listener(overview)));
  };
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
      const outcomes = await service.poll({ accountIds: ids }, changed);
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
    }),
    start: () => scheduler.start(),
    pause: () => scheduler.pause(),
    resume: () => scheduler.resume(),
    onOverview(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get warnings() {
      return service.warnings;
    },
    async close() {
      scheduler.stop();
      await scheduler.idle();
      if (demo) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
