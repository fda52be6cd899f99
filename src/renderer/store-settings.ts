/** Providers, accounts and preferences in the store, for Settings and the entry form. */
import type { SpendbarBridge } from './bridge/types';
import { errorMessage as message } from './errors';
import type { GetState, SetState, SettingsSlice } from './store-types';

export type { SettingsSlice };

export function createSettingsSlice(api: SpendbarBridge, set: SetState, _get: GetState, reloadOverview: () => Promise<void>): SettingsSlice {
  const reloadAccounts = async () => {
    const { accounts } = await api.listAccounts({});
    set({ accounts });
  };

  return {
    providers: [],
    accounts: [],
    preferences: null,
    assistantSetup: null,
    settingsError: null,

    async loadPreferences() {
      try {
        set({ preferences: await api.getPreferences({}) });
      } catch (error) {
        set({ settingsError: message(error) });
      }
    },

    async loadSettings() {
      const results = await Promise.allSettled([
        api.listProviders({}).then(({ providers }) => set({ providers })),
        reloadAccounts(),
        api.getPreferences({}).then((preferences) => set({ preferences })),
        api.getAssistantSetup({}).then((assistantSetup) => set({ assistantSetup })),
      ]);
      const failure = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
      set({ settingsError: failure ? message(failure.reason) : null });
    },

    testConnection: (request) => api.testConnection(request),

    async saveAccount(request) {
      const { id } = await api.saveAccount(request);
      await Promise.all([reloadAccounts().catch((error: unknown) => set({ settingsError: message(error) })), reloadOverview()]);
      return id;
    },

    async removeAccount(id) {
      await api.removeAccount({ id });
      await Promise.all([reloadAccounts().catch((error: unknown) => set({ settingsError: message(error) })), reloadOverview()]);
    },

    async setPreferences(request) {
      set({ preferences: await api.setPreferences(request) });
      // The converted total is an engine figure: read it again once its currency or rates change.
      if (request.displayCurrency !== undefined || request.userRates !== undefined) await reloadOverview();
      if (request.otlpReceiver) await api.getOtlpReceiverStatus({}).then((otlpStatus) => set({ otlpStatus }));
    },

    otlpStatus: null,

    async loadOtlpStatus() {
      set({ otlpStatus: await api.getOtlpReceiverStatus({}) });
    },
  };
}
