/**
 * The contract's calls bound to a service. Every request is validated with its schema before anything
 * runs, so the Electron IPC and the `serve` HTTP front ends share one gate.
 */
import { apiContract, apiNames, describeRequestIssues, type ApiName, type ApiRequest, type ApiResponse, type SpendbarApi } from '../../shared/api.js';
import { InputError, NotFoundError } from '../model/input-error.js';
import { providers } from '../providers/registry.js';
import type { SpendbarService } from './service.js';

export interface HandlerHooks {
  /** Manual refresh through the scheduler (so it also resets due times). */
  refresh(accountId?: string): Promise<void>;
  /** Called after a change the overview must reflect. */
  changed(): void;
  /** True in Electron, where the app can register itself as a login item. */
  launchAtLoginAvailable: boolean;
  applyLaunchAtLogin?: (enabled: boolean) => void;
}

type Implementations = { [N in ApiName]: (request: ApiResponse<N> extends never ? never : ApiRequest<N>) => Promise<ApiResponse<N>> };

export function createApiHandlers(service: SpendbarService, hooks: HandlerHooks): SpendbarApi {
  const implementations: Implementations = {
    getOverview: (request) => service.overview(request.month),
    refresh: async (request) => {
      if (request.accountId !== undefined && !service.hasAccount(request.accountId)) throw new NotFoundError(`No account ${request.accountId}.`, 'accountId');
      await hooks.refresh(request.accountId);
      return service.overview();
    },
    listEntries: async () => ({ entries: service.listEntries() }),
    addEntry: async (request) => {
      const entry = await service.addEntry(request);
      hooks.changed();
      return { id: entry.id };
    },
    updateEntry: async ({ id, ...changes }) => {
      const entry = await service.updateEntry(id, changes);
      hooks.changed();
      return entry;
    },
    deleteEntry: async (request) => {
      const deleted = await service.deleteEntry(request.id);
      hooks.changed();
      return { deleted };
    },
    restoreEntry: async (request) => {
      const entry = await service.restoreEntry(request);
      hooks.changed();
      return { id: entry.id };
    },
    listProviders: async () => ({
      providers: providers.map((provider) => ({
        id: provider.id,
        name: provider.name,
        monogram: { ...provider.monogram },
        kind: provider.kind,
        keyHelp: provider.keyHelp,
        keyUrl: provider.keyUrl ?? null,
        credentials: provider.credentials.map((spec) => ({ name: spec.name, label: spec.label, env: spec.env, secret: spec.secret, optional: spec.optional ?? false, routesKey: spec.routesKey ?? false })),
        settings: (provider.settings ?? []).map((spec) => ({ name: spec.name, label: spec.label, help: spec.help, optional: spec.optional ?? true, routesKey: spec.routesKey ?? false })),
        defaultIntervalMinutes: provider.refresh.defaultMs / 60_000,
        minimumIntervalMinutes: provider.refresh.minimumMs / 60_000,
        costPerRefresh: provider.costPerRefresh ? { ...provider.costPerRefresh } : null,
      })),
    }),
    listAccounts: async () => ({ accounts: await service.accountSummaries() }),
    testConnection: async (request) => {
      const { ok, account, error } = await service.testConnection(request);
      return { ok, account, error };
    },
    saveAccount: async (request) => {
      const id = await service.saveAccount(request);
      hooks.changed();
      return { id };
    },
    removeAccount: async (request) => {
      const removed = await service.removeAccountById(request.id);
      hooks.changed();
      return { removed };
    },
    getPreferences: async () => ({ ...service.preferences(), launchAtLoginAvailable: hooks.launchAtLoginAvailable }),
    setPreferences: async (request) => {
      const saved = await service.setPreferences(request);
      if (request.launchAtLogin !== undefined) hooks.applyLaunchAtLogin?.(saved.launchAtLogin);
      return { ...saved, launchAtLoginAvailable: hooks.launchAtLoginAvailable };
    },
    getAlertSettings: async () => service.alertSettings(),
    setAlertSettings: async (request) => service.setAlertSettings(request),
    getTrackedSources: async () => ({ sources: service.agentLogs.list() }),
    setTrackedSource: async ({ source, ...change }) => {
      const setting = await service.agentLogs.save(source, change);
      // Turned on (or on already): read now, so the settings show what it found without waiting for a poll.
      // (Demo data never reads the machine's real logs.)
      if (setting.enabled && !service.demo) await service.agentLogs.read(source);
      hooks.changed();
      return { sources: service.agentLogs.list() };
    },
    snoozeAlert: async (request) => {
      const snoozedUntil = await service.snoozeAlert(request.id, request.until);
      hooks.changed();
      return { snoozedUntil };
    },
  };

  const api = {} as Record<ApiName, (request: unknown) => Promise<unknown>>;
  for (const name of apiNames) {
    api[name] = async (request: unknown) => {
      const parsed = apiContract[name].request.safeParse(request ?? {});
      if (!parsed.success) {
        const { message, field } = describeRequestIssues(name, parsed.error.issues);
        throw new InputError(message, field);
      }
      return (implementations[name] as (request: unknown) => Promise<unknown>)(parsed.data);
    };
  }
  return api as unknown as SpendbarApi;
}
