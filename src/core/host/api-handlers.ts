/**
 * The contract's calls bound to a service. Every request is validated with its schema before anything
 * runs, so the Electron IPC and the `serve` HTTP front ends share one gate.
 */
import { apiContract, apiNames, describeRequestIssues, type ApiName, type AssistantSetup, type ApiRequest, type ApiResponse, type OtlpReceiverStatus, type SpendbarApi } from '../../shared/api.js';
import { InputError, NotFoundError } from '../model/input-error.js';
import { providers } from '../providers/registry.js';
import { assistantSetup } from './assistant-setup.js';
import type { StoredPreferences } from '../accounts/settings-store.js';
import { idleOtlpStatus } from './otlp-control.js';
import type { SpendbarService } from './service.js';
import { shortcutOf } from '../rates/glance-preferences.js';

export interface HandlerHooks {
  /** Manual refresh through the scheduler (so it also resets due times). */
  refresh(accountId?: string): Promise<void>;
  /** Called after a change the overview must reflect. */
  changed(): void;
  /** True in Electron, where the app can register itself as a login item. */
  launchAtLoginAvailable: boolean;
  applyLaunchAtLogin?: (enabled: boolean) => void;
  /** The MCP snippets with the installed CLI's absolute paths (assistant-setup.ts). */
  assistantSetup?: () => AssistantSetup;
  /**
   * Registers the global shortcut (Electron only), releasing the previous one; null releases it. A
   * refusal (another app holds the keys) comes back as a message, and the preference is not saved.
   */
  applyShortcut?: (accelerator: string | null) => { ok: true } | { ok: false; message: string };
  /** Called when the user turns the daily rates refresh on, so it runs now rather than within the hour. */
  ratesRefreshChanged?: (enabled: boolean) => void;
  /** The local OpenTelemetry receiver: its state, and following a changed setting. */
  otlpStatus?(): OtlpReceiverStatus;
  applyOtlpReceiver?(setting: StoredPreferences['otlpReceiver']): Promise<void>;
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
    getPreferences: async () => preferencesView(service, hooks),
    setPreferences: async (request) => {
      const before = service.preferences();
      if (request.shortcut !== undefined) applyShortcut(shortcutOf(request.shortcut), hooks);
      let saved;
      try {
        saved = await service.setPreferences(request);
      } catch (error) {
        // Not saved: the shortcut that was in force stays in force.
        if (request.shortcut !== undefined) hooks.applyShortcut?.(before.shortcut);
        throw error;
      }
      if (request.launchAtLogin !== undefined) hooks.applyLaunchAtLogin?.(saved.launchAtLogin);
      if (request.ratesRefresh !== undefined && request.ratesRefresh !== before.ratesRefresh) hooks.ratesRefreshChanged?.(saved.ratesRefresh);
      // The converted total and the tray title follow these at once.
      if (request.displayCurrency !== undefined || request.userRates !== undefined || request.trayTitle !== undefined) hooks.changed();
      if (request.otlpReceiver !== undefined) await hooks.applyOtlpReceiver?.(saved.otlpReceiver);
      return preferencesView(service, hooks);
    },
    getAssistantSetup: async () => hooks.assistantSetup?.() ?? assistantSetup(null, '', ''),
    getOtlpReceiverStatus: async () => hooks.otlpStatus?.() ?? idleOtlpStatus(service.preferences().otlpReceiver.port),
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

function preferencesView(service: SpendbarService, hooks: HandlerHooks): ApiResponse<'getPreferences'> {
  const reference = service.rates.reference();
  return {
    ...service.preferences(),
    launchAtLoginAvailable: hooks.launchAtLoginAvailable,
    shortcutAvailable: hooks.applyShortcut !== undefined,
    referenceCurrencies: [reference.base, ...Object.keys(reference.rates)].sort(),
    referenceDate: reference.date,
  };
}

function applyShortcut(accelerator: string | null, hooks: HandlerHooks): void {
  if (!hooks.applyShortcut) {
    if (accelerator === null) return;
    throw new InputError('Only the desktop app can have a global shortcut; this browser page cannot register one.', 'shortcut');
  }
  const result = hooks.applyShortcut(accelerator);
  if (!result.ok) throw new InputError(result.message, 'shortcut');
}
